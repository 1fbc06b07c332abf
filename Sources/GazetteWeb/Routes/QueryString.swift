import Foundation

/// The one way the site builds a query string: items in the order given, empty and default
/// values left out, every name and value percent-encoded.
struct QueryString: Sendable, Equatable {
    private(set) var items: [(name: String, value: String)] = []

    init() {}

    /// Adds `name=value` unless the value is nil or empty.
    mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        items.append((name, value))
    }

    /// Adds a page number, leaving out the first page.
    mutating func add(page name: String, _ page: Int) {
        if page > 1 { items.append((name, String(page))) }
    }

    var encoded: String {
        items.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// `path?query#fragment`, leaving out what is empty.
    func appended(to path: String, fragment: String? = nil) -> String {
        var url = path
        if !items.isEmpty { url += "?" + encoded }
        if let fragment, !fragment.isEmpty { url += "#" + fragment }
        return url
    }

    static func == (a: QueryString, b: QueryString) -> Bool { a.encoded == b.encoded }

    // "/" and "?" may stay as they are in a query (RFC 3986 §3.4).
    private static let valueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))

    static func encode(_ text: String) -> String {
        if isUnreserved(text) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: valueAllowed) ?? ""
    }

    static func encodePathSegment(_ text: String) -> String {
        // Slugs and ids are [a-z0-9-] by construction; anything else is encoded all the same.
        if isUnreserved(text) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
    }

    /// Letters, digits and `-._~` (RFC 3986's unreserved characters) need no encoding
    /// anywhere in a URL: the common case, checked without Foundation.
    private static func isUnreserved(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (0x61...0x7a).contains(byte) || (0x41...0x5a).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2d || byte == 0x2e || byte == 0x5f || byte == 0x7e
        }
    }
}
