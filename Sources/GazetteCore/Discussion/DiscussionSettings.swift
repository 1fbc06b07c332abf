import Foundation

/// The discussion's site settings: defaults, abuse rules and limits.
public struct DiscussionSettings: Sendable, Equatable {
    public var defaultPolicy: CommentPolicy = .open
    /// Discussions close this many days after publication; 0 keeps them open.
    public var closeAfterDays: Int = 0
    /// A commenter's first comment (by e-mail, else by client) waits for a moderator.
    public var premoderateFirstComment = false
    /// A form sent faster than this after it was shown is a bot.
    public var minimumFillSeconds: TimeInterval = 3
    /// The same text from the same client within this window is refused.
    public var duplicateWindow: TimeInterval = 600
    /// More links than this send a comment to the queue.
    public var maxLinks = 2
    public var blockedWords: [String] = []
    /// A blocked word rejects the comment (true) or queues it (false).
    public var rejectBlockedWords = false
    /// Comments a client may post per minute (burst the same); 0 turns the limit off.
    public var clientRatePerMinute: Double = 5
    /// Comments a story may receive per minute from everyone; 0 turns the limit off.
    public var storyRatePerMinute: Double = 60
    /// Votes, reports, edits and deletes one client may make per minute, all comments together.
    public var actionRatePerMinute: Double = 20
    /// Votes (and likewise reports, edits, deletes) one comment may receive per minute from everyone.
    public var commentActionRatePerMinute: Double = 30
    /// Comments one client may post per hour through the JSON API, which has no form token,
    /// honeypot or fill-time check; on top of `clientRatePerMinute`.
    public var apiPostRatePerHour: Double = 30
    /// How long the author may edit or delete a comment.
    public var editWindow: TimeInterval = 15 * 60
    public var pageSize = 50
    /// Replies shown under each thread on the article page; longer threads link to a page of
    /// their own, itself paged by this many.
    public var repliesPerThread = 100

    public init() {}
}
