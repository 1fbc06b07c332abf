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
    let server: PageServer
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
        try await server.shared(request, key: PageServer.key(request)) {
            let (feed, tags) = try await build(subject, format)
            return PublicDocument(body: try format.render(feed), contentType: format.contentType, lastModified: feed.updated, maxAge: 300, tags: tags)
        }
    }

    private func absolute(_ url: SiteURL) -> String { url.absolute(base: publicBase) }

    /// The feed, and the tags of what it shows for the page cache.
    func build(_ subject: FeedSubject, _ format: FeedFormat) async throws -> (Feed, Set<PageTag>) {
        let (name, found) = try await stories.feed(subject, limit: Self.itemCount)
        let items: [FeedItem]
        let home: SiteURL
        let title: String
        var tags = Set(found.map { PageTag.listed($0.id) })
        switch subject {
        case .comments(let slug):
            let story = found[0]
            tags = [.story(story.id)]
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
            case .rubric(let slug): (home, tags) = (.rubric(slug: slug), tags.union([.rubric(slug)]))
            case .tag(let slug): (home, tags) = (.tag(slug: slug), tags.union([.tag(slug)]))
            case .author(let slug): (home, tags) = (.author(slug: slug), tags.union([.author(slug)]))
            default: (home, tags) = (.home(), tags.union([.latest]))
            }
            title = name.map { "\($0) — \(site.name)" } ?? site.name
            items = found.map(item)
        }
        let feed = Feed(
            title: title, description: site.tagline, homeURL: absolute(home), feedURL: absolute(.feed(subject, format)),
            language: site.language, updated: items.map(\.updated).max() ?? Date(timeIntervalSince1970: 0), items: items
        )
        return (feed, tags)
    }

    func item(_ story: Story) -> FeedItem {
        let published = story.publishedAt ?? story.updatedAt
        let image = story.leadPhoto.map { photo in
            let variant = PhotoVariant.width(1280, .jpeg)
            let size = photo.size(of: variant)
            return FeedItem.Image(
                url: absolute(.photo(photo, variant)), type: "image/jpeg", width: size.width, height: size.height,
                alt: photo.altText, caption: photo.caption, credit: photo.credit
            )
        }
        // Feed readers show the content alone: the lead photo goes first, and every photo
        // address is made absolute (readers resolve relative ones unreliably).
        var content = FeedItem.absolutePhotoAddresses(in: story.bodyHTML, base: publicBase)
        if let image { content = image.figureHTML + content }
        return FeedItem(
            id: "urn:uuid:" + story.id.uuidString.lowercased(),
            url: absolute(.article(slug: story.slug)),
            title: story.headline, summary: story.lead, contentHTML: content, image: image,
            published: published, updated: max(published, story.updatedAt),
            authors: story.authors.map { Feed.Author(name: $0.name, url: absolute(.author(slug: $0.slug))) },
            categories: story.topics
        )
    }
}
