import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GazetteCore
import GazetteStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import stories from other systems.",
        subcommands: [JSONLines.self, WordPress.self, Ghost.self, Disqus.self, Feed.self, GazetteFile.self]
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
            let lines = try readText(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let total = lines.count
            let summary = try await withStore(store, label: "gazette.import", announce: true) { store in
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

    struct WordPress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wordpress",
            abstract: "Import a WordPress export (WXR, from Tools → Export): posts, categories, tags, authors, comments, old addresses.",
            discussion: "Drafts, pending and private posts come in as drafts; old permalinks and /?p=ID answer 301. Running it again creates nothing."
        )
        @Argument(help: "The export file (.xml).") var file: String
        @Option(name: .customLong("uploads"), help: "The site's wp-content/uploads folder: featured and inline images become library photos with their caption and alt text.")
        var uploads: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runImport(try readExport(file) { try WordPressExport.read(try readText(file)) }, uploads: try folder(uploads), store: store)
        }
    }

    struct Ghost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ghost",
            abstract: "Import a Ghost export (JSON, from Settings → Labs → Export): posts, tags (the primary one as rubric), authors."
        )
        @Argument(help: "The export file (.json).") var file: String
        @Option(name: .customLong("uploads"), help: "The site's content/images folder: feature and inline images become library photos.")
        var uploads: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runImport(try readExport(file) { try GhostExport.read(try readData(file)) }, uploads: try folder(uploads), store: store)
        }
    }

    struct Disqus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disqus",
            abstract: "Import a Disqus comments export (XML): threads matched to stories by address, replies threaded."
        )
        @Argument(help: "The export file (.xml).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await runImport(try readExport(file) { try DisqusExport.read(try readText(file)) }, store: store)
        }
    }

    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed",
            abstract: "Import the items of an RSS or Atom feed (a file or an http(s) address) as published stories."
        )
        @Argument(help: "The feed: a file or an http(s) URL.") var source: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let text: String
            if source.hasPrefix("http://") || source.hasPrefix("https://") {
                guard let url = URL(string: source) else { throw CLIError("\(source) is not a URL") }
                do {
                    let (data, response) = try await URLSession.shared.data(from: url)
                    guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw CLIError("\(source) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)") }
                    text = String(decoding: data, as: UTF8.self)
                } catch let error as CLIError { throw error } catch {
                    throw CLIError("cannot fetch \(source): \((error as NSError).localizedDescription)")
                }
            } else {
                text = try readText(source)
            }
            try await runImport(try readExport(source) { try FeedExport.read(text) }, store: store)
        }
    }


    struct GazetteFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gazette",
            abstract: "Read back a file from gazette export into this site (a fresh one gives back the same site).",
            discussion: "Rows already here (same id) are left alone, so a stopped import can run again."
        )
        @Argument(help: "The export file (.json).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let data = try readData(file)
            let start = ContinuousClock.now
            let summary = try await withStore(store, label: "gazette.import", announce: true) { store in
                do {
                    return try await store.siteExport.importSite(data) { table, rows in printError("… \(table): \(rows)") }
                } catch let error as SiteExport.ImportError {
                    throw CLIError("\(file): \(error.description)")
                }
            }
            let seconds = secondsSince(start)
            let stories = summary.rows["stories"] ?? 0
            print("Imported \(stories) stories, \(summary.rows["comments"] ?? 0) comments, \(summary.rows["users"] ?? 0) people; "
                + "\(summary.alreadyThere.values.reduce(0, +)) rows were already here")
            print(String(format: "took %.1f s (%.0f stories/s)", seconds, Double(stories) / seconds))
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

func readText(_ file: String) throws -> String {
    do {
        return try String(contentsOfFile: file, encoding: .utf8)
    } catch {
        throw CLIError("cannot read \(file): \((error as NSError).localizedDescription)")
    }
}

func readData(_ file: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
        throw CLIError("cannot read \(file): \((error as NSError).localizedDescription)")
    }
}

/// Runs an export reader: a file that is not what it says is one line naming it.
func readExport(_ source: String, _ read: () throws -> ImportBundle) throws -> ImportBundle {
    do {
        return try read()
    } catch let error as CLIError {
        throw error
    } catch let error as any CustomStringConvertible & Error {
        throw CLIError("\(source): \(error.description)")
    }
}

/// Writes a bundle with progress on standard error and the report on standard output.
/// A folder named on the command line, checked: a missing one is one clear line.
func folder(_ path: String?) throws -> URL? {
    guard let path else { return nil }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw CLIError("\(path): no such folder")
    }
    return URL(fileURLWithPath: path, isDirectory: true)
}

func runImport(_ bundle: ImportBundle, uploads: URL? = nil, store: StoreOptions) async throws {
    printError("read \(bundle.stories.count) stories, \(bundle.comments.count) comments, \(bundle.authors.count) authors from the \(bundle.source) export")
    let start = ContinuousClock.now
    let report = try await withStore(store, label: "gazette.import", announce: true) { store in
        try await store.imports.run(bundle, uploads: uploads) { progress in
            switch progress {
            case .photos(let done, let total): printError("… photos \(done) of \(total)")
            case .stories(let done, let total): printError("… stories \(done) of \(total)")
            case .comments(let done, let total): printError("… comments \(done) of \(total)")
            }
        }
    }
    let seconds = secondsSince(start)
    print(report.summary)
    let reasons = Dictionary(grouping: report.skips, by: \.reason)
    for (reason, skips) in reasons.sorted(by: { $0.value.count > $1.value.count }) {
        print("skipped \(skips.count): \(reason) (e.g. \(skips[0].what))")
    }
    if !report.attachments.isEmpty, uploads == nil {
        print("\(report.attachments.count) attachments named in the export; give --uploads with the uploads folder to bring them in:")
        for attachment in report.attachments.prefix(20) { print("  \(attachment)") }
    }
    print(String(format: "took %.1f s (%.0f stories/s)", seconds, Double(bundle.stories.count) / seconds))
}
