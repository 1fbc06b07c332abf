import Foundation

/// What a reader typed into search, parsed into parts the stores translate into their own
/// query languages. Only letters and digits reach a store: operators, quotes and brackets
/// the reader types are read here and never passed on, so no input can make a store's
/// query syntax fail.
///
/// Understood: words (all must match), `"a phrase"`, `prefix*`, `-excluded` and `-"excluded phrase"`.
public struct SearchQuery: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        /// One word; `prefix` matches words starting with it.
        case word(String, prefix: Bool)
        /// Words in this order, next to each other.
        case phrase([String])
    }

    public var required: [Part] = []
    public var excluded: [Part] = []

    /// Parts beyond these are ignored: a search box is not a query language.
    public static let maxParts = 16
    public static let maxInputLength = 500

    public init(required: [Part] = [], excluded: [Part] = []) {
        self.required = required
        self.excluded = excluded
    }

    /// A query with nothing to look for gives no results (exclusions alone match nothing).
    public var isEmpty: Bool { required.isEmpty }

    public static func parse(_ input: String) -> SearchQuery {
        var query = SearchQuery()
        var characters = Array(input.precomposedStringWithCanonicalMapping.prefix(maxInputLength))
        characters.append(" ")
        var index = 0
        func add(_ part: Part, negated: Bool) {
            guard query.required.count + query.excluded.count < maxParts else { return }
            if negated { query.excluded.append(part) } else { query.required.append(part) }
        }
        while index < characters.count {
            let character = characters[index]
            var negated = false
            var start = index
            if character == "-" && index + 1 < characters.count && (characters[index + 1] == "\"" || isWordCharacter(characters[index + 1])) {
                // A minus starts an exclusion only at the beginning of a word.
                let atWordStart = index == 0 || !isWordCharacter(characters[index - 1])
                if atWordStart {
                    negated = true
                    start = index + 1
                }
            }
            if characters[start] == "\"" {
                var end = start + 1
                while end < characters.count && characters[end] != "\"" { end += 1 }
                let words = Self.words(String(characters[(start + 1)..<min(end, characters.count)]))
                if words.count == 1 {
                    add(.word(words[0], prefix: false), negated: negated)
                } else if words.count > 1 {
                    add(.phrase(Array(words.prefix(maxParts))), negated: negated)
                }
                index = end + 1
                continue
            }
            if isWordCharacter(characters[start]) {
                var end = start
                while end < characters.count && isWordCharacter(characters[end]) { end += 1 }
                let word = String(characters[start..<end]).lowercased()
                let prefix = end < characters.count && characters[end] == "*"
                add(.word(word, prefix: prefix), negated: negated)
                index = end + (prefix ? 1 : 0)
                continue
            }
            index += 1
        }
        return query
    }

    /// The words of a text, lower-cased: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for character in text + " " {
            if isWordCharacter(character) {
                current.append(character)
            } else if !current.isEmpty {
                out.append(current.lowercased())
                current = ""
            }
        }
        return out
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}

/// What narrows a search besides its words.
public struct SearchFilter: Sendable, Equatable {
    public var rubricSlug: String?
    public var from: Date?
    /// Exclusive: stories published before this moment.
    public var until: Date?

    public init(rubricSlug: String? = nil, from: Date? = nil, until: Date? = nil) {
        self.rubricSlug = rubricSlug
        self.from = from
        self.until = until
    }
}

/// One result: the story and a snippet in which the matched words are marked.
public struct SearchHit: Sendable, Equatable {
    public var story: StorySummary
    /// Escaped text with `<mark>` around matches: safe to put in a page as it is.
    public var snippetHTML: String

    public init(story: StorySummary, snippetHTML: String) {
        self.story = story
        self.snippetHTML = snippetHTML
    }
}

/// Snippets come from the stores with two control characters around each match; the text
/// is escaped and only those become `<mark>` tags.
public enum SearchSnippet {
    public static let startMark: Character = "\u{2}"
    public static let endMark: Character = "\u{3}"

    public static func html(_ raw: String) -> String {
        var out = ""
        var open = false
        for character in raw {
            switch character {
            case startMark where !open:
                out += "<mark>"
                open = true
            case endMark where open:
                out += "</mark>"
                open = false
            case startMark, endMark:
                continue
            default:
                out += HTMLText.escape(String(character))
            }
        }
        if open { out += "</mark>" }
        return out
    }

    /// Story text as the search index keeps it: the words of the rendered body, without
    /// markup, and without the snippet marks (so a story cannot fake a highlight).
    public static func plainText(fromHTML html: String) -> String {
        var out = ""
        var inTag = false
        var entity: String?
        for character in html {
            if inTag {
                if character == ">" { inTag = false; out.append(" ") }
                continue
            }
            if var pending = entity {
                if character == ";" {
                    out += decode(pending)
                    entity = nil
                } else if pending.count > 10 || character == "&" || character == "<" {
                    out += "&" + pending
                    entity = character == "&" ? "" : nil
                    if character == "<" { inTag = true }
                } else {
                    pending.append(character)
                    entity = pending
                }
                continue
            }
            switch character {
            case "<": inTag = true
            case "&": entity = ""
            case startMark, endMark: continue
            default: out.append(character)
            }
        }
        if let pending = entity { out += "&" + pending }
        return out.split(whereSeparator: { $0.isWhitespace || $0 == startMark || $0 == endMark }).joined(separator: " ")
    }

    static func decode(_ entity: String) -> String {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
            if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
            return "&" + entity + ";"
        }
    }
}
