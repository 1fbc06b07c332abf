import Foundation
import HTTPTypes
import Hummingbird

/// The largest form body read.
enum FormLimits {
    static let maxBytes = 1_000_000
}

/// Posted forms decoded into request structs with Hummingbird's `URLEncodedFormDecoder`.
enum FormBody {
    /// Reads and decodes the body; over `FormLimits.maxBytes` is 413, a form that does not fit
    /// `T` is 400 naming the field. Browsers send CRLF in textareas; one line ending is kept.
    /// `repeated` names fields sent once per ticked checkbox (`id=1&id=2`), decoded as arrays;
    /// any other field sent twice keeps its last value, as browsers and PHP do.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, repeated: Set<String> = []) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: FormLimits.maxBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The form is too large.")
        }
        let text = String(buffer: buffer)
            .replacingOccurrences(of: "%0D%0A", with: "%0A")
            .replacingOccurrences(of: "%0d%0a", with: "%0a")
        return try decode(T.self, normalized(text, repeated: repeated))
    }

    /// The form with each field once: the last value of a repeated single field, `name[]`
    /// for the fields in `repeated` (the decoder refuses a name it sees twice).
    static func normalized(_ body: String, repeated: Set<String>) -> String {
        var order: [String] = []
        var last: [String: Substring] = [:]
        var lists: [String: [Substring]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let name = String(pair.prefix { $0 != "=" })
            let value = pair.dropFirst(name.count + 1)
            let key = name.removingPercentEncoding ?? name
            if repeated.contains(key) || repeated.contains(key.replacingOccurrences(of: "[]", with: "")) {
                let base = key.replacingOccurrences(of: "[]", with: "")
                if lists[base] == nil { order.append("[]" + base) }
                lists[base, default: []].append(value)
            } else {
                if last[name] == nil { order.append(name) }
                last[name] = value
            }
        }
        return order.flatMap { entry -> [String] in
            if entry.hasPrefix("[]") {
                let base = String(entry.dropFirst(2))
                return (lists[base] ?? []).map { "\(QueryString.encode(base))%5B%5D=\($0)" }
            }
            return ["\(entry)=\(last[entry] ?? "")"]
        }.joined(separator: "&")
    }

    /// The query string decoded the same way.
    static func query<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        try decode(T.self, request.uri.query ?? "")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw FormRejected(field: error.fieldName)
        } catch {
            throw FormRejected(field: nil)
        }
    }
}

/// A form that could not be read into its request struct.
struct FormRejected: Error {
    var field: String?

    var message: String {
        field.map { "The form's field \"\($0.prefix(40))\" is missing or not valid." } ?? "The form could not be read."
    }
}

extension DecodingError {
    var fieldName: String? {
        let path: [any CodingKey]
        switch self {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: return nil
        }
        return path.last?.stringValue
    }
}

/// A newsroom form: it carries the session's CSRF token.
protocol CSRFProtectedForm: Decodable {
    var _csrf: String? { get }
}

/// Fixed notices shown after a redirect, chosen by code so that no text from the address
/// is ever echoed into the page.
enum Notice: String {
    case created, saved, submitted = "in_review", scheduled, published, unpublished, draft, restored
    case loggedOut = "logged_out", tookOver = "took_over", updated, readNext = "read_next", deleted

    var text: String {
        switch self {
        case .created: return "Story created."
        case .saved: return "Saved."
        case .submitted: return "Submitted for review."
        case .scheduled: return "Scheduled."
        case .published: return "Published."
        case .unpublished: return "Unpublished."
        case .draft: return "Returned to draft."
        case .restored: return "Revision restored."
        case .loggedOut: return "You have logged out."
        case .tookOver: return "You now hold this story."
        case .updated: return "Updated."
        case .readNext: return "Read next choices saved."
        case .deleted: return "Deleted."
        }
    }
}

extension Response {
    /// 303 See Other: the browser follows with a GET (post/redirect/get).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// The secret that lets a comment's author change it through the API.
    static let xEditToken = HTTPField.Name("X-Edit-Token")!
}
