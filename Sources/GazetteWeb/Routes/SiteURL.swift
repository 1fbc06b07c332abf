/// Every URL of the site, in one place: the router registers `pattern` and pages build links
/// with `path`, so a link cannot point to a route that does not exist.
import Foundation

enum SiteURL {
    case home(page: Int = 1)
    case article(slug: String)
    case rubric(slug: String, page: Int = 1)
    case tag(slug: String, page: Int = 1)
    case author(slug: String, page: Int = 1)
    case asset(String)
    case healthz
    case apiArticles
    case apiArticle(slug: String)
    case search
    case apiSearch

    enum Pattern {
        static let home = "/"
        static let article = "/news/{slug}"
        static let rubric = "/rubrics/{slug}"
        static let tag = "/tags/{slug}"
        static let author = "/authors/{slug}"
        static let asset = "/assets/{file}"
        static let healthz = "/healthz"
        static let apiArticles = "/api/v1/articles"
        static let apiArticle = "/api/v1/articles/{slug}"
        static let search = "/search"
        static let apiSearch = "/api/v1/search"
        static let newsroom = "/newsroom"
        static let adminAPI = "/api/v1/admin"
    }

    /// Whether a path is in the newsroom (private pages for logged-in people).
    static func isNewsroom(_ path: String) -> Bool { isUnder(Pattern.newsroom, path) }

    /// Whether a path is in the Admin API.
    static func isAdminAPI(_ path: String) -> Bool { isUnder(Pattern.adminAPI, path) }

    private static func isUnder(_ prefix: String, _ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    var path: String {
        switch self {
        case .home(let page): return Self.paged(Pattern.home, page)
        case .article(let slug): return Self.fill(Pattern.article, "slug", slug)
        case .rubric(let slug, let page): return Self.paged(Self.fill(Pattern.rubric, "slug", slug), page)
        case .tag(let slug, let page): return Self.paged(Self.fill(Pattern.tag, "slug", slug), page)
        case .author(let slug, let page): return Self.paged(Self.fill(Pattern.author, "slug", slug), page)
        case .asset(let file): return Self.fill(Pattern.asset, "file", file)
        case .healthz: return Pattern.healthz
        case .apiArticles: return Pattern.apiArticles
        case .apiArticle(let slug): return Self.fill(Pattern.apiArticle, "slug", slug)
        case .search: return Pattern.search
        case .apiSearch: return Pattern.apiSearch
        }
    }

    private static func fill(_ pattern: String, _ name: String, _ value: String) -> String {
        // Slugs are [a-z0-9-] by construction; anything else is percent-encoded all the same.
        let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
        return pattern.replacingOccurrences(of: "{\(name)}", with: encoded)
    }

    private static func paged(_ path: String, _ page: Int) -> String {
        page <= 1 ? path : "\(path)?page=\(page)"
    }
}
