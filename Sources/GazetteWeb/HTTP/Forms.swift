import Foundation
import HTTPTypes
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form.
struct FormData: Sendable {
    static let maxBytes = 1_000_000

    private(set) var fields: [String: String] = [:]
    /// Every value of repeated fields (checkbox lists), in order.
    private(set) var all: [String: [String]] = [:]

    init(fields: [String: String], all: [String: [String]] = [:]) {
        self.fields = fields
        self.all = all
    }

    subscript(_ name: String) -> String? { fields[name] }

    func values(_ name: String) -> [String] { all[name] ?? [] }

    func text(_ name: String) -> String { fields[name] ?? "" }

    /// A checkbox is sent only when ticked.
    func flag(_ name: String) -> Bool { fields[name] != nil }

    /// Parses the body; a body over `maxBytes` is refused with 413, not read into memory.
    static func read(_ request: Request) async throws -> FormData {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The form is too large.")
        }
        return parse(String(buffer: buffer))
    }

    static func parse(_ body: String) -> FormData {
        var fields: [String: String] = [:]
        var all: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            let value = (parts.count > 1 ? decode(parts[1]) ?? "" : "").replacingOccurrences(of: "\r\n", with: "\n")
            // Browsers send CRLF in textareas; keep one line ending.
            fields[name] = value
            all[name, default: []].append(value)
        }
        return FormData(fields: fields, all: all)
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// Fixed notices shown after a redirect, chosen by code so that no text from the address
/// is ever echoed into the page.
enum Notice: String {
    case created, saved, submitted = "in_review", scheduled, published, unpublished, draft, restored
    case loggedOut = "logged_out", tookOver = "took_over", updated, readNext = "read_next"

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
