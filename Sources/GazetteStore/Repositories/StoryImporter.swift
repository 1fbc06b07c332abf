import Foundation
import GazetteCore

/// Imports JSON Lines (`{"id", "title", "body", "label", "published_at"}`) into the store.
/// A malformed line is reported with its number and skipped; a line imported before is
/// recognised by its id and not created twice.
public struct StoryImporter: Sendable {
    public enum Event: Sendable, Equatable {
        case malformed(line: Int, reason: String)
        case progress(linesRead: Int)
    }

    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var alreadyImported = 0
        public var malformed = 0
    }

    let stories: StoryRepository

    public init(store: Store) {
        self.stories = store.stories
    }

    public func run(
        lines: some Sequence<String>, now: Date = Date(), progressEvery: Int = 250,
        report: (Event) -> Void
    ) async throws -> Summary {
        var summary = Summary()
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            if lineNumber % progressEvery == 0 { report(.progress(linesRead: lineNumber)) }
            if line.allSatisfy(\.isWhitespace) { continue }
            let parsed: StoryImportLine
            do {
                parsed = try StoryImportLine.parse(line)
            } catch {
                summary.malformed += 1
                report(.malformed(line: lineNumber, reason: error.description))
                continue
            }
            do {
                switch try await stories.importStory(parsed.newStory(importedAt: now), now: now) {
                case .created: summary.created += 1
                case .alreadyImported: summary.alreadyImported += 1
                }
            } catch let error as ContentError {
                summary.malformed += 1
                report(.malformed(line: lineNumber, reason: error.message))
            }
        }
        return summary
    }
}
