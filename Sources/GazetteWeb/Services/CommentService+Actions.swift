import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// What readers do to comments after posting — vote, report, edit, delete — for pages and
/// the API alike: each rate-limited per client and per comment, each only on comments of
/// published stories, and edits judged by the same guard as new comments.
extension CommentService {
    enum Action: String {
        case vote, report, edit, delete
    }

    // MARK: Reader ids

    /// A new reader id, signed by the server: clients cannot choose their own.
    func newReader() -> String {
        let id = Secrets.token()
        return id + "." + Secrets.sign("reader|" + id, key: secret)
    }

    /// The reader id in a cookie, if this site signed it.
    func verifiedReader(_ cookie: String?) -> String? {
        guard let cookie, cookie.utf8.count <= 200 else { return nil }
        let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count >= 16, Secrets.equal(Secrets.sign("reader|" + parts[0], key: secret), parts[1]) else { return nil }
        return cookie
    }

    /// Who votes or reports: a signed reader id, else the client (so a client without the
    /// cookie, or with a forged one, counts once per comment).
    func voter(cookie: String?, clientHash: String) -> String {
        verifiedReader(cookie).map { "reader:" + $0 } ?? "client:" + clientHash
    }

    // MARK: Limits and targets

    /// Per client across all actions and comments, and per comment and action from everyone.
    func limit(_ action: Action, comment id: UUID, clientHash: String, now: Date) async throws {
        var wait = try await limiter.take("act:" + clientHash, perMinute: settings.actionRatePerMinute, now: now)
        if wait == nil {
            wait = try await limiter.take("act:\(action.rawValue):\(id.uuidString)", perMinute: settings.commentActionRatePerMinute, now: now)
        }
        if let wait { throw CommentProblem.tooFast(retryAfter: wait, what: "actions on comments") }
    }

    /// The published story a comment is on: comments of unpublished stories are not there.
    func story(ofComment id: UUID) async throws -> Story {
        guard let location = try await store.discussion.location(of: id),
              let story = try await store.stories.story(id: location.storyID), story.status == .published
        else { throw ContentError.notFound("The comment") }
        return story
    }

    // MARK: Use cases

    func vote(id: UUID, value: Int, voter: String, clientHash: String, now: Date) async throws -> (score: Int, story: Story) {
        let story = try await story(ofComment: id)
        try await limit(.vote, comment: id, clientHash: clientHash, now: now)
        let score = await events.publish(try await store.discussion.vote(id: id, voter: voter, value: value))
        return (score, story)
    }

    func report(id: UUID, reporter: String, clientHash: String, now: Date) async throws -> Story {
        let story = try await story(ofComment: id)
        try await limit(.report, comment: id, clientHash: clientHash, now: now)
        try await store.discussion.report(id: id, reporter: reporter, now: now)
        return story
    }

    /// Changes a comment's text with its edit token. The new text goes through the guard like a
    /// new comment (blocked words, links, pre-moderation): refused text is an error, and text
    /// the guard would queue takes a published comment off the page until a moderator looks.
    func edit(id: UUID, token: String, text rawText: String, clientHash: String, now: Date) async throws -> (comment: PublicComment, story: Story, held: Bool) {
        let story = try await story(ofComment: id)
        try await limit(.edit, comment: id, clientHash: clientHash, now: now)
        let text = CommentText.normalize(rawText, multiline: true)
        if let problem = CommentText.problems(name: "x", text: text, email: nil)["text"] { throw ContentError.invalid(field: "text", reason: problem) }
        guard let (_, found) = try await store.discussion.postingFacts(
            slug: story.slug, email: nil, clientHash: clientHash, text: text, duplicateWindow: settings.duplicateWindow, now: now
        ) else { throw ContentError.notFound("The comment") }
        // Not a first comment, and the same text as before is no duplicate: it is the same comment.
        let facts = CommentFacts(
            policy: found.policy, storyPublishedAt: found.storyPublishedAt,
            emailBanned: found.emailBanned, clientBanned: found.clientBanned
        )
        let decision = CommentGuard(settings: settings).decide(text: text, honeypot: "", formAge: nil, facts: facts, now: now)
        let hold: String?
        switch decision {
        case .publish: hold = nil
        case .queue(let reason), .spam(let reason): hold = "edited: " + reason
        case .reject(let refusal): throw CommentProblem.refused(refusal)
        }
        let edited = await events.publish(
            try await store.discussion.edit(id: id, token: token, text: text, now: now, window: settings.editWindow, holdReason: hold)
        )
        return (edited.comment, story, edited.held)
    }

    func deleteOwn(id: UUID, token: String, clientHash: String, now: Date) async throws -> Story {
        let story = try await story(ofComment: id)
        try await limit(.delete, comment: id, clientHash: clientHash, now: now)
        await events.publish(try await store.discussion.deleteOwn(id: id, token: token, now: now, window: settings.editWindow))
        return story
    }

    // MARK: Moderation

    func moderationQueue(_ queue: DiscussionRepository.Queue, page: PageQuery) async throws -> PagedList<DiscussionRepository.ModeratedComment> {
        try await store.discussion.queue(queue, page: page)
    }

    func moderationCounts() async throws -> [DiscussionRepository.Queue: Int] {
        try await store.discussion.counts()
    }

    func moderationLog(limit: Int) async throws -> [DiscussionRepository.LoggedAction] {
        try await store.discussion.log(limit: limit)
    }

    /// Applies a moderator's action to comments; returns how many it applied to.
    func moderate(_ ids: [UUID], _ action: ModerationAction, by actor: NewsroomActor, now: Date) async throws -> Int {
        guard actor.role.moderates else { throw NewsroomError.forbidden("moderate comments") }
        return await events.publish(try await store.discussion.moderate(ids: ids, action: action, by: actor.name, now: now))
    }
}
