import Foundation

/// Errors of the content domain; the web layer maps them to 400/404 pages and JSON problems.
public enum ContentError: Error, Equatable, Sendable {
    case notFound(String)
    case invalid(field: String, reason: String)

    public var message: String {
        switch self {
        case .notFound(let what): return "\(what) was not found."
        case .invalid(let field, let reason): return "\(field) \(reason)."
        }
    }
}
