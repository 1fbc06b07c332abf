import Foundation

/// Why the guard refused a comment outright: a note for moderators and the logs, and what
/// the reader is told (nothing that helps a spammer tune).
public enum CommentRefusal: Sendable, Equatable {
    case discussionClosed
    case bannedEmail
    case bannedClient
    case duplicate
    case blockedWord(String)

    public var moderatorNote: String {
        switch self {
        case .discussionClosed: return "discussion closed"
        case .bannedEmail: return "banned e-mail address"
        case .bannedClient: return "banned client"
        case .duplicate: return "duplicate of a recent comment"
        case .blockedWord(let word): return "blocked word \"\(word)\""
        }
    }

    public var readerMessage: String {
        switch self {
        case .discussionClosed: return "The discussion is closed."
        case .duplicate: return "You have just posted the same comment."
        case .blockedWord: return "Your comment contains words that are not allowed here."
        case .bannedEmail, .bannedClient: return "Your comment could not be accepted."
        }
    }
}

/// What the guard decided, with the reason moderators see.
public enum CommentDecision: Sendable, Equatable {
    case publish
    case queue(reason: String)
    case spam(reason: String)
    case reject(CommentRefusal)

    public var status: ModerationStatus? {
        switch self {
        case .publish: return .published
        case .queue: return .pending
        case .spam: return .spam
        case .reject: return nil
        }
    }

    public var reason: String {
        switch self {
        case .publish: return ""
        case .queue(let reason), .spam(let reason): return reason
        case .reject(let refusal): return refusal.moderatorNote
        }
    }
}

/// What posting a comment needs to know about its story: far less than the whole story.
public struct DiscussionTarget: Sendable, Equatable {
    public var storyID: UUID
    public var policy: CommentPolicy
    public var publishedAt: Date?

    public init(storyID: UUID, policy: CommentPolicy, publishedAt: Date?) {
        self.storyID = storyID
        self.policy = policy
        self.publishedAt = publishedAt
    }
}

/// The facts about a submission that the store looks up for the guard.
public struct CommentFacts: Sendable, Equatable {
    public var policy: CommentPolicy
    public var storyPublishedAt: Date?
    public var emailBanned: Bool
    public var clientBanned: Bool
    public var duplicateRecently: Bool
    public var isFirstComment: Bool

    public init(policy: CommentPolicy, storyPublishedAt: Date?, emailBanned: Bool = false, clientBanned: Bool = false, duplicateRecently: Bool = false, isFirstComment: Bool = false) {
        self.policy = policy
        self.storyPublishedAt = storyPublishedAt
        self.emailBanned = emailBanned
        self.clientBanned = clientBanned
        self.duplicateRecently = duplicateRecently
        self.isFirstComment = isFirstComment
    }
}

/// Local abuse control: decides what happens to a comment before it is stored. Every
/// decision but `publish` carries its reason, kept with the comment for moderators.
public struct CommentGuard: Sendable {
    public var settings: DiscussionSettings

    public init(settings: DiscussionSettings) {
        self.settings = settings
    }

    /// Whether a story takes comments at all now.
    /// When an open discussion closes by age; nil when it does not.
    public func closesAt(policy: CommentPolicy, publishedAt: Date?) -> Date? {
        guard policy != .closed, settings.closeAfterDays > 0, let publishedAt else { return nil }
        return publishedAt.addingTimeInterval(Double(settings.closeAfterDays) * 86_400)
    }

    public func isClosed(policy: CommentPolicy, publishedAt: Date?, now: Date) -> Bool {
        if policy == .closed { return true }
        if settings.closeAfterDays > 0, let publishedAt,
           now.timeIntervalSince(publishedAt) > Double(settings.closeAfterDays) * 86_400 { return true }
        return false
    }

    /// - Parameters:
    ///   - honeypot: the hidden field people leave empty.
    ///   - formAge: seconds since the form was shown, when the form says (API clients send none).
    public func decide(text: String, honeypot: String, formAge: TimeInterval?, facts: CommentFacts, now: Date) -> CommentDecision {
        if isClosed(policy: facts.policy, publishedAt: facts.storyPublishedAt, now: now) {
            return .reject(.discussionClosed)
        }
        if facts.emailBanned { return .reject(.bannedEmail) }
        if facts.clientBanned { return .reject(.bannedClient) }
        if !honeypot.isEmpty { return .spam(reason: "honeypot field filled") }
        if let formAge, formAge < settings.minimumFillSeconds {
            return .spam(reason: "form sent \(String(format: "%.1f", max(0, formAge))) s after it was shown (minimum \(Int(settings.minimumFillSeconds)) s)")
        }
        if facts.duplicateRecently { return .reject(.duplicate) }
        let lower = text.lowercased()
        if let word = settings.blockedWords.first(where: { !$0.isEmpty && lower.contains($0.lowercased()) }) {
            return settings.rejectBlockedWords ? .reject(.blockedWord(word)) : .queue(reason: CommentRefusal.blockedWord(word).moderatorNote)
        }
        let links = CommentText.linkCount(text)
        if links > settings.maxLinks { return .queue(reason: "\(links) links (more than \(settings.maxLinks))") }
        if facts.policy == .premoderated { return .queue(reason: "discussion is pre-moderated") }
        if settings.premoderateFirstComment && facts.isFirstComment { return .queue(reason: "first comment of this commenter") }
        return .publish
    }
}
