import Foundation

/// Errors of the newsroom; the web layer maps them to 403, 409 and 429 pages and problems.
public enum NewsroomError: Error, Equatable, Sendable {
    case forbidden(String)
    /// Someone saved a newer version: who and when, so the user can talk to them.
    case conflict(savedBy: String, savedAt: Date, currentVersion: Int)
    case notAllowedTransition(from: StoryStatus, to: StoryStatus)
    case tooManyAttempts(retryAfter: TimeInterval)
    case invalidCredentials

    public var message: String {
        switch self {
        case .forbidden(let what): return "You may not \(what)."
        case .conflict(let name, let at, let version):
            return "\(name) saved a newer version (version \(version)) at \(Self.stamp(at)). Your text is kept below: compare, then save again."
        case .notAllowedTransition(let from, let to):
            return "A story that is \(from.label) cannot be made \(to.label)."
        case .tooManyAttempts(let seconds):
            return "Too many failed log-in attempts. Try again in \(Int((seconds / 60).rounded(.up))) minutes."
        case .invalidCredentials:
            return "The e-mail address or password is not correct."
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// A form or API body that failed validation: one message per field.
public struct ValidationFailed: Error, Equatable, Sendable {
    public var problems: [String: String]

    public init(_ problems: [String: String]) {
        self.problems = problems
    }

    public var message: String {
        problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " ")
    }
}
