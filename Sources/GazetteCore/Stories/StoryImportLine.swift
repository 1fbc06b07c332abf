import Foundation

/// One line of a JSON Lines import: `{"id", "title", "body", "label", "published_at"}`.
public struct StoryImportLine: Sendable, Decodable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    public var label: String?
    public var publishedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, title, body, label
        case publishedAt = "published_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Ids may be written as numbers by other tools.
        if let text = try? container.decode(String.self, forKey: .id) {
            id = text
        } else {
            id = String(try container.decode(Int.self, forKey: .id))
        }
        title = try container.decode(String.self, forKey: .title)
        body = try container.decode(String.self, forKey: .body)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        publishedAt = try container.decodeIfPresent(String.self, forKey: .publishedAt)
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notJSON(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .notJSON(let detail): return "not a JSON object (\(detail))"
            case .invalid(let detail): return detail
            }
        }
    }

    /// Decodes one line, with a readable problem when it is malformed.
    public static func parse(_ line: String) throws(Problem) -> StoryImportLine {
        let decoded: StoryImportLine
        do {
            decoded = try JSONDecoder().decode(StoryImportLine.self, from: Data(line.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalid("missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw .notJSON("expected an object")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalid("wrong type for \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\"")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalid("null for \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\"")
        } catch {
            throw .notJSON("cannot be decoded")
        }
        if decoded.id.trimmingWhitespace.isEmpty { throw .invalid("empty \"id\"") }
        if decoded.title.trimmingWhitespace.isEmpty { throw .invalid("empty \"title\"") }
        if let date = decoded.publishedAt, Self.date(from: date) == nil {
            throw .invalid("\"published_at\" is not a date (\(date.prefix(40)))")
        }
        return decoded
    }

    /// Accepts `2017-02-07` (taken as noon UTC so the day survives any site time zone)
    /// and full ISO 8601 times.
    static func date(from text: String) -> Date? {
        // Format styles are values made once; an `ISO8601DateFormatter` per line was a tenth
        // of an import's time.
        if let date = try? fullTime.parse(text) { return date }
        if let date = try? fractionalTime.parse(text) { return date }
        return (try? dayOnly.parse(text)).map { $0.addingTimeInterval(12 * 3600) }
    }

    private static let fullTime = Date.ISO8601FormatStyle()
    private static let fractionalTime = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let dayOnly = Date.ISO8601FormatStyle().year().month().day()

    /// The story this line describes. The lead is the body's opening, cut at a sentence end.
    public func newStory(importedAt now: Date) -> NewStory {
        let paragraphs = body.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        return NewStory(
            headline: String(title.trimmingWhitespace.prefix(StoryRules.headlineMaxLength)),
            lead: Self.lead(from: paragraphs.first ?? ""),
            body: PlainText.markdown(from: body),
            rubric: label.map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : RubricName(Self.rubricName($0)) },
            status: .published,
            publishedAt: publishedAt.flatMap(Self.date(from:)) ?? now,
            importKey: "jsonl:" + id
        )
    }

    static func rubricName(_ label: String) -> String {
        label.prefix(1).uppercased() + label.dropFirst()
    }

    /// Up to about 300 characters, ending at a sentence end when there is one.
    static func lead(from paragraph: String, limit: Int = 300) -> String {
        if paragraph.count <= limit { return paragraph }
        let head = paragraph.prefix(limit)
        if let end = head.lastIndex(where: { ".!?".contains($0) }), head.distance(from: head.startIndex, to: end) > 60 {
            return String(head[...end])
        }
        let cut = head.lastIndex(of: " ") ?? head.endIndex
        return String(head[..<cut]) + "…"
    }
}
