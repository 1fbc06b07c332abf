import ArgumentParser
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import GazetteCore
import GazetteStore
import GazetteWeb
import Hummingbird
import NIOCore
import NIOPosix
/// glibc gives each thread that allocates its own malloc arena (up to 8 per core); photo
/// work moves large buffers across the event loops, the photo thread and libvips's threads,
/// and the freed space stayed in the arenas: resident memory rose from 122 to 299 MiB over ten
/// 24-megapixel uploads. One arena per core keeps it at 113–142 MiB with the same upload
/// times (2.1 s each; scripts/bench/photos.sh). `MALLOC_ARENA_MAX` in the environment wins.
func limitMallocArenas() {
    guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
    PhotoProcessor.limitMallocArenas(to: max(2, ProcessInfo.processInfo.activeProcessorCount))
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the site.",
        discussion: "Migrations run at start unless --no-migrate. Every option can also be set with a GAZETTE_* variable."
    )

    @Option(help: "Address to listen on (env GAZETTE_HOST). Default: 127.0.0.1.")
    var host: String?

    @Option(help: "Port to listen on (env GAZETTE_PORT). Default: 8080.")
    var port: Int?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Load the demo content into an empty site (does nothing to a site that has stories; env GAZETTE_DEMO=1).")
    var demo = false

    @Option(name: .customLong("time-zone"), help: "The site's time zone, e.g. Europe/Berlin (env GAZETTE_TIME_ZONE). Default: UTC.")
    var timeZone: String?

    @Option(name: .customLong("site-name"), help: "The publication's name (env GAZETTE_SITE_NAME). Default: Gazette.")
    var siteName: String?

    @Option(name: .customLong("theme-dir"), help: "A theme folder to use instead of the built-in theme (env GAZETTE_THEME_DIR).")
    var themeDirectory: String?

    @Option(name: .customLong("comment-rate-client"), help: "Comments one client may post per minute (env GAZETTE_COMMENT_RATE_CLIENT; default 5; 0 turns the limit off).")
    var commentRateClient: Double?

    @Option(name: .customLong("comment-rate-story"), help: "Comments one story may receive per minute (env GAZETTE_COMMENT_RATE_STORY; default 60; 0 turns the limit off).")
    var commentRateStory: Double?

    @Option(name: .customLong("comment-rate-api"), help: "Comments one client may post per hour through the JSON API, which has no form checks (env GAZETTE_COMMENT_RATE_API; default 30; 0 turns the limit off).")
    var commentRateAPI: Double?

    @Option(name: .customLong("comments-close-after-days"), help: "Close discussions this many days after publication (env GAZETTE_COMMENTS_CLOSE_AFTER_DAYS; default 0: never).")
    var commentsCloseAfterDays: Int?

    @Option(name: .customLong("comment-policy"), help: "Policy of new stories: open, premoderated or closed (env GAZETTE_COMMENT_POLICY; default open).")
    var commentPolicy: String?

    @Flag(name: .customLong("premoderate-first-comment"), help: "A commenter's first comment waits for a moderator (env GAZETTE_PREMODERATE_FIRST_COMMENT=1).")
    var premoderateFirstComment = false

    @Option(name: .customLong("blocked-words"), help: "Comma-separated words that send a comment to the queue (env GAZETTE_BLOCKED_WORDS).")
    var blockedWords: String?

    @Flag(name: .customLong("reject-blocked-words"), help: "Reject comments with blocked words instead of queueing them (env GAZETTE_REJECT_BLOCKED_WORDS=1).")
    var rejectBlockedWords = false

    @Option(name: .customLong("trusted-proxy"), help: "A proxy address whose X-Forwarded-For is believed; repeat for several (env GAZETTE_TRUSTED_PROXIES, comma-separated).")
    var trustedProxies: [String] = []

    @Option(name: .customLong("idle-timeout"), help: "Seconds a kept-alive connection may wait for its next request (env GAZETTE_IDLE_TIMEOUT; default 30).")
    var idleTimeout: Double?

    @Option(name: .customLong("header-timeout"), help: "Seconds a request's headers may take to arrive (env GAZETTE_HEADER_TIMEOUT; default 10).")
    var headerTimeout: Double?

    @Option(name: .customLong("body-timeout"), help: "Seconds a request's body may take to arrive (env GAZETTE_BODY_TIMEOUT; default 30).")
    var bodyTimeout: Double?

    @Option(name: .customLong("max-connections"), help: "Open connections at most; more get a 503 (env GAZETTE_MAX_CONNECTIONS; default 1000).")
    var maxConnections: Int?

    @Option(name: .customLong("public-url"), help: "The site's public address, e.g. https://news.example.org (env GAZETTE_PUBLIC_URL); https marks session cookies Secure.")
    var publicURL: String?

    @Option(name: .customLong("page-cache-mb"), help: "Memory for rendered pages in MiB; 0 turns the page cache off (env GAZETTE_PAGE_CACHE_MB; default 64).")
    var pageCacheMB: Int?

    @Option(name: .customLong("page-max-age"), help: "Cache-Control max-age of public pages in seconds (env GAZETTE_PAGE_MAX_AGE; default 0: browsers ask again each time and get 304).")
    var pageMaxAge: Int?

    @Option(name: .customLong("page-stale-while-revalidate"), help: "Cache-Control stale-while-revalidate of public pages in seconds (env GAZETTE_PAGE_STALE_WHILE_REVALIDATE; default 60).")
    var pageStaleWhileRevalidate: Int?

    @Option(name: .customLong("photo-cache-mb"), help: "Memory for recently served photo sizes in MiB; 0 reads each from disk (env GAZETTE_PHOTO_CACHE_MB; default 32).")
    var photoCacheMB: Int?

    @Option(name: .customLong("photo-max-mb"), help: "Largest photo upload in MiB (env GAZETTE_PHOTO_MAX_MB; default 40).")
    var photoMaxMB: Int?

    @Option(name: .customLong("photo-max-megapixels"), help: "Most pixels a photo may have, in millions (env GAZETTE_PHOTO_MAX_MEGAPIXELS; default 64).")
    var photoMaxMegapixels: Int?

    @Option(name: .customLong("database-read-url"), help: "A PostgreSQL streaming replica that public page reads go to (env GAZETTE_DATABASE_READ_URL).")
    var databaseReadURL: String?

    @Option(name: .customLong("database-pool-size"), help: "PostgreSQL connections per core, to the primary and to the replica each (env GAZETTE_DATABASE_POOL_SIZE; default 4).")
    var databasePoolSize: Int?

    @Option(name: .customLong("database-timeout"), help: "Seconds a request waits for the database before it fails with 503 (env GAZETTE_DATABASE_TIMEOUT; default 2).")
    var databaseTimeout: Double?

    @Option(name: .customLong("log-format"), help: "text or json: one JSON object per line with the request id (env GAZETTE_LOG_FORMAT; default text).")
    var logFormat: String?

    @Flag(name: .customLong("no-migrate"), help: "Do not migrate at start; refuse to start if the schema is behind (run gazette migrate once first; env GAZETTE_NO_MIGRATE=1).")
    var noMigrate = false

    @Option(name: .customLong("read-own-writes-seconds"), help: "Seconds after a reader's write that their pages read the primary, not the replica (env GAZETTE_READ_OWN_WRITES_SECONDS; default 10).")
    var readOwnWritesSeconds: Int?

    @Option(name: .customLong("shutdown-timeout"), help: "Seconds SIGTERM waits for requests in flight (env GAZETTE_SHUTDOWN_TIMEOUT; default 10).")
    var shutdownTimeout: Double?

    @Option(name: .customLong("scheduler-interval"), help: "Seconds between looks for scheduled stories that are due (env GAZETTE_SCHEDULER_INTERVAL; default 15).")
    var schedulerInterval: Double?

    /// The flags as given; `AppConfig.parse` adds the variables and defaults and checks them.
    var flags: AppConfig.Flags {
        var flags = AppConfig.Flags()
        flags.host = host
        flags.port = port
        flags.databaseURL = store.databaseURL
        flags.demo = demo
        flags.timeZone = timeZone
        flags.siteName = siteName
        flags.themeDirectory = themeDirectory
        flags.commentRateClient = commentRateClient
        flags.commentRateStory = commentRateStory
        flags.commentRateAPI = commentRateAPI
        flags.commentsCloseAfterDays = commentsCloseAfterDays
        flags.commentPolicy = commentPolicy
        flags.premoderateFirstComment = premoderateFirstComment
        flags.blockedWords = blockedWords
        flags.rejectBlockedWords = rejectBlockedWords
        flags.trustedProxies = trustedProxies
        flags.idleTimeout = idleTimeout
        flags.headerTimeout = headerTimeout
        flags.bodyTimeout = bodyTimeout
        flags.maxConnections = maxConnections
        flags.publicURL = publicURL
        flags.pageCacheMB = pageCacheMB
        flags.pageMaxAge = pageMaxAge
        flags.pageStaleWhileRevalidate = pageStaleWhileRevalidate
        flags.mediaDirectory = store.mediaDirectory
        flags.photoMaxMB = photoMaxMB
        flags.photoCacheMB = photoCacheMB
        flags.photoMaxMegapixels = photoMaxMegapixels
        flags.operations.databaseReadURL = databaseReadURL
        flags.operations.databasePoolSize = databasePoolSize
        flags.operations.databaseTimeout = databaseTimeout
        flags.operations.logFormat = logFormat
        flags.operations.noMigrate = noMigrate
        flags.operations.readOwnWritesSeconds = readOwnWritesSeconds
        flags.operations.shutdownTimeout = shutdownTimeout
        flags.operations.schedulerInterval = schedulerInterval
        return flags
    }

    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        do {
            return try AppConfig.parse(flags, environment: environment)
        } catch {
            throw CLIError(error.description)
        }
    }

    func run() async throws {
        limitMallocArenas()
        // Async work runs on the event loops instead of a second pool of threads: a request
        // that reads the database no longer hops between the two pools at each await.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let config = try config()
        if config.operations.logFormat == .json {
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
        }
        // The application's registry is the process's metrics backend too.
        let metrics = SiteMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let logger = makeLogger("gazette")
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(config: config, logger: logger, metrics: metrics)
        } catch let error as StoreError {
            throw CLIError(error.description)
        } catch let error as Theme.LoadError {
            throw CLIError(error.description)
        }
        logger.info("Gazette serving \(config.database) on http://\(config.host):\(config.port)")
        // SIGTERM: stop accepting, let requests in flight finish (the comment writer's batches
        // commit inside them) for at most the shutdown timeout, close the store, exit 0.
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .milliseconds(Int64(config.operations.shutdownTimeout * 1000))
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
        logger.info("Gazette stopped")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the database schema up to date, then exit.",
        discussion: "Run once before starting or rolling nodes that run with --no-migrate."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = try store.location()
        try await withStore(store, label: "gazette.migrate") { _ in }
        print("\(location) is up to date.")
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a SQLite site into a new file while it runs (consistent, online).",
        discussion: "PostgreSQL sites are backed up with pg_dump; see the README's operations section. Photos live in the media folder: copy it too."
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The new file to write; it must not exist.")
    var file: String

    func run() async throws {
        let location = try store.location()
        let started = ContinuousClock.now
        try await withStore(store, label: "gazette.backup") { store in
            do {
                try await store.backup(to: file)
            } catch let error as StoreError {
                throw CLIError(error.description)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("Backed up \(location) to \(file) (\(size / 1024) KiB in \(String(format: "%.2f", secondsSince(started))) s).")
    }
}
