import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The Admin API: the newsroom's story work over JSON, authorised by a bearer token made
/// with `gazette token create`. The same rules as the pages apply.
struct AdminAPIController: Sendable {
    typealias Context = GazetteRequestContext
    let store: Store
    let config: AppConfig

    /// A story as the Admin API shows it: the Content API's fields plus the newsroom's.
    struct StoryJSON: Encodable {
        var id: UUID
        var slug: String
        var url: String
        var status: String
        var version: Int
        var headline: String
        var lead: String
        var body: String
        var bodyHTML: String
        var rubric: ContentAPIController.RubricJSON?
        var tags: [ContentAPIController.NamedJSON]
        var authors: [ContentAPIController.NamedJSON]
        var seoTitle: String
        var seoDescription: String
        var pinned: Bool
        var breaking: Bool
        var commentPolicy: String
        var publishedAt: Date?
        var scheduledAt: Date?
        var updatedAt: Date

        init(_ story: Story) {
            id = story.id
            slug = story.slug
            url = SiteURL.article(slug: story.slug).path
            status = story.status.rawValue
            version = story.version
            headline = story.headline
            lead = story.lead
            body = story.body
            bodyHTML = story.bodyHTML
            rubric = story.rubric.map(ContentAPIController.rubric)
            tags = story.tags.map { .init(name: $0.name, slug: $0.slug) }
            authors = story.authors.map { .init(name: $0.name, slug: $0.slug) }
            seoTitle = story.seoTitle
            seoDescription = story.seoDescription
            pinned = story.pinned
            breaking = story.breaking
            commentPolicy = story.commentPolicy.rawValue
            publishedAt = story.publishedAt
            scheduledAt = story.scheduledAt
            updatedAt = story.updatedAt
        }
    }

    /// Fields a client may send; absent ones keep their value on PATCH.
    struct StoryInput: Decodable {
        var version: Int?
        var headline: String?
        var lead: String?
        var body: String?
        var slug: String?
        var rubric: String?
        var tags: [String]?
        var authors: [String]?
        var seoTitle: String?
        var seoDescription: String?
        var pinned: Bool?
        var breaking: Bool?
        var commentPolicy: CommentPolicy?

        func applied(to base: StoryDraft) -> StoryDraft {
            var draft = base
            if let headline { draft.headline = headline }
            if let lead { draft.lead = lead }
            if let body { draft.body = body }
            if let slug { draft.slug = slug }
            if let rubric { draft.rubric = rubric }
            if let tags { draft.tags = tags }
            if let authors { draft.authors = authors }
            if let seoTitle { draft.seoTitle = seoTitle }
            if let seoDescription { draft.seoDescription = seoDescription }
            if let pinned { draft.pinned = pinned }
            if let breaking { draft.breaking = breaking }
            if let commentPolicy { draft.commentPolicy = commentPolicy }
            return draft
        }
    }

    struct ScheduleInput: Decodable {
        var at: Date
        var version: Int?
    }

    struct VersionInput: Decodable {
        var version: Int?
    }

    struct ConflictProblem: Encodable {
        struct Detail: Encodable {
            var status: Int
            var message: String
            var savedBy: String
            var savedAt: Date
            var currentVersion: Int
        }
        var error: Detail
    }

    func addRoutes(to router: Router<Context>) {
        let group = router.group(RouterPath(SiteURL.Pattern.adminAPI))
        group.post("articles", use: create)
        group.patch("articles/{id}", use: update)
        group.get("articles/{id}", use: show)
        group.post("articles/{id}/submit") { try await move($0, $1, to: .inReview) }
        group.post("articles/{id}/publish") { try await move($0, $1, to: .published) }
        group.post("articles/{id}/schedule") { try await move($0, $1, to: .scheduled) }
        group.post("articles/{id}/unpublish") { try await move($0, $1, to: .unpublished) }
        group.put("articles/{id}/read-next", use: setReadNext)
    }

    /// The newsroom's hand on a story's Read next: stories (by slug) pinned in order, and
    /// stories kept out. Editors and admins only.
    struct ReadNextJSON: Codable {
        var pinned: [String]
        var excluded: [String]
    }

    @Sendable func setReadNext(_ request: Request, context: Context) async throws -> JSON<ReadNextJSON> {
        let actor = try await actor(request)
        let id = try context.uuid("id", "The story")
        guard let story = try await store.stories.story(id: id) else { throw ContentError.notFound("The story") }
        try NewsroomPolicy.check(.curate, on: story.accessFacts, by: actor)
        let input = try await JSONBody.decode(ReadNextJSON.self, request)
        let saved = try await store.stories.setReadNextCuration(storyID: id, pinned: input.pinned, excluded: input.excluded)
        return JSON(value: ReadNextJSON(pinned: saved.pinned, excluded: saved.excluded))    }

    /// The caller behind `Authorization: Bearer TOKEN`.
    func actor(_ request: Request) async throws -> NewsroomActor {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "Send an API token: Authorization: Bearer TOKEN.")
        }
        let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let token = try await store.users.apiToken(secret: secret) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "The API token is not valid.")
        }
        return NewsroomActor(userID: nil, name: "API: \(token.name)", role: token.role)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let actor = try await actor(request)
        let input = try await JSONBody.decode(StoryInput.self, request)
        let story = try await conflictAware(request, context) {
            var base = StoryDraft()
            base.commentPolicy = config.discussion.defaultPolicy
            return try await store.newsroom.createDraft(input.applied(to: base), by: actor, now: config.now())
        }
        return try JSON(value: StoryJSON(story), status: .created).response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSON<StoryJSON> {
        let actor = try await actor(request)
        guard let story = try await store.stories.story(id: try context.uuid("id", "The story")) else {
            throw ContentError.notFound("The story")
        }
        try NewsroomPolicy.check(.read, on: story.accessFacts, by: actor)
        return JSON(value: StoryJSON(story))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let actor = try await actor(request)
        let id = try context.uuid("id", "The story")
        let input = try await JSONBody.decode(StoryInput.self, request)
        guard let version = input.version else { throw ContentError.invalid(field: "version", reason: "is required: send the version you edited") }
        guard let current = try await store.stories.story(id: id) else { throw ContentError.notFound("The story") }
        let story = try await conflictAware(request, context) {
            try await store.newsroom.save(id: id, draft: input.applied(to: StoryDraft(current)), expectedVersion: version, by: actor, now: config.now())
        }
        return try JSON(value: StoryJSON(story)).response(from: request, context: context)
    }

    func move(_ request: Request, _ context: Context, to target: StoryStatus) async throws -> Response {
        let actor = try await actor(request)
        let id = try context.uuid("id", "The story")
        var at: Date?
        var version: Int?
        if target == .scheduled {
            let input = try await JSONBody.decode(ScheduleInput.self, request)
            at = input.at
            version = input.version
        } else {
            version = try await JSONBody.decodeIfPresent(VersionInput.self, request)?.version
        }
        let story = try await conflictAware(request, context) {
            try await store.newsroom.move(id: id, to: target, at: at, expectedVersion: version, by: actor, now: config.now())
        }
        return try JSON(value: StoryJSON(story)).response(from: request, context: context)
    }

    /// Runs a write; a version conflict answers 409 naming who saved the newer version.
    func conflictAware(_ request: Request, _ context: Context, _ work: () async throws -> Story) async throws -> Story {
        do {
            return try await work()
        } catch let error as NewsroomError {
            if case .conflict(let name, let at, let version) = error {
                let problem = ConflictProblem(error: .init(status: 409, message: error.message, savedBy: name, savedAt: at, currentVersion: version))
                throw ConflictResponse(response: try JSON(value: problem, status: .conflict).response(from: request, context: context))
            }
            throw error
        }
    }
}

/// A finished error response that the error middleware passes through unchanged.
struct ConflictResponse: Error {
    var response: Response
}
