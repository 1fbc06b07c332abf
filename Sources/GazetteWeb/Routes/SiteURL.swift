import Foundation
import GazetteCore
import Hummingbird

/// Every link of the site, in one place: each case fills in its `Route` (the pattern the
/// router registers) and builds its query string with `QueryString`, so a link cannot point
/// to a route that does not exist. `absolute(base:)` gives the full address for canonical
/// links, feeds and sitemaps.
enum SiteURL: Sendable, Equatable {
    // Reader pages
    case home(page: Int = 1)
    case article(slug: String, ArticleQuery = ArticleQuery(), fragment: String? = nil)
    case rubric(slug: String, page: Int = 1)
    case tag(slug: String, page: Int = 1)
    case author(slug: String, page: Int = 1)
    case search(SearchLink = SearchLink())
    case asset(String, version: String? = nil)
    case photo(Photo, PhotoVariant)
    case healthz
    case readyz
    case metrics
    // Feeds and sitemaps
    case feed(FeedSubject, FeedFormat)
    case robots
    case sitemapIndex
    case sitemapStories(page: Int)
    case sitemapList(String)
    case newsSitemap
    // Reader forms
    case articleComments(slug: String)
    case comment(UUID, CommentAction)
    // API
    case apiArticles
    case apiArticle(slug: String)
    case apiSearch
    // Newsroom
    case newsroom(notice: Notice? = nil)
    case newsroomLogin(next: String? = nil, notice: Notice? = nil)
    case newsroomLogout
    case newsroomStories(StoriesFilterLink = StoriesFilterLink())
    case newsroomNewStory
    case newsroomStory(UUID, notice: Notice? = nil)
    case newsroomStoryAction(UUID, StoryAction)
    case newsroomRevisions(UUID, from: UUID? = nil, to: UUID? = nil)
    case newsroomRevisionRestore(UUID, revision: UUID)
    case newsroomComments(queue: String? = nil, page: Int = 1, notice: Notice? = nil)
    case newsroomTaxonomy(TaxonomyKind, notice: Notice? = nil)
    case newsroomMedia(search: String? = nil, page: Int = 1, notice: Notice? = nil)
    case newsroomPhoto(UUID, notice: Notice? = nil)
    case newsroomPhotoDelete(UUID)
    case newsroomAsset(String, version: String? = nil)
    // Admin API photos
    case adminPhotos
    case adminPhoto(UUID)

    enum CommentAction: String, Sendable, CaseIterable {
        case vote, report, edit, delete
    }

    enum StoryAction: String, Sendable, CaseIterable {
        case status, lock, takeOver, readNext
    }

    /// What an article link may carry: the comment order and page, one thread and its page,
    /// the reply or edit form, and a notice after a comment was sent.
    struct ArticleQuery: Sendable, Equatable {
        var sort: CommentSort = .oldest
        var commentPage = 1
        var thread: UUID?
        var replyPage = 1
        var reply: UUID?
        var edit: UUID?
        var comment: String?

        init(sort: CommentSort = .oldest, commentPage: Int = 1, thread: UUID? = nil, replyPage: Int = 1, reply: UUID? = nil, edit: UUID? = nil, comment: String? = nil) {
            self.sort = sort
            self.commentPage = commentPage
            self.thread = thread
            self.replyPage = replyPage
            self.reply = reply
            self.edit = edit
            self.comment = comment
        }
    }

    struct SearchLink: Sendable, Equatable {
        var text = ""
        var rubric = ""
        var from = ""
        var to = ""
        var page = 1
    }

    struct StoriesFilterLink: Sendable, Equatable {
        var status: String?
        var rubric: String?
        var author: String?
        var search: String?
        var page = 1
    }

    /// The path and query, as links in pages use them.
    var path: String {
        var query = QueryString()
        switch self {
        case .home(let page):
            query.add(page: "page", page)
            return query.appended(to: Route.home.fill())
        case .article(let slug, let options, let fragment):
            if options.sort != .oldest { query.add("sort", options.sort.rawValue) }
            query.add(page: "cpage", options.commentPage)
            query.add("thread", options.thread?.uuidString)
            query.add(page: "rpage", options.replyPage)
            query.add("reply", options.reply?.uuidString)
            query.add("edit", options.edit?.uuidString)
            query.add("comment", options.comment)
            return query.appended(to: Route.article.fill(["slug": slug]), fragment: fragment)
        case .rubric(let slug, let page):
            query.add(page: "page", page)
            return query.appended(to: Route.rubric.fill(["slug": slug]))
        case .tag(let slug, let page):
            query.add(page: "page", page)
            return query.appended(to: Route.tag.fill(["slug": slug]))
        case .author(let slug, let page):
            query.add(page: "page", page)
            return query.appended(to: Route.author.fill(["slug": slug]))
        case .search(let search):
            query.add("q", search.text)
            query.add("rubric", search.rubric)
            query.add("from", search.from)
            query.add("to", search.to)
            query.add(page: "page", search.page)
            return query.appended(to: Route.search.fill())
        case .asset(let file, let version):
            query.add("v", version)
            return query.appended(to: Route.asset.fill(["file": file]))
        case .photo(let photo, let variant):
            return Route.photoVariant.fill(["id": photo.id.uuidString.lowercased(), "key": photo.key, "variant": variant.name])
        case .healthz: return Route.healthz.fill()
        case .readyz: return Route.readyz.fill()
        case .metrics: return Route.metrics.fill()
        case .feed(let subject, let format): return subject.route(format).fill(subject.parameters)
        case .robots: return Route.robots.fill()
        case .sitemapIndex: return Route.sitemapIndex.fill()
        case .sitemapStories(let page): return Route.sitemapStories.fill(["page": String(page)])
        case .sitemapList(let kind): return Route.sitemapLists.fill(["kind": kind])
        case .newsSitemap: return Route.newsSitemap.fill()
        case .articleComments(let slug): return Route.articleComments.fill(["slug": slug])
        case .comment(let id, let action):
            let route: Route
            switch action {
            case .vote: route = .commentVote
            case .report: route = .commentReport
            case .edit: route = .commentEdit
            case .delete: route = .commentDelete
            }
            return route.fill(["id": id.uuidString])
        case .apiArticles: return Route.apiArticles.fill()
        case .apiArticle(let slug): return Route.apiArticle.fill(["slug": slug])
        case .apiSearch: return Route.apiSearch.fill()
        case .newsroom(let notice):
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroom.fill())
        case .newsroomLogin(let next, let notice):
            query.add("next", next)
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroomLogin.fill())
        case .newsroomLogout: return Route.newsroomLogout.fill()
        case .newsroomStories(let filter):
            query.add("status", filter.status)
            query.add("rubric", filter.rubric)
            query.add("author", filter.author)
            query.add("q", filter.search)
            query.add(page: "page", filter.page)
            return query.appended(to: Route.newsroomStories.fill())
        case .newsroomNewStory: return Route.newsroomNewStory.fill()
        case .newsroomStory(let id, let notice):
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroomStory.fill(["id": id.uuidString]))
        case .newsroomStoryAction(let id, let action):
            let route: Route
            switch action {
            case .status: route = .newsroomStoryStatus
            case .lock: route = .newsroomStoryLock
            case .takeOver: route = .newsroomStoryTakeOver
            case .readNext: route = .newsroomStoryReadNext
            }
            return route.fill(["id": id.uuidString])
        case .newsroomRevisions(let id, let from, let to):
            query.add("from", from?.uuidString)
            query.add("to", to?.uuidString)
            return query.appended(to: Route.newsroomRevisions.fill(["id": id.uuidString]))
        case .newsroomRevisionRestore(let id, let revision):
            return Route.newsroomRevisionRestore.fill(["id": id.uuidString, "revision": revision.uuidString])
        case .newsroomComments(let queue, let page, let notice):
            query.add("queue", queue)
            query.add(page: "page", page)
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroomComments.fill())
        case .newsroomMedia(let search, let page, let notice):
            query.add("q", search)
            query.add(page: "page", page)
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroomMedia.fill())
        case .newsroomPhoto(let id, let notice):
            query.add("notice", notice?.rawValue)
            return query.appended(to: Route.newsroomPhoto.fill(["id": id.uuidString.lowercased()]))
        case .newsroomPhotoDelete(let id): return Route.newsroomPhotoDelete.fill(["id": id.uuidString.lowercased()])
        case .adminPhotos: return Route.adminPhotos.fill()
        case .adminPhoto(let id): return Route.adminPhoto.fill(["id": id.uuidString.lowercased()])
        case .newsroomAsset(let file, let version):
            query.add("v", version)
            return query.appended(to: Route.newsroomAsset.fill(["file": file]))
        case .newsroomTaxonomy(let kind, let notice):
            query.add("notice", notice?.rawValue)
            return query.appended(to: kind.route.fill())
        }
    }

    /// The full address under the site's public URL (`https://news.example.org`).
    func absolute(base: String) -> String {
        Self.absolute(path, base: base)
    }

    static func absolute(_ path: String, base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// Whether a path is in the newsroom (private pages for logged-in people).
    static func isNewsroom(_ path: String) -> Bool { isUnder(Route.newsroomPrefix, path) }

    /// Whether a path is in the Admin API.
    static func isAdminAPI(_ path: String) -> Bool { isUnder(Route.adminAPIPrefix, path) }

    /// Whether a path is in the JSON API (errors answer as `application/problem+json`).
    static func isAPI(_ path: String) -> Bool { path.hasPrefix(Route.apiPrefix) }

    /// A `next` address to return to after log-in: only paths inside the newsroom, never
    /// another site.
    static func safeNewsroomNext(_ next: String?) -> String {
        guard let next, isNewsroom(next.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""),
              !next.hasPrefix("//"), !next.contains("\\")
        else { return SiteURL.newsroom().path }
        return next
    }

    private static func isUnder(_ prefix: String, _ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }
}

/// Every route pattern of the application. The router registers these and `SiteURL` fills
/// them in to make links, so a link and its route are the same string. Nothing else in the
/// code names a path.
enum Route: String, CaseIterable, Sendable {
    // Reader pages
    case home = "/"
    case article = "/news/{slug}"
    case rubric = "/rubrics/{slug}"
    case tag = "/tags/{slug}"
    case author = "/authors/{slug}"
    case search = "/search"
    case asset = "/assets/{file}"
    /// A photo variant; `Photo.path` writes the same address for story bodies.
    case photoVariant = "/media/{id}/{key}/{variant}"
    case healthz = "/healthz"
    case readyz = "/readyz"
    case metrics = "/metrics"
    // Feeds: the site's, each rubric's, tag's and author's, and each story's comments
    case feedRSS = "/feed.xml"
    case feedAtom = "/atom.xml"
    case feedJSON = "/feed.json"
    case rubricFeedRSS = "/rubrics/{slug}/feed.xml"
    case rubricFeedAtom = "/rubrics/{slug}/atom.xml"
    case rubricFeedJSON = "/rubrics/{slug}/feed.json"
    case tagFeedRSS = "/tags/{slug}/feed.xml"
    case tagFeedAtom = "/tags/{slug}/atom.xml"
    case tagFeedJSON = "/tags/{slug}/feed.json"
    case authorFeedRSS = "/authors/{slug}/feed.xml"
    case authorFeedAtom = "/authors/{slug}/atom.xml"
    case authorFeedJSON = "/authors/{slug}/feed.json"
    case commentsFeedRSS = "/news/{slug}/feed.xml"
    case commentsFeedAtom = "/news/{slug}/atom.xml"
    case commentsFeedJSON = "/news/{slug}/feed.json"
    // For search engines
    case robots = "/robots.txt"
    case sitemapIndex = "/sitemap.xml"
    case sitemapStories = "/sitemaps/stories/{page}.xml"
    case sitemapLists = "/sitemaps/{kind}.xml"
    case newsSitemap = "/news-sitemap.xml"
    // Reader forms
    case articleComments = "/news/{slug}/comments"
    case commentVote = "/comments/{id}/vote"
    case commentReport = "/comments/{id}/report"
    case commentEdit = "/comments/{id}/edit"
    case commentDelete = "/comments/{id}/delete"
    // Content, search and comment API
    case apiArticles = "/api/v1/articles"
    case apiArticle = "/api/v1/articles/{slug}"
    case apiSearch = "/api/v1/search"
    case apiArticleComments = "/api/v1/articles/{slug}/comments"
    case apiComment = "/api/v1/comments/{id}"
    case apiCommentVote = "/api/v1/comments/{id}/vote"
    case apiCommentReport = "/api/v1/comments/{id}/report"
    case apiOpenAPI = "/api/v1/openapi.json"
    // Admin API
    case adminArticles = "/api/v1/admin/articles"
    case adminArticle = "/api/v1/admin/articles/{id}"
    case adminArticleSubmit = "/api/v1/admin/articles/{id}/submit"
    case adminArticlePublish = "/api/v1/admin/articles/{id}/publish"
    case adminArticleSchedule = "/api/v1/admin/articles/{id}/schedule"
    case adminArticleUnpublish = "/api/v1/admin/articles/{id}/unpublish"
    case adminArticleReadNext = "/api/v1/admin/articles/{id}/read-next"
    case adminPhotos = "/api/v1/admin/photos"
    case adminPhoto = "/api/v1/admin/photos/{id}"
    // Newsroom
    case newsroom = "/newsroom"
    case newsroomLogin = "/newsroom/login"
    case newsroomLogout = "/newsroom/logout"
    case newsroomStories = "/newsroom/stories"
    case newsroomNewStory = "/newsroom/stories/new"
    case newsroomStory = "/newsroom/stories/{id}"
    case newsroomStoryStatus = "/newsroom/stories/{id}/status"
    case newsroomStoryLock = "/newsroom/stories/{id}/lock"
    case newsroomStoryTakeOver = "/newsroom/stories/{id}/takeover"
    case newsroomStoryReadNext = "/newsroom/stories/{id}/read-next"
    case newsroomRevisions = "/newsroom/stories/{id}/revisions"
    case newsroomRevisionRestore = "/newsroom/stories/{id}/revisions/{revision}/restore"
    case newsroomComments = "/newsroom/comments"
    case newsroomRubrics = "/newsroom/rubrics"
    case newsroomTags = "/newsroom/tags"
    case newsroomAuthors = "/newsroom/authors"
    case newsroomMedia = "/newsroom/media"
    case newsroomPhoto = "/newsroom/media/{id}"
    case newsroomPhotoDelete = "/newsroom/media/{id}/delete"
    case newsroomAsset = "/assets/newsroom/{file}"

    var routerPath: RouterPath { RouterPath(rawValue) }

    /// The path with its `{name}` parameters filled in, each percent-encoded.
    func fill(_ values: [String: String] = [:]) -> String {
        guard !values.isEmpty else { return rawValue }
        // One pass over the pattern: pages build hundreds of links, and Foundation's
        // `replacingOccurrences` was an eighth of an article page's render.
        var path = ""
        var rest = Substring(rawValue)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            path += values[name].map(QueryString.encodePathSegment) ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return path + rest
    }

    /// Areas of the site with rules of their own (headers, sessions, error format).
    static let newsroomPrefix = Route.newsroom.rawValue
    static let apiPrefix = "/api/"
    static let apiVersionPrefix = "/api/v1"
    static let adminAPIPrefix = apiVersionPrefix + "/admin"
    /// What every photo variant's address starts with (`/media/`).
    static let photoPrefix = String(Route.photoVariant.rawValue.prefix { $0 != "{" })
}
