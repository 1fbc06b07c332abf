import ArgumentParser
import Foundation
import GazetteCore
import GazetteStore

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
            let readNextStart = ContinuousClock.now
            let versions = try await store.stories.publishedVersions()
            let documents = try await store.stories.readNextDocuments(ids: Array(versions.keys))
            var lists = ReadNextLists()
            lists.load(documents, curation: [:], now: Date())
            print("read next: \(lists.index.count) published stories indexed and listed in \(ContinuousClock.now - readNextStart)")
        }
    }
}
