import ArgumentParser
import Foundation
import GazetteCore
import GazetteStore
import GazetteWeb
import Hummingbird
import NIOCore
import NIOPosix

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the site.",
        discussion: "Migrations run at start. Every option can also be set with a GAZETTE_* variable."
    )

    @Option(help: "Address to listen on (env GAZETTE_HOST). Default: 127.0.0.1.")
    var host: String?

    @Option(help: "Port to listen on (env GAZETTE_PORT). Default: 8080.")
    var port: Int?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Load the demo content into an empty site (does nothing to a site that has stories).")
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

    @Option(name: .customLong("comments-close-after-days"), help: "Close discussions this many days after publication (env GAZETTE_COMMENTS_CLOSE_AFTER_DAYS; default 0: never).")
    var commentsCloseAfterDays: Int?

    @Option(name: .customLong("comment-policy"), help: "Policy of new stories: open, premoderated or closed (env GAZETTE_COMMENT_POLICY; default open).")
    var commentPolicy: String?

    @Flag(name: .customLong("premoderate-first-comment"), help: "A commenter's first comment waits for a moderator (env GAZETTE_PREMODERATE_FIRST_COMMENT=1).")
    var premoderateFirstComment = false

    @Option(name: .customLong("blocked-words"), help: "Comma-separated words that send a comment to the queue (env GAZETTE_BLOCKED_WORDS).")
    var blockedWords: String?

    @Flag(name: .customLong("reject-blocked-words"), help: "Reject comments with blocked words instead of queueing them.")
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

    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig()
        config.host = host ?? environment["GAZETTE_HOST"] ?? config.host
        if let port {
            config.port = port
        } else if let text = environment["GAZETTE_PORT"] {
            guard let value = Int(text) else { throw CLIError("GAZETTE_PORT '\(text)' is not a port number") }
            config.port = value
        }
        guard (1...65_535).contains(config.port) else { throw CLIError("port \(config.port) is outside 1–65535") }
        config.database = try store.location(environment: environment)
        config.loadDemo = demo || environment["GAZETTE_DEMO"] == "1"
        if let name = timeZone ?? environment["GAZETTE_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: name) else {
                throw CLIError("unknown time zone '\(name)' (use a name such as Europe/Berlin or UTC)")
            }
            config.site.timeZone = zone
        }
        if let name = siteName ?? environment["GAZETTE_SITE_NAME"], !name.isEmpty { config.site.name = name }
        config.themeDirectory = themeDirectory ?? environment["GAZETTE_THEME_DIR"]
        func number(_ flag: Double?, _ variable: String) throws -> Double? {
            if let flag { return flag }
            guard let text = environment[variable] else { return nil }
            guard let value = Double(text) else { throw CLIError("\(variable) '\(text)' is not a number") }
            return value
        }
        if let rate = try number(commentRateClient, "GAZETTE_COMMENT_RATE_CLIENT") {
            guard rate >= 0 else { throw CLIError("--comment-rate-client must be 0 or more") }
            config.discussion.clientRatePerMinute = rate
        }
        if let rate = try number(commentRateStory, "GAZETTE_COMMENT_RATE_STORY") {
            guard rate >= 0 else { throw CLIError("--comment-rate-story must be 0 or more") }
            config.discussion.storyRatePerMinute = rate
        }
        if let days = try number(commentsCloseAfterDays.map(Double.init), "GAZETTE_COMMENTS_CLOSE_AFTER_DAYS") {
            guard days >= 0, days == days.rounded() else { throw CLIError("--comments-close-after-days must be a whole number, 0 or more") }
            config.discussion.closeAfterDays = Int(days)
        }
        if let text = commentPolicy ?? environment["GAZETTE_COMMENT_POLICY"] {
            guard let policy = CommentPolicy(rawValue: text) else { throw CLIError("comment policy '\(text)' is not open, premoderated or closed") }
            config.discussion.defaultPolicy = policy
        }
        config.discussion.premoderateFirstComment = premoderateFirstComment || environment["GAZETTE_PREMODERATE_FIRST_COMMENT"] == "1"
        if let words = blockedWords ?? environment["GAZETTE_BLOCKED_WORDS"] {
            config.discussion.blockedWords = words.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        config.discussion.rejectBlockedWords = rejectBlockedWords
        let proxies = trustedProxies + (environment["GAZETTE_TRUSTED_PROXIES"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
        config.trustedProxies = Set(proxies.filter { !$0.isEmpty })
        for (flag, variable, path) in [
            (idleTimeout, "GAZETTE_IDLE_TIMEOUT", \ConnectionLimits.idleTimeout),
            (headerTimeout, "GAZETTE_HEADER_TIMEOUT", \ConnectionLimits.headerTimeout),
            (bodyTimeout, "GAZETTE_BODY_TIMEOUT", \ConnectionLimits.bodyTimeout),
        ] {
            guard let seconds = try number(flag, variable) else { continue }
            guard seconds > 0, seconds <= 3_600 else { throw CLIError("\(variable.dropFirst(8).lowercased().replacingOccurrences(of: "_", with: "-")) must be more than 0 and at most 3600 seconds") }
            config.connections[keyPath: path] = .milliseconds(Int64(seconds * 1_000))
        }
        if let count = try number(maxConnections.map(Double.init), "GAZETTE_MAX_CONNECTIONS") {
            guard count >= 1, count == count.rounded() else { throw CLIError("--max-connections must be a whole number, 1 or more") }
            config.connections.maxConnections = Int(count)
        }
        if let url = publicURL ?? environment["GAZETTE_PUBLIC_URL"], !url.isEmpty {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                  components.host?.isEmpty == false
            else { throw CLIError("public URL '\(url)' is not an http(s) address") }
            config.publicURL = url
        }
        return config
    }

    func run() async throws {
        // Async work runs on the event loops instead of a second pool of threads: a request
        // that reads the database no longer hops between the two pools at each await.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let config = try config()
        let logger = makeLogger("gazette")
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(config: config, logger: logger)
        } catch let error as StoreError {
            throw CLIError(error.description)
        } catch let error as Theme.LoadError {
            throw CLIError(error.description)
        }
        logger.info("Gazette serving \(config.database) on http://\(config.host):\(config.port)")

        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = try store.location()
        try await withStore(store, label: "gazette.migrate") { _ in }
        print("\(location) is up to date.")
    }
}
