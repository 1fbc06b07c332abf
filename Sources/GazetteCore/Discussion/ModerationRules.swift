import Foundation

/// What a moderator does to a comment.
public enum ModerationAction: String, Sendable, CaseIterable, Codable {
    case approve, reject, spam, delete, ban
}

/// Which moderation actions apply to a comment in which state, and where each leads. A
/// deleted comment stays deleted: its text is gone, and approving it would publish an empty
/// comment under its author's name.
public enum ModerationRules {
    /// The status after `action`, or nil when the action does not apply to a comment in `status`.
    public static func status(after action: ModerationAction, from status: ModerationStatus) -> ModerationStatus? {
        if status == .deleted { return action == .ban ? .deleted : nil }
        switch action {
        case .approve: return .published
        case .reject: return .rejected
        case .spam, .ban: return .spam
        case .delete: return .deleted
        }
    }
}
