import Foundation
import GazetteCore
import GazetteStore

/// Token buckets per client, story and comment, in this process's memory (constant time per
/// request, bounded memory: see `RateBuckets`). Each node limits on its own; a cluster-wide
/// limit would be each node's limit times the nodes.
actor RateLimiter {
    private var buckets: RateBuckets
    /// With PostgreSQL the buckets live in the database, so a limit holds across all nodes.
    private let shared: SharedRateBuckets?

    init(capacity: Int = 50_000, shared: SharedRateBuckets? = nil) {
        buckets = RateBuckets(capacity: capacity)
        self.shared = shared
    }

    /// nil when allowed, else the seconds to wait. `perMinute` 0 turns the limit off.
    func take(_ key: String, perMinute: Double, burst: Double? = nil, now: Date) async throws -> TimeInterval? {
        if let shared { return try await shared.take(key, perMinute: perMinute, burst: burst, now: now) }
        return buckets.take(key, perMinute: perMinute, burst: burst, now: now)
    }
}

/// The discussion's use cases for pages and the API alike: checks, limits, the guard, the
/// store; what a write changed on the page is published on the bus once it has committed.
struct CommentService: Sendable {
    let store: Store
    let events: EventBus
    let settings: DiscussionSettings
    let limiter: RateLimiter
    /// Keys the client hashes and the form tokens.
    let secret: String
    let trustedProxies: Set<String>
    let metrics: SiteMetrics

    enum PostResult {
        case published(PublicComment, editToken: String)
        case queued(PublicComment, editToken: String)
        case refused(CommentRefusal)
        case invalid([String: String])
        case limited(retryAfter: TimeInterval)
        case closed
    }

    struct Input {
        var name: String
        var email: String
        var text: String
        var parentID: UUID?
        var honeypot: String
        /// Seconds since the form was shown; nil when the post came without a form (the API).
        var formAge: TimeInterval?
    }

    func clientHash(peer: String, forwardedFor: String?) -> String {
        Secrets.clientHash(ClientAddress.limitKey(peer: peer, forwardedFor: forwardedFor, trustedProxies: trustedProxies), key: secret)
    }

    func isClosed(_ story: Story, now: Date) -> Bool {
        isClosed(story.discussionTarget, now: now)
    }

    func isClosed(_ target: DiscussionTarget, now: Date) -> Bool {
        CommentGuard(settings: settings).isClosed(policy: target.policy, publishedAt: target.publishedAt, now: now)
    }

    /// Posts to the published story with this slug; throws not-found when there is none.
    func post(_ input: Input, toStory slug: String, clientHash: String, now: Date) async throws -> PostResult {
        let result = try await checkAndPost(input, toStory: slug, clientHash: clientHash, now: now)
        switch result {
        case .published: metrics.count("gazette_comments_total", [("outcome", "published"), ("reason", "")])
        case .queued: metrics.count("gazette_comments_total", [("outcome", "queued"), ("reason", "moderation")])
        case .refused(let refusal): metrics.count("gazette_comments_total", [("outcome", "refused"), ("reason", refusal.metricName)])
        case .invalid: metrics.count("gazette_comments_total", [("outcome", "refused"), ("reason", "invalid")])
        case .limited: metrics.count("gazette_comments_total", [("outcome", "refused"), ("reason", "rate limit")])
        case .closed: metrics.count("gazette_comments_total", [("outcome", "refused"), ("reason", "closed")])
        }
        return result
    }

    private func checkAndPost(_ input: Input, toStory slug: String, clientHash: String, now: Date) async throws -> PostResult {
        // A post without a form (the JSON API) had no signed token, honeypot or fill time, so
        // it has a limit of its own, on top of the per-minute one.
        if input.formAge == nil,
           let wait = try await limiter.take("api-post:" + clientHash, perMinute: settings.apiPostRatePerHour / 60, burst: settings.apiPostRatePerHour, now: now) {
            return .limited(retryAfter: wait)
        }
        let name = CommentText.normalize(input.name, multiline: false)
        let text = CommentText.normalize(input.text, multiline: true)
        let email = CommentText.normalize(input.email, multiline: false)
        // The story and the guard's facts come in one query, before the checks: posting to a
        // missing story or a closed discussion says so whatever the text.
        guard let (target, facts) = try await store.discussion.postingFacts(
            slug: slug, email: email.isEmpty ? nil : email, clientHash: clientHash, text: text,
            duplicateWindow: settings.duplicateWindow, now: now
        ) else { throw ContentError.notFound("Story '\(slug)'") }
        if isClosed(target, now: now) { return .closed }
        let problems = CommentText.problems(name: name, text: text, email: email)
        guard problems.isEmpty else { return .invalid(problems) }
        if let wait = try await limiter.take("client:" + clientHash, perMinute: settings.clientRatePerMinute, now: now) {
            return .limited(retryAfter: wait)
        }
        if let wait = try await limiter.take("story:" + target.storyID.uuidString, perMinute: settings.storyRatePerMinute, now: now) {
            return .limited(retryAfter: wait)
        }
        let decision = CommentGuard(settings: settings).decide(text: text, honeypot: input.honeypot, formAge: input.formAge, facts: facts, now: now)
        let status: ModerationStatus
        switch decision {
        case .reject(let refusal): return .refused(refusal)
        case .publish: status = .published
        case .queue: status = .pending
        case .spam: status = .spam
        }
        let submission = DiscussionRepository.Submission(
            storyID: target.storyID, parentID: input.parentID, name: name, email: email.isEmpty ? nil : email, text: text, clientHash: clientHash
        )
        let posted = await events.publish(try await store.discussion.post(submission, status: status, reason: decision.reason, now: now))
        switch status {
        case .published: return .published(posted.comment, editToken: posted.editToken)
        default: return .queued(posted.comment, editToken: posted.editToken)
        }
    }

    // MARK: Form tokens

    /// The comment form's token: the second it was made, signed by the site. It tells how
    /// long the reader took to fill the form in, and that the form came from this site. It
    /// names no reader, so the page that carries it is the same for everyone (readers need no
    /// cookie to read); a post from another site is refused by its `Origin` instead.
    func formToken(now: Date) -> String {
        let stamp = String(Int(now.timeIntervalSince1970))
        return stamp + "." + Secrets.sign("form|" + stamp, key: secret)
    }

    /// The form's age in seconds, or nil when the site did not sign the token.
    func formAge(token: String, now: Date) -> TimeInterval? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let stamp = Int(parts[0]),
              Secrets.equal(Secrets.sign("form|" + parts[0], key: secret), parts[1])
        else { return nil }
        let age = now.timeIntervalSince1970 - Double(stamp)
        // A day-old form is stale; the reader reloads the page.
        return age <= 86_400 ? age : nil
    }
}

extension CommentService {
    // MARK: Reading

    /// A page of the story's threads, each with up to `repliesPerThread` replies.
    func threads(of story: Story, sort: CommentSort, page: PageQuery) async throws -> PagedList<PublicComment> {
        try await store.discussion.thread(storyID: story.id, sort: sort, page: page, replyLimit: settings.repliesPerThread)
    }

    /// One thread on its own, its replies paged; nil when the story has no such thread.
    func thread(of story: Story, root: UUID, replies: PageQuery) async throws -> PagedList<PublicComment>? {
        try await store.discussion.thread(storyID: story.id, rootID: root, replies: replies)
    }

    /// A published comment of the story, for the reply form.
    func publishedComment(_ id: UUID, of story: Story) async throws -> PublicComment? {
        try await store.discussion.publishedComment(id: id, storyID: story.id)
    }

    /// The text of a comment for its author's edit form.
    func editableText(_ id: UUID) async throws -> String? {
        try await store.discussion.editableText(id: id)
    }

    /// The story's newest published comments, for its comments feed.
    func latest(of story: Story, limit: Int) async throws -> [PublicComment] {
        try await store.discussion.latestPublished(storyID: story.id, limit: limit)
    }
}

extension CommentRefusal {
    /// The refusal as a metrics label: a few fixed values (a blocked word's own text stays out).
    var metricName: String {
        switch self {
        case .discussionClosed: return "closed"
        case .bannedEmail: return "banned e-mail"
        case .bannedClient: return "banned client"
        case .duplicate: return "duplicate"
        case .blockedWord: return "blocked word"
        }
    }
}
