import Foundation

/// What a person may do in the newsroom. Checked on the server for every route.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case editor
    case author
    case moderator

    /// Writes and edits stories (own ones for authors).
    public var writesStories: Bool { self != .moderator }
    /// Publishes, schedules and unpublishes any story; edits anyone's story.
    public var editsAll: Bool { self == .admin || self == .editor }
    /// Manages rubrics, tags and author profiles.
    public var managesTaxonomy: Bool { editsAll }
    /// Works the comment queue.
    public var moderates: Bool { self != .author }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Who may comment under a story.
public enum CommentPolicy: String, Sendable, Codable, CaseIterable {
    case open
    case premoderated
    case closed
}

/// A person of the newsroom as the application sees them: never the password hash.
public struct NewsroomUser: Sendable, Equatable, Codable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role
    public var createdAt: Date
    /// When the person was disabled (`gazette user disable`); nil while they may log in.
    public var disabledAt: Date?

    public init(id: UUID, email: String, name: String, role: Role, createdAt: Date, disabledAt: Date? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }
}

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

extension StoryStatus {
    public var label: String {
        switch self {
        case .draft: return "draft"
        case .inReview: return "in review"
        case .scheduled: return "scheduled"
        case .published: return "published"
        case .unpublished: return "unpublished"
        }
    }
}

/// The workflow `draft → in review → scheduled → published → unpublished` and who may move
/// a story along it.
public enum StoryWorkflow {
    public static func allowedTargets(from status: StoryStatus, role: Role) -> [StoryStatus] {
        switch role {
        case .moderator: return []
        case .author:
            return status == .draft ? [.inReview] : []
        case .admin, .editor:
            switch status {
            case .draft: return [.inReview, .scheduled, .published]
            case .inReview: return [.draft, .scheduled, .published]
            case .scheduled: return [.draft, .published]
            case .published: return [.unpublished]
            case .unpublished: return [.draft, .published]
            }
        }
    }

    public static func check(from: StoryStatus, to: StoryStatus, role: Role) throws(NewsroomError) {
        guard allowedTargets(from: from, role: role).contains(to) else {
            if !role.editsAll && [.scheduled, .published, .unpublished].contains(to) {
                throw .forbidden("make a story \(to.label); an editor does that")
            }
            throw .notAllowedTransition(from: from, to: to)
        }
    }

}

/// Five failed log-ins for one account within 15 minutes lock it for 15 minutes.
public struct LoginThrottle: Sendable {
    /// Failures of one account from one client (its /64 for IPv6) that lock that pair.
    public var maxFailures = 5
    /// Failures from one client across all accounts (one password tried on many accounts).
    public var maxClientFailures = 20
    /// Failures of one account from everywhere that lock it for clients that never logged in
    /// to it: a botnet cannot guess freely, and the account's own people still get in.
    public var maxAccountFailures = 50
    public var window: TimeInterval = 15 * 60
    public var lockout: TimeInterval = 15 * 60

    public init() {}

    /// Seconds until the attempt may be made, or nil when it may be made now.
    /// `failures` are the times of failed attempts since the last success that counts.
    public func retryAfter(failures: [Date], limit: Int? = nil, now: Date) -> TimeInterval? {
        let limit = limit ?? maxFailures
        let recent = failures.filter { now.timeIntervalSince($0) < window + lockout }.sorted()
        // Find a run of `limit` failures within `window`; the lock runs from its last one.
        guard recent.count >= limit else { return nil }
        for end in stride(from: recent.count - 1, through: limit - 1, by: -1) {
            let start = recent[end - limit + 1]
            if recent[end].timeIntervalSince(start) <= window {
                let until = recent[end].addingTimeInterval(lockout)
                return until > now ? until.timeIntervalSince(now) : nil
            }
        }
        return nil
    }

    /// The three rules together: the pair, the client, and the account unless this client
    /// is one the account logged in from before.
    public func retryAfter(
        pairFailures: [Date], clientFailures: [Date], accountFailures: [Date], clientIsKnown: Bool, now: Date
    ) -> TimeInterval? {
        [
            retryAfter(failures: pairFailures, limit: maxFailures, now: now),
            retryAfter(failures: clientFailures, limit: maxClientFailures, now: now),
            clientIsKnown ? nil : retryAfter(failures: accountFailures, limit: maxAccountFailures, now: now),
        ].compactMap { $0 }.max()
    }
}

/// Who does something in the newsroom: a logged-in person or an Admin API token.
public struct NewsroomActor: Sendable, Equatable {
    public var userID: UUID?
    public var name: String
    public var role: Role

    public init(userID: UUID?, name: String, role: Role) {
        self.userID = userID
        self.name = name
        self.role = role
    }

    public init(_ user: NewsroomUser) {
        self.init(userID: user.id, name: user.name, role: user.role)
    }

    /// Whether this actor may change the text of a story.
    public func mayEdit(status: StoryStatus, createdBy: UUID?) -> Bool {
        if role.editsAll { return true }
        guard role == .author, let userID, createdBy == userID else { return false }
        return status == .draft || status == .inReview
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
