import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Testing

/// Log-in under attack, as the people involved meet it. The test client has no peer address
/// ("unknown"), so it is made a trusted proxy and each browser names its own client.
@Suite("Log-in throttles")
struct LoginThrottleTests {
    static func from(_ address: String, _ client: any TestClientProtocol) -> Browser {
        Browser(client, headers: [.init("X-Forwarded-For")!: address])
    }

    func attempt(_ browser: Browser, _ email: String, _ password: String) async throws -> TestResponse {
        let page = try await browser.get("/newsroom/login")
        return try await browser.post("/newsroom/login", [("email", email), ("password", password), ("next", "/newsroom")], csrf: Browser.csrf(in: page.text))
    }

    @Test("an attacker's failures lock only the attacker: the editor still logs in from their own address", arguments: TestDatabase.all)
    func noLockOutOfOthers(database: TestDatabase) async throws {
        try await withApp(database, configure: { $0.trustedProxies = ["unknown"] }, prepare: addStaff) { client in
            let attacker = Self.from("203.0.113.9", client)
            for _ in 0..<5 { #expect(try await attempt(attacker, "eda@example.org", "wrong password!").status == .unauthorized) }
            #expect(try await attempt(attacker, "eda@example.org", "a long password").status == .tooManyRequests)
            let editor = Self.from("198.51.100.20", client)
            #expect(try await attempt(editor, "eda@example.org", "a long password").status == .seeOther)
            // Rotating addresses inside one IPv6 /64 is one client.
            let v6 = Self.from("2001:db8:5:6::1", client)
            for _ in 0..<5 { _ = try await attempt(v6, "sam@example.org", "wrong password!") }
            #expect(try await attempt(Self.from("2001:db8:5:6:ffff::2", client), "sam@example.org", "a long password").status == .tooManyRequests)
        }
    }

    @Test("one password tried across many accounts from one address is throttled", arguments: TestDatabase.all)
    func spraying(database: TestDatabase) async throws {
        try await withApp(database, configure: { $0.trustedProxies = ["unknown"] }, prepare: addStaff) { client in
            let sprayer = Self.from("203.0.113.50", client)
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<22 { statuses.append(try await attempt(sprayer, "person\(n)@example.org", "Summer2026!!").status) }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unauthorized }, "\(statuses)")
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            #expect(try await attempt(sprayer, "eda@example.org", "a long password").status == .tooManyRequests)
            #expect(try await attempt(Self.from("198.51.100.7", client), "eda@example.org", "a long password").status == .seeOther)
        }
    }

    @Test("many addresses guessing one account lock it for new addresses, not for the account's own", arguments: TestDatabase.all)
    func distributed(database: TestDatabase) async throws {
        let clock = TestClock(testNow)
        try await withApp(database, configure: { $0.trustedProxies = ["unknown"]; $0.now = { clock.now } }, prepare: addStaff) { client in
            let home = Self.from("198.51.100.1", client)
            #expect(try await attempt(home, "eda@example.org", "a long password").status == .seeOther)
            for n in 0..<50 {
                clock.advance(1)
                _ = try await attempt(Self.from("203.0.\(n / 250).\(n % 250 + 1)", client), "eda@example.org", "guess \(n) password")
            }
            #expect(try await attempt(Self.from("192.0.2.200", client), "eda@example.org", "a long password").status == .tooManyRequests)
            #expect(try await attempt(Self.from("198.51.100.1", client), "eda@example.org", "a long password").status == .seeOther)
        }
    }

    @Test("what is typed as an e-mail is logged and stored only when it names an account")
    func noPasswordInLog() async throws {
        let lines = NIOLockedValueBox<[String]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        try await TestDatabase.sqlite.withFreshLocation { location in
            let store = try await TestDatabase.open(location, logger: logger)
            try await store.migrate()
            try await addStaff(store)
            _ = try? await store.users.logIn(email: "MyS3cretPassw0rd", password: "x", client: "192.0.2.1", now: testNow, bcryptCost: 4)
            _ = try? await store.users.logIn(email: "eda@example.org", password: "wrong", client: "192.0.2.1", now: testNow, bcryptCost: 4)
            let dump = try await store.users.loginAttemptAccounts()
            await store.shutdown()
            #expect(!dump.contains { $0.lowercased().contains("mys3cret") }, "\(dump)")
            #expect(dump.contains("eda@example.org"))
        }
        let logged = lines.withLockedValue { $0 }.joined(separator: "\n")
        #expect(logged.contains("eda@example.org"))
        #expect(!logged.lowercased().contains("mys3cret"), "\(logged)")
    }
}

struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    /// Info, the default (debug and trace also log every query with its values, by FluentKit).
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.withLockedValue { $0.append("\(event.message) \(all)") }
    }
}
