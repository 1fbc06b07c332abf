import Foundation
import GazetteCore
import GazetteStore

/// A setting that stops the start, with one line naming the setting and what is wrong.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension AppConfig {
    /// What `gazette serve` was given on its command line; nil (or false) when not given.
    /// Every field has its `GAZETTE_*` variable, named in `parse`.
    public struct Flags: Sendable, Equatable {
        public var host: String?
        public var port: Int?
        public var databaseURL: String?
        public var demo = false
        public var timeZone: String?
        public var siteName: String?
        public var themeDirectory: String?
        public var commentRateClient: Double?
        public var commentRateStory: Double?
        public var commentRateAPI: Double?
        public var commentsCloseAfterDays: Int?
        public var commentPolicy: String?
        public var premoderateFirstComment = false
        public var blockedWords: String?
        public var rejectBlockedWords = false
        public var trustedProxies: [String] = []
        public var idleTimeout: Double?
        public var headerTimeout: Double?
        public var bodyTimeout: Double?
        public var maxConnections: Int?
        public var publicURL: String?
        public var pageCacheMB: Int?
        public var pageMaxAge: Int?
        public var pageStaleWhileRevalidate: Int?
        public var mediaDirectory: String?
        public var photoMaxMB: Int?
        public var photoMaxMegapixels: Int?
        public var photoCacheMB: Int?
        public var operations = OperationsSettings.Flags()

        public init() {}
    }

    /// The configuration from flags, then `GAZETTE_*` variables, then defaults, checked.
    public static func parse(_ flags: Flags, environment: [String: String]) throws(ConfigError) -> AppConfig {
        var config = AppConfig()
        let read = Reader(environment: environment)
        config.host = flags.host ?? environment["GAZETTE_HOST"] ?? config.host
        config.port = try read.number(flags.port.map(Double.init), "GAZETTE_PORT", what: "a port number").map(Int.init) ?? config.port
        guard (1...65_535).contains(config.port) else { throw ConfigError("port \(config.port) is outside 1–65535") }
        if let text = flags.databaseURL ?? environment["GAZETTE_DATABASE_URL"], !text.isEmpty {
            do {
                config.database = try DatabaseLocation.parse(text)
            } catch {
                throw ConfigError(error.description)
            }
        }
        config.loadDemo = flags.demo || environment["GAZETTE_DEMO"] == "1"
        if let name = flags.timeZone ?? environment["GAZETTE_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: name) else {
                throw ConfigError("unknown time zone '\(name)' (use a name such as Europe/Berlin or UTC)")
            }
            config.site.timeZone = zone
        }
        if let name = flags.siteName ?? environment["GAZETTE_SITE_NAME"], !name.isEmpty { config.site.name = name }
        config.themeDirectory = flags.themeDirectory ?? environment["GAZETTE_THEME_DIR"]
        if let rate = try read.number(flags.commentRateClient, "GAZETTE_COMMENT_RATE_CLIENT") {
            guard rate >= 0 else { throw ConfigError("--comment-rate-client must be 0 or more") }
            config.discussion.clientRatePerMinute = rate
        }
        if let rate = try read.number(flags.commentRateStory, "GAZETTE_COMMENT_RATE_STORY") {
            guard rate >= 0 else { throw ConfigError("--comment-rate-story must be 0 or more") }
            config.discussion.storyRatePerMinute = rate
        }
        if let rate = try read.number(flags.commentRateAPI, "GAZETTE_COMMENT_RATE_API") {
            guard rate >= 0 else { throw ConfigError("--comment-rate-api must be 0 or more") }
            config.discussion.apiPostRatePerHour = rate
        }
        if let days = try read.number(flags.commentsCloseAfterDays.map(Double.init), "GAZETTE_COMMENTS_CLOSE_AFTER_DAYS") {
            guard days >= 0, days == days.rounded() else { throw ConfigError("--comments-close-after-days must be a whole number, 0 or more") }
            config.discussion.closeAfterDays = Int(days)
        }
        if let text = flags.commentPolicy ?? environment["GAZETTE_COMMENT_POLICY"] {
            guard let policy = CommentPolicy(rawValue: text) else { throw ConfigError("comment policy '\(text)' is not open, premoderated or closed") }
            config.discussion.defaultPolicy = policy
        }
        config.discussion.premoderateFirstComment = flags.premoderateFirstComment || environment["GAZETTE_PREMODERATE_FIRST_COMMENT"] == "1"
        if let words = flags.blockedWords ?? environment["GAZETTE_BLOCKED_WORDS"] {
            config.discussion.blockedWords = words.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        config.discussion.rejectBlockedWords = flags.rejectBlockedWords || environment["GAZETTE_REJECT_BLOCKED_WORDS"] == "1"
        let proxies = flags.trustedProxies + (environment["GAZETTE_TRUSTED_PROXIES"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
        config.trustedProxies = Set(proxies.filter { !$0.isEmpty })
        for (flag, variable, path) in [
            (flags.idleTimeout, "GAZETTE_IDLE_TIMEOUT", \ConnectionLimits.idleTimeout),
            (flags.headerTimeout, "GAZETTE_HEADER_TIMEOUT", \ConnectionLimits.headerTimeout),
            (flags.bodyTimeout, "GAZETTE_BODY_TIMEOUT", \ConnectionLimits.bodyTimeout),
        ] {
            guard let seconds = try read.number(flag, variable) else { continue }
            guard seconds > 0, seconds <= 3_600 else {
                throw ConfigError("\(variable.dropFirst(8).lowercased().replacingOccurrences(of: "_", with: "-")) must be more than 0 and at most 3600 seconds")
            }
            config.connections[keyPath: path] = .milliseconds(Int64(seconds * 1_000))
        }
        if let count = try read.number(flags.maxConnections.map(Double.init), "GAZETTE_MAX_CONNECTIONS") {
            guard count >= 1, count == count.rounded() else { throw ConfigError("--max-connections must be a whole number, 1 or more") }
            config.connections.maxConnections = Int(count)
        }
        for (flag, variable, name, limit, path) in [
            (flags.pageCacheMB, "GAZETTE_PAGE_CACHE_MB", "--page-cache-mb", 1 << 20, \PageCacheSettings.capacityBytes),
            (flags.pageMaxAge, "GAZETTE_PAGE_MAX_AGE", "--page-max-age", 31_536_000, \PageCacheSettings.maxAge),
            (flags.pageStaleWhileRevalidate, "GAZETTE_PAGE_STALE_WHILE_REVALIDATE", "--page-stale-while-revalidate", 31_536_000, \PageCacheSettings.staleWhileRevalidate),
        ] {
            guard let value = try read.number(flag.map(Double.init), variable) else { continue }
            guard value >= 0, value <= Double(limit), value == value.rounded() else { throw ConfigError("\(name) must be a whole number from 0 to \(limit)") }
            config.pageCache[keyPath: path] = path == \PageCacheSettings.capacityBytes ? Int(value) << 20 : Int(value)
        }
        if let folder = flags.mediaDirectory ?? environment["GAZETTE_MEDIA_DIR"], !folder.isEmpty { config.mediaDirectory = folder }
        if let megabytes = try read.number(flags.photoMaxMB.map(Double.init), "GAZETTE_PHOTO_MAX_MB") {
            guard megabytes >= 1, megabytes <= 500, megabytes == megabytes.rounded() else { throw ConfigError("--photo-max-mb must be a whole number from 1 to 500") }
            config.photoLimits.maxBytes = Int(megabytes) << 20
        }
        if let megapixels = try read.number(flags.photoMaxMegapixels.map(Double.init), "GAZETTE_PHOTO_MAX_MEGAPIXELS") {
            guard megapixels >= 1, megapixels <= 500, megapixels == megapixels.rounded() else { throw ConfigError("--photo-max-megapixels must be a whole number from 1 to 500") }
            config.photoLimits.maxPixels = Int(megapixels) * 1_000_000
        }
        if let megabytes = try read.number(flags.photoCacheMB.map(Double.init), "GAZETTE_PHOTO_CACHE_MB") {
            guard megabytes >= 0, megabytes <= 1_048_576, megabytes == megabytes.rounded() else { throw ConfigError("--photo-cache-mb must be a whole number from 0 to 1048576") }
            config.photoCacheBytes = Int(megabytes) << 20
        }
        if let url = flags.publicURL ?? environment["GAZETTE_PUBLIC_URL"], !url.isEmpty {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                  components.host?.isEmpty == false
            else { throw ConfigError("public URL '\(url)' is not an http(s) address") }
            config.publicURL = url
        }
        config.operations = try OperationsSettings.parse(flags.operations, database: config.database, read: read)
        if let seconds = try read.number(flags.operations.schedulerInterval, "GAZETTE_SCHEDULER_INTERVAL", name: "--scheduler-interval", in: 0.1...3_600, whole: false) {
            config.schedulerInterval = seconds
        }
        return config
    }

    struct Reader {
        let environment: [String: String]

        /// The flag's value, else the variable's as a number; a variable that is no number stops the start.
        func number(_ flag: Double?, _ variable: String, what: String = "a number") throws(ConfigError) -> Double? {
            if let flag { return flag }
            guard let text = environment[variable] else { return nil }
            guard let value = Double(text), value.isFinite else { throw ConfigError("\(variable) '\(text)' is not \(what)") }
            return value
        }

        /// The flag's value, else the variable's, which must lie in `range` (and be whole when
        /// asked); else one line naming the setting `name` and what it must be.
        func number(_ flag: Double?, _ variable: String, name: String, in range: ClosedRange<Double>, whole: Bool) throws(ConfigError) -> Double? {
            guard let text = flag.map({ String($0) }) ?? environment[variable] else { return nil }
            guard let value = Double(text), range.contains(value), !whole || value == value.rounded() else {
                func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
                throw ConfigError("\(name) '\(text)' must be \(whole ? "a whole number" : "a number") from \(format(range.lowerBound)) to \(format(range.upperBound))")
            }
            return value
        }
    }
}
