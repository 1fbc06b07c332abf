import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The Admin API: the newsroom's story work over JSON, authorised by a bearer token made
/// with `gazette token create`. The same use cases as the pages (`NewsroomService`); a
/// version conflict is a 409 problem naming who saved the newer version.
struct AdminAPIController: Sendable {
    typealias Context = GazetteRequestContext
    let newsroom: NewsroomService
    let accounts: AccountService

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
        var leadPhotoId: UUID?

        init(_ story: Story) {
            leadPhotoId = story.leadPhoto?.id
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
        /// A library photo's id; an empty string takes the lead photo away.
        var leadPhotoId: String?

        func applied(to base: StoryDraft) throws -> StoryDraft {
            var draft = base
            if let leadPhotoId {
                if leadPhotoId.isEmpty {
                    draft.leadPhoto = nil
                } else {
                    guard let id = UUID(uuidString: leadPhotoId) else { throw ContentError.invalid(field: "leadPhotoId", reason: "must be a photo id") }
                    draft.leadPhoto = id
                }
            }
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

    func addRoutes(to router: Router<Context>) {
        router.post(Route.adminArticles.routerPath, use: create)
        router.patch(Route.adminArticle.routerPath, use: update)
        router.get(Route.adminArticle.routerPath, use: show)
        router.post(Route.adminArticleSubmit.routerPath) { try await move($0, $1, to: .inReview) }
        router.post(Route.adminArticlePublish.routerPath) { try await move($0, $1, to: .published) }
        router.post(Route.adminArticleSchedule.routerPath) { try await move($0, $1, to: .scheduled) }
        router.post(Route.adminArticleUnpublish.routerPath) { try await move($0, $1, to: .unpublished) }
        router.put(Route.adminArticleReadNext.routerPath, use: setReadNext)
    }

    /// The newsroom's hand on a story's Read next: stories (by slug) pinned in order, and
    /// stories kept out. Editors and admins only.
    struct ReadNextJSON: Codable {
        var pinned: [String]
        var excluded: [String]
    }

    @Sendable func setReadNext(_ request: Request, context: Context) async throws -> JSON<ReadNextJSON> {
        let actor = try await actor(request)
        let story = try await story(context, for: .curate, by: actor)
        let input = try await JSONBody.decode(ReadNextJSON.self, request)
        let saved = try await newsroom.setReadNext(of: story, pinned: input.pinned, excluded: input.excluded, by: actor)
        return JSON(value: ReadNextJSON(pinned: saved.pinned, excluded: saved.excluded))
    }

    /// The caller behind `Authorization: Bearer TOKEN`.
    func actor(_ request: Request) async throws -> NewsroomActor {
        try await Self.actor(request, accounts: accounts)
    }

    static func actor(_ request: Request, accounts: AccountService) async throws -> NewsroomActor {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem(.unauthorized, "Send an API token: Authorization: Bearer TOKEN.", headers: [.wwwAuthenticate: "Bearer"])
        }
        let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let actor = try await accounts.apiActor(secret: secret) else {
            throw Problem(.unauthorized, "The API token is not valid.", headers: [.wwwAuthenticate: "Bearer"])
        }
        return actor
    }

    private func story(_ context: Context, for action: NewsroomAction, by actor: NewsroomActor) async throws -> Story {
        try await newsroom.story(try context.uuid("id", "The story"), for: action, by: actor)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let actor = try await actor(request)
        let input = try await JSONBody.decode(StoryInput.self, request)
        let story = try await newsroom.create(try input.applied(to: newsroom.blankDraft(by: actor)), by: actor)
        return try JSON(value: StoryJSON(story), status: .created).response(from: request, context: context)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSON<StoryJSON> {
        let actor = try await actor(request)
        return JSON(value: StoryJSON(try await story(context, for: .read, by: actor)))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> JSON<StoryJSON> {
        let actor = try await actor(request)
        let input = try await JSONBody.decode(StoryInput.self, request)
        guard let version = input.version else { throw ContentError.invalid(field: "version", reason: "is required: send the version you edited") }
        let current = try await story(context, for: .edit, by: actor)
        let story = try await newsroom.save(current, draft: try input.applied(to: StoryDraft(current)), expectedVersion: version, by: actor)
        return JSON(value: StoryJSON(story))
    }

    func move(_ request: Request, _ context: Context, to target: StoryStatus) async throws -> JSON<StoryJSON> {
        let actor = try await actor(request)
        var at: Date?
        var version: Int?
        if target == .scheduled {
            let input = try await JSONBody.decode(ScheduleInput.self, request)
            at = input.at
            version = input.version
        } else {
            version = try await JSONBody.decodeIfPresent(VersionInput.self, request)?.version
        }
        let current = try await story(context, for: .move(to: target), by: actor)
        return JSON(value: StoryJSON(try await newsroom.move(current, to: target, at: at, expectedVersion: version, by: actor)))
    }
}
