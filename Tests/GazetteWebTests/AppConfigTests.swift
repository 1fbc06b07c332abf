import Foundation
import GazetteCore
import GazetteStore
@testable import GazetteWeb
import Testing

/// `AppConfig.parse`: every `GAZETTE_*` variable, the flag winning over it, and one clear
/// line for each bad value.
@Suite("Configuration from flags and GAZETTE_* variables")
struct AppConfigTests {
    func parse(_ environment: [String: String], _ change: (inout AppConfig.Flags) -> Void = { _ in }) throws -> AppConfig {
        var flags = AppConfig.Flags()
        change(&flags)
        return try AppConfig.parse(flags, environment: environment)
    }

    @Test("without flags or variables, the defaults")
    func defaults() throws {
        let config = try parse([:])
        #expect(config.host == "127.0.0.1" && config.port == 8080)
        #expect(config.database == .defaultSQLite)
        #expect(!config.loadDemo && config.publicURL == nil && config.themeDirectory == nil)
        #expect(config.site.name == "Gazette" && config.site.timeZone.secondsFromGMT() == 0)
        #expect(config.discussion == DiscussionSettings())
        #expect(config.connections == ConnectionLimits())
        #expect(config.trustedProxies.isEmpty)
        #expect(config.publicBase == "http://127.0.0.1:8080")
    }

    /// Each variable with a good value and what it sets.
    static let variables: [(String, String, @Sendable (AppConfig) -> Bool)] = [
        ("GAZETTE_HOST", "0.0.0.0", { $0.host == "0.0.0.0" }),
        ("GAZETTE_PORT", "9090", { $0.port == 9090 }),
        ("GAZETTE_DATABASE_URL", "sqlite:///tmp/x.sqlite", { $0.database == .sqlite(path: "/tmp/x.sqlite") }),
        ("GAZETTE_DEMO", "1", { $0.loadDemo }),
        ("GAZETTE_TIME_ZONE", "Europe/Berlin", { $0.site.timeZone.identifier == "Europe/Berlin" }),
        ("GAZETTE_SITE_NAME", "Daily Planet", { $0.site.name == "Daily Planet" }),
        ("GAZETTE_THEME_DIR", "/srv/theme", { $0.themeDirectory == "/srv/theme" }),
        ("GAZETTE_COMMENT_RATE_CLIENT", "2", { $0.discussion.clientRatePerMinute == 2 }),
        ("GAZETTE_COMMENT_RATE_STORY", "0", { $0.discussion.storyRatePerMinute == 0 }),
        ("GAZETTE_COMMENTS_CLOSE_AFTER_DAYS", "14", { $0.discussion.closeAfterDays == 14 }),
        ("GAZETTE_COMMENT_POLICY", "premoderated", { $0.discussion.defaultPolicy == .premoderated }),
        ("GAZETTE_PREMODERATE_FIRST_COMMENT", "1", { $0.discussion.premoderateFirstComment }),
        ("GAZETTE_BLOCKED_WORDS", "casino, pills,", { $0.discussion.blockedWords == ["casino", "pills"] }),
        ("GAZETTE_REJECT_BLOCKED_WORDS", "1", { $0.discussion.rejectBlockedWords }),
        ("GAZETTE_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2", { $0.trustedProxies == ["10.0.0.1", "10.0.0.2"] }),
        ("GAZETTE_IDLE_TIMEOUT", "5", { $0.connections.idleTimeout == .seconds(5) }),
        ("GAZETTE_HEADER_TIMEOUT", "2.5", { $0.connections.headerTimeout == .milliseconds(2_500) }),
        ("GAZETTE_BODY_TIMEOUT", "60", { $0.connections.bodyTimeout == .seconds(60) }),
        ("GAZETTE_MAX_CONNECTIONS", "200", { $0.connections.maxConnections == 200 }),
        ("GAZETTE_COMMENT_RATE_API", "0", { $0.discussion.apiPostRatePerHour == 0 }),
        ("GAZETTE_PAGE_CACHE_MB", "8", { $0.pageCache.capacityBytes == 8 << 20 }),
        ("GAZETTE_PAGE_MAX_AGE", "30", { $0.pageCache.maxAge == 30 }),
        ("GAZETTE_PAGE_STALE_WHILE_REVALIDATE", "600", { $0.pageCache.staleWhileRevalidate == 600 }),
        ("GAZETTE_MEDIA_DIR", "/srv/photos", { $0.mediaDirectory == "/srv/photos" }),
        ("GAZETTE_PHOTO_MAX_MB", "12", { $0.photoLimits.maxBytes == 12 << 20 }),
        ("GAZETTE_PHOTO_MAX_MEGAPIXELS", "30", { $0.photoLimits.maxPixels == 30_000_000 }),
        ("GAZETTE_PHOTO_CACHE_MB", "0", { $0.photoCacheBytes == 0 }),
        ("GAZETTE_PUBLIC_URL", "https://news.example.org", { $0.publicURL == "https://news.example.org" && $0.secureCookies && $0.publicBase == "https://news.example.org" }),
    ]

    @Test("each variable sets its setting", arguments: variables.indices)
    func variable(_ index: Int) throws {
        let (name, value, check) = Self.variables[index]
        #expect(check(try parse([name: value])), "\(name)=\(value)")
        #expect(!check(try parse([:])), "\(name) has an effect of its own")
    }

    /// Each variable with a bad value and the start-up line it gives.
    static let bad: [(String, String, String)] = [
        ("GAZETTE_PORT", "http", "GAZETTE_PORT 'http' is not a port number"),
        ("GAZETTE_PORT", "70000", "port 70000 is outside 1–65535"),
        ("GAZETTE_DATABASE_URL", "mysql://x", "unsupported"),
        ("GAZETTE_TIME_ZONE", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("GAZETTE_COMMENT_RATE_CLIENT", "-1", "--comment-rate-client must be 0 or more"),
        ("GAZETTE_COMMENT_RATE_STORY", "fast", "GAZETTE_COMMENT_RATE_STORY 'fast' is not a number"),
        ("GAZETTE_PAGE_MAX_AGE", "-1", "--page-max-age must be a whole number from 0 to 31536000"),
        ("GAZETTE_PAGE_CACHE_MB", "1.5", "--page-cache-mb must be a whole number from 0 to 1048576"),
        ("GAZETTE_COMMENTS_CLOSE_AFTER_DAYS", "1.5", "--comments-close-after-days must be a whole number"),
        ("GAZETTE_COMMENT_POLICY", "sometimes", "comment policy 'sometimes' is not open, premoderated or closed"),
        ("GAZETTE_IDLE_TIMEOUT", "0", "idle-timeout must be more than 0"),
        ("GAZETTE_HEADER_TIMEOUT", "5000", "header-timeout must be more than 0 and at most 3600 seconds"),
        ("GAZETTE_BODY_TIMEOUT", "nan", "GAZETTE_BODY_TIMEOUT 'nan' is not a number"),
        ("GAZETTE_MAX_CONNECTIONS", "0", "--max-connections must be a whole number, 1 or more"),
        ("GAZETTE_PHOTO_MAX_MB", "0", "--photo-max-mb must be a whole number from 1 to 500"),
        ("GAZETTE_PHOTO_MAX_MEGAPIXELS", "many", "GAZETTE_PHOTO_MAX_MEGAPIXELS 'many' is not a number"),
        ("GAZETTE_PUBLIC_URL", "ftp://example.org", "public URL 'ftp://example.org' is not an http(s) address"),
    ]

    @Test("a bad value stops the start with one line naming it", arguments: bad.indices)
    func badValue(_ index: Int) throws {
        let (name, value, message) = Self.bad[index]
        let error = try #require(throws: ConfigError.self) { try parse([name: value]) }
        #expect(error.description.lowercased().contains(message.lowercased()), "\(name)=\(value): \(error.description)")
        #expect(!error.description.contains("\n"))
    }

    @Test("a flag wins over its variable")
    func flagsWin() throws {
        let config = try parse(
            ["GAZETTE_PORT": "9090", "GAZETTE_SITE_NAME": "Env", "GAZETTE_PUBLIC_URL": "http://env.example", "GAZETTE_TRUSTED_PROXIES": "10.0.0.2"]
        ) {
            $0.port = 9191
            $0.siteName = "Flag"
            $0.publicURL = "https://flag.example"
            $0.trustedProxies = ["10.0.0.1"]
        }
        #expect(config.port == 9191 && config.site.name == "Flag" && config.publicURL == "https://flag.example")
        // Proxies add up: the flag's and the variable's.
        #expect(config.trustedProxies == ["10.0.0.1", "10.0.0.2"])
    }
}
