import ArgumentParser
import Foundation
import GazetteStore
import GazetteWeb

/// Rebuilds what is derived from the stories: the full-text search index (stored) and, as a
/// check of its cost, the Read next lists (kept in each server's memory, built at start).
struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the search index from the stories, with progress, and time the Read next build."
    )
    @OptionGroup var store: StoreOptions
    @Flag(inversion: .prefixedNo, help: "Also time a Read next build (slow on very large sites: each server builds its own lists in the background).")
    var readNext = true

    func run() async throws {
        try await withStore(store, label: "gazette.reindex") { store in
            let start = ContinuousClock.now
            try await store.search.rebuild { done, total in
                print("search index: \(done)/\(total) stories")
            }
            print("search index rebuilt in \(ContinuousClock.now - start)")
            guard readNext else { return }
            // The same first build each server runs in the background.
            let readNextStart = ContinuousClock.now
            let readNext = ReadNextService(store: store, now: { Date() }, logger: makeLogger("gazette.reindex"))
            try await readNext.refresh()
            print("read next: \(await readNext.storyCount) published stories indexed and listed in \(ContinuousClock.now - readNextStart)")
        }
    }
}
