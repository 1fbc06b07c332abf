import Foundation
import GazetteCore
import GazetteStore

/// Everything the application needs to start, read once (flags, then `GAZETTE_*` variables,
/// then defaults) by the command line and checked before anything runs.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var loadDemo: Bool
    /// Whether the demo makes its photos (tests that do not look at photos leave them out).
    public var demoPhotos = true
    public var site: SiteSettings
    /// A theme folder to use instead of the built-in default theme.
    public var themeDirectory: String?
    /// The clock; tests fix it.
    public var now: @Sendable () -> Date
    /// The site's public address, e.g. `https://news.example.org`. An `https` address marks
    /// session cookies `Secure`.
    public var publicURL: String?
    /// bcrypt's cost for newsroom passwords (tests use a low one).
    public var bcryptCost: UInt8 = 12
    /// How long a newsroom session lasts.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// How often the scheduler looks for stories due; 0 turns it off.
    public var schedulerInterval: TimeInterval = 15
    /// How Read next ranks, and how many stories it lists.
    public var readNext = ReadNextSettings()
    /// How often each node compares its Read next lists with the whole store (seconds), for
    /// changes other processes made; this node's own changes arrive as events at once.
    public var readNextResyncInterval: TimeInterval = 60
    /// Story addresses per sitemap file (the sitemap protocol allows 50,000).
    public var sitemapPageSize = 50_000
    /// Comment policy, abuse rules and limits.
    public var discussion = DiscussionSettings()
    /// Deadlines for each phase of a request, and the cap on open connections.
    public var connections = ConnectionLimits()
    /// The rendered-page cache's size and the `Cache-Control` of public pages.
    public var pageCache = PageCacheSettings()
    /// Peers whose `X-Forwarded-For` is believed (the site's own proxies).
    public var trustedProxies: Set<String> = []
    /// The photo folder: originals (SQLite) and this node's cached variants; nil for the
    /// default beside the SQLite file (PostgreSQL: a cache in the temporary folder).
    public var mediaDirectory: String?
    /// What one photo upload may cost.
    public var photoLimits = PhotoLimits()
    /// Memory for recently served photo variants (0: read each from disk).
    public var photoCacheBytes = 32 << 20
    /// Pools, replica, logs, migrations and shutdown.
    public var operations = OperationsSettings()

    /// The address absolute links start with: the public URL, else this server's own.
    public var publicBase: String { publicURL ?? "http://\(host):\(port)" }

    /// Whether cookies must only travel over TLS.
    public var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .defaultSQLite,
        loadDemo: Bool = false, site: SiteSettings = SiteSettings(), themeDirectory: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.loadDemo = loadDemo
        self.site = site
        self.themeDirectory = themeDirectory
        self.now = now
    }
}

/// Settings of the publication itself.
public struct SiteSettings: Sendable {
    public var name: String
    public var tagline: String
    public var timeZone: TimeZone
    public var language: String
    /// Stories per page on home, rubric and tag pages.
    public var pageSize: Int
    /// The theme asset that is the publication's logo (structured data's publisher logo).
    public var logoAsset = "logo.svg"

    public init(
        name: String = "Gazette", tagline: String = "News as it happens",
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, language: String = "en", pageSize: Int = 20
    ) {
        self.name = name
        self.tagline = tagline
        self.timeZone = timeZone
        self.language = language
        self.pageSize = pageSize
    }
}
