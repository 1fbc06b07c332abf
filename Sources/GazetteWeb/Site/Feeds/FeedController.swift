import Foundation
import GazetteCore
import Hummingbird

/// RSS, Atom and JSON Feed for the site, each rubric, tag and author (the newest 50 stories
/// with their whole text) and each story's comments; `ETag`, `Last-Modified` and `304`.
struct FeedController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let comments: CommentService
    let site: SiteSettings
    let publicBase: String
    static let itemCount = 50

    func addRoutes(to router: Router<Context>) {
        for format in FeedFormat.allCases {
            router.get(FeedSubject.site.route(format).routerPath) { request, _ in try await feed(.site, format, request) }
            for make in [FeedSubject.rubric, FeedSubject.tag, FeedSubject.author, FeedSubject.comments] {
                router.get(make("").route(format).routerPath) { request, context in
                    try await feed(make(try context.parameters.require("slug")), format, request)
                }
            }
        }
    }

    func feed(_ subject: FeedSubject, _ format: FeedFormat, _ request: Request) async throws -> Response {
        let feed = try await build(subject, format)
        return PublicDocument(body: try format.render(feed), contentType: format.contentType, lastModified: feed.updated).response(for: request)
    }

    private func absolute(_ url: SiteURL) -> String { url.absolute(base: publicBase) }

    func build(_ subject: FeedSubject, _ format: FeedFormat) async throws -> Feed {
        let (name, found) = try await stories.feed(subject, limit: Self.itemCount)
        let items: [FeedItem]
        let home: SiteURL
        let title: String
        switch subject {
        case .comments(let slug):
            let story = found[0]
            home = .article(slug: story.slug)
            title = "Comments on “\(story.headline)” — \(site.name)"
            items = try await comments.latest(of: story, limit: Self.itemCount).map { comment in
                FeedItem(
                    id: "urn:uuid:" + comment.id.uuidString.lowercased(),
                    url: absolute(.article(slug: slug, fragment: "comment-\(comment.id.uuidString)")),
                    title: "\(comment.name) on “\(story.headline)”", summary: "", contentHTML: comment.html,
                    published: comment.createdAt, updated: comment.editedAt ?? comment.createdAt,
                    authors: [Feed.Author(name: comment.name)], categories: []
                )
            }
        default:
            switch subject {
            case .rubric(let slug): home = .rubric(slug: slug)
            case .tag(let slug): home = .tag(slug: slug)
            case .author(let slug): home = .author(slug: slug)
            default: home = .home()
            }
            title = name.map { "\($0) — \(site.name)" } ?? site.name
            items = found.map(item)
        }
        return Feed(
            title: title, description: site.tagline, homeURL: absolute(home), feedURL: absolute(.feed(subject, format)),
            language: site.language, updated: items.map(\.updated).max() ?? Date(timeIntervalSince1970: 0), items: items
        )
    }

    func item(_ story: Story) -> FeedItem {
        let published = story.publishedAt ?? story.updatedAt
        return FeedItem(
            id: "urn:uuid:" + story.id.uuidString.lowercased(),
            url: absolute(.article(slug: story.slug)),
            title: story.headline, summary: story.lead, contentHTML: story.bodyHTML,
            published: published, updated: max(published, story.updatedAt),
            authors: story.authors.map { Feed.Author(name: $0.name, url: absolute(.author(slug: $0.slug))) },
            categories: story.topics
        )
    }
}
