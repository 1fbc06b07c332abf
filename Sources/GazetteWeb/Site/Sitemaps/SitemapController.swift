import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// What search engines read: `robots.txt`, the sitemap index with paged story sitemaps
/// (at most `storiesPerSitemap` addresses each) and one each for rubrics, tags and authors,
/// and the Google News sitemap of the last 48 hours.
struct SitemapController: Sendable {
    typealias Context = GazetteRequestContext
    let stories: StoryService
    let site: SiteSettings
    let publicBase: String
    let now: @Sendable () -> Date
    let server: PageServer
    var storiesPerSitemap = 50_000

    static let lists: [(name: String, kind: StoryRepository.ListKind)] = [("rubrics", .rubrics), ("tags", .tags), ("authors", .authors)]

    func addRoutes(to router: Router<Context>) {
        router.get(Route.robots.routerPath) { _, _ in robots() }
        router.get(Route.sitemapIndex.routerPath) { request, _ in try await serve(request) { try await index() } }
        router.get(Route.sitemapStories.routerPath) { request, context in
            guard let page = Int(try context.parameters.require("page")), page >= 1 else { throw ContentError.notFound("The sitemap") }
            return try await serve(request) { try await storySitemap(page: page) }
        }
        router.get(Route.sitemapLists.routerPath) { request, context in
            let kind = try context.parameters.require("kind")
            return try await serve(request) { try await listSitemap(kind) }
        }
        router.get(Route.newsSitemap.routerPath) { request, _ in try await serve(request) { try await newsSitemap() } }
    }

    /// Every sitemap changes with any change to a published story (its `lastmod`).
    private func serve(_ request: Request, _ make: () async throws -> PublicDocument) async throws -> Response {
        try await server.shared(request, key: PageServer.key(request)) {
            var document = try await make()
            document.tags.insert(.sitemaps)
            return document
        }
    }

    private func absolute(_ url: SiteURL) -> String { XMLText.escape(url.absolute(base: publicBase)) }

    static let xmlType = "application/xml; charset=utf-8"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    func robots() -> Response {
        let text = """
            User-agent: *
            Disallow: \(Route.newsroomPrefix)
            Disallow: \(Route.adminAPIPrefix)
            Sitemap: \(SiteURL.sitemapIndex.absolute(base: publicBase))
            Sitemap: \(SiteURL.newsSitemap.absolute(base: publicBase))

            """
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    func index() async throws -> PublicDocument {
        let count = try await stories.publishedCount()
        let pages = max(1, (count + storiesPerSitemap - 1) / storiesPerSitemap)
        var body = Self.header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in 1...pages { body += "<sitemap><loc>\(absolute(.sitemapStories(page: page)))</loc></sitemap>\n" }
        for list in Self.lists { body += "<sitemap><loc>\(absolute(.sitemapList(list.name)))</loc></sitemap>\n" }
        return PublicDocument(body: body + "</sitemapindex>\n", contentType: Self.xmlType, lastModified: nil, maxAge: 300)
    }

    func storySitemap(page: Int) async throws -> PublicDocument {
        let entries = try await stories.sitemapEntries(offset: (page - 1) * storiesPerSitemap, limit: storiesPerSitemap)
        if entries.isEmpty && page > 1 { throw ContentError.notFound("The sitemap") }
        var body = Self.header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n"
        if page == 1 { body += "<url><loc>\(absolute(.home()))</loc></url>\n" }
        for entry in entries {
            body += "<url><loc>\(absolute(.article(slug: entry.slug)))</loc><lastmod>\(FeedWriter.rfc3339(entry.updatedAt))</lastmod>"
            // Google's image extension: the largest size of each photo the story shows.
            for photo in entry.photos.prefix(1000) {
                body += "<image:image><image:loc>\(absolute(.photo(photo, .width(photo.widths.last ?? PhotoVariant.widths[0], .jpeg))))</image:loc></image:image>"
            }
            body += "</url>\n"
        }
        return PublicDocument(body: body + "</urlset>\n", contentType: Self.xmlType, lastModified: entries.map(\.updatedAt).max(), maxAge: 300)
    }

    func listSitemap(_ name: String) async throws -> PublicDocument {
        guard let list = Self.lists.first(where: { $0.name == name }) else { throw ContentError.notFound("The sitemap") }
        let lists = try await stories.listsWithStories(list.kind)
        var body = Self.header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in lists {
            let url: SiteURL
            switch list.kind {
            case .rubrics: url = .rubric(slug: entry.slug)
            case .tags: url = .tag(slug: entry.slug)
            case .authors: url = .author(slug: entry.slug)
            }
            body += "<url><loc>\(absolute(url))</loc><lastmod>\(FeedWriter.rfc3339(entry.lastModified))</lastmod></url>\n"
        }
        return PublicDocument(body: body + "</urlset>\n", contentType: Self.xmlType, lastModified: lists.map(\.lastModified).max(), maxAge: 300)
    }

    /// Google News: stories of the last 48 hours (at most 1,000), with the publication's name
    /// and language.
    func newsSitemap() async throws -> PublicDocument {
        let window: TimeInterval = 48 * 3600
        let entries = try await stories.publishedSince(now().addingTimeInterval(-window), limit: 1_000)
        var body = Self.header
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
        for entry in entries {
            body += "<url><loc>\(absolute(.article(slug: entry.slug)))</loc><news:news>"
            body += "<news:publication><news:name>\(XMLText.escape(site.name))</news:name><news:language>\(XMLText.escape(site.language))</news:language></news:publication>"
            body += "<news:publication_date>\(FeedWriter.rfc3339(entry.publishedAt ?? entry.updatedAt))</news:publication_date>"
            body += "<news:title>\(XMLText.escape(entry.headline))</news:title></news:news></url>\n"
        }
        // It changes when its oldest story leaves the 48 hours.
        let leaves = entries.compactMap(\.publishedAt).min().map { $0.addingTimeInterval(window) }
        return PublicDocument(
            body: body + "</urlset>\n", contentType: Self.xmlType, lastModified: entries.map(\.updatedAt).max(), maxAge: 60, expires: leaves
        )
    }
}
