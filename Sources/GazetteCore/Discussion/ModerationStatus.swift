import Foundation

/// Where a comment stands. Stored as its raw string.
public enum ModerationStatus: String, Sendable, Codable, CaseIterable {
    case published
    case pending
    case spam
    case rejected
    /// Deleted by its author or a moderator; kept as "[deleted]" while it has replies.
    case deleted
}
