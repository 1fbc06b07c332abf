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

/// How comments are sorted: at the top level; replies always read oldest first.
public enum CommentSort: String, Sendable, CaseIterable {
    case oldest, newest, top
}

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

/// A token bucket: `capacity` requests at once, refilled at `perSecond`.
public struct TokenBucket: Sendable, Equatable {
    public var capacity: Double
    public var perSecond: Double
    var tokens: Double
    var updated: Date

    public init(capacity: Double, perSecond: Double, now: Date) {
        self.capacity = capacity
        self.perSecond = perSecond
        self.tokens = capacity
        self.updated = now
    }

    /// Takes one token; returns nil when allowed, else the seconds until one is free.
    public mutating func take(now: Date) -> TimeInterval? {
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(updated)) * perSecond)
        updated = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / perSecond
    }

    /// Full again: the bucket can be forgotten.
    public func isFull(at now: Date) -> Bool {
        tokens + max(0, now.timeIntervalSince(updated)) * perSecond >= capacity
    }
}

/// A comment as pages and the API show it. E-mail, client hash and edit token never appear.
public struct PublicComment: Sendable, Equatable {
    public var id: UUID
    public var parentID: UUID?
    public var replyToName: String?
    public var depth: Int
    public var name: String
    public var html: String
    public var createdAt: Date
    public var editedAt: Date?
    public var score: Int
    public var isDeleted: Bool
    public var replies: [PublicComment]
    /// Replies in this thread beyond those in `replies` (a page shows the first of a long thread).
    public var moreReplies = 0

    /// Replies below this comment, at every depth.
    public var countReplies: Int { replies.reduce(replies.count) { $0 + $1.countReplies } }

    public init(id: UUID, parentID: UUID?, replyToName: String?, depth: Int, name: String, html: String, createdAt: Date, editedAt: Date?, score: Int, isDeleted: Bool, replies: [PublicComment] = []) {
        self.id = id
        self.parentID = parentID
        self.replyToName = replyToName
        self.depth = depth
        self.name = name
        self.html = html
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.score = score
        self.isDeleted = isDeleted
        self.replies = replies
    }
}

/// Which address a request comes from: the connection's peer, or the last address in
/// `X-Forwarded-For` that is not a trusted proxy, when (and only when) the peer is one.
public enum ClientAddress {
    public static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // Walk from the nearest hop back; the first address not ours is the client.
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return hop
        }
        return hops.first ?? peer
    }
}
