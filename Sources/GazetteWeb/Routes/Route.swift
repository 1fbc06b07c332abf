import Hummingbird

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
    case healthz = "/healthz"
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
    case newsroomAsset = "/assets/newsroom/{file}"

    var routerPath: RouterPath { RouterPath(rawValue) }

    /// The path with its `{name}` parameters filled in, each percent-encoded.
    func fill(_ values: [String: String] = [:]) -> String {
        var path = rawValue
        for (name, value) in values {
            path = path.replacingOccurrences(of: "{\(name)}", with: QueryString.encodePathSegment(value))
        }
        return path
    }

    /// Areas of the site with rules of their own (headers, sessions, error format).
    static let newsroomPrefix = Route.newsroom.rawValue
    static let apiPrefix = "/api/"
    static let adminAPIPrefix = "/api/v1/admin"
}
