import Foundation
import Hummingbird

/// Dates as HTTP (and RSS) write them: `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        formatter().date(from: text.trimmingCharacters(in: .whitespaces))
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

/// A short, stable hash of bytes for `ETag`s and asset versions (FNV-1a, 64 bits).
enum ContentHash {
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value
    }

    /// The same hash over several pieces, as if they were one.
    struct FNV1a {
        private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }

        var value: String { String(hash, radix: 16) }
    }
}

/// A rendered public page or document (page, feed, sitemap) as the page cache keeps it:
/// its text, type, what it shows (`tags`) and until when it holds (`expires`).
struct PublicDocument {
    var body: String
    var contentType: String
    var lastModified: Date?
    /// Its own `max-age` (feeds, sitemaps); nil: the site's page setting.
    var maxAge: Int?
    var tags: Set<PageTag> = []
    var expires: Date?

    static let htmlType = "text/html; charset=utf-8"

    /// `If-None-Match` decides when sent (RFC 9110 §13.2.2); otherwise `If-Modified-Since`.
    static func notModified(_ request: Request, etag: String, lastModified: Date?) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return tags.contains("*") || tags.contains { $0 == etag || $0 == "W/" + etag }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse), let lastModified {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }
}
