import ArgumentParser
import Foundation
import GazetteStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import stories from other systems.",
        subcommands: [JSONLines.self]
    )

    struct JSONLines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jsonl",
            abstract: "Import stories from JSON Lines: {\"id\", \"title\", \"body\", \"label\", \"published_at\"} per line.",
            discussion: """
                The label becomes the story's rubric. A malformed line is reported with its number \
                and skipped; importing the same file again creates no duplicates.
                """
        )

        @Argument(help: "The JSON Lines file.")
        var file: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let lines: [String]
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            } catch {
                throw CLIError("cannot read \(file): \((error as NSError).localizedDescription)")
            }
            let total = lines.count
            let summary = try await withStore(store, label: "gazette.import") { store in
                do {
                    return try await StoryImporter(store: store).run(lines: lines) { event in
                        switch event {
                        case .malformed(let line, let reason):
                            printError("\(file):\(line): skipped: \(reason)")
                        case .progress(let read):
                            printError("… \(read) of \(total) lines")
                        }
                    }
                } catch {
                    throw CLIError("import stopped: \(error)")
                }
            }
            func stories(_ n: Int) -> String { n == 1 ? "1 story" : "\(n) stories" }
            print("Imported \(stories(summary.created)); \(stories(summary.alreadyImported)) already there; \(summary.malformed) malformed line\(summary.malformed == 1 ? "" : "s") skipped.")
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
