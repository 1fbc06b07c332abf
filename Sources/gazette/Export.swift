import ArgumentParser
import Foundation
import GazetteStore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole site to one JSON file (gazette import gazette reads it back).",
        discussion: """
            Stories, revisions, rubrics, tags, authors, comments with threads and moderation state, votes, \
            reports, bans, redirects, Read next choices and people. Password hashes, API tokens and the \
            site's secrets only with --with-credentials; sessions and log-in attempts never.
            """
    )

    @Argument(help: "The file to write.") var file: String
    @Flag(name: .customLong("with-credentials"), help: "Include password hashes, API tokens and the site's secrets.")
    var withCredentials = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let start = ContinuousClock.now
        let (data, summary) = try await withStore(store, label: "gazette.export") { store in
            try await store.siteExport.export(credentials: withCredentials) { table, rows in printError("… \(table): \(rows)") }
        }
        do {
            // Written beside the target and moved into place: a stopped export leaves no half file.
            let target = URL(fileURLWithPath: file)
            let partial = target.deletingLastPathComponent().appendingPathComponent("." + target.lastPathComponent + ".partial")
            try data.write(to: partial)
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: partial, to: target)
        } catch {
            throw CLIError("cannot write \(file): \((error as NSError).localizedDescription)")
        }
        let seconds = secondsSince(start)
        let stories = summary.rows["stories"] ?? 0
        print("Exported \(stories) stories, \(summary.rows["comments"] ?? 0) comments, \(summary.rows["users"] ?? 0) people to \(file) (\(data.count / 1024) KB)"
            + (withCredentials ? ", with credentials" : ", without credentials"))
        print(String(format: "took %.1f s (%.0f stories/s)", seconds, Double(stories) / seconds))
    }
}
