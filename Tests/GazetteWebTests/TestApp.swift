import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// 2026-05-30 10:00 UTC: the fixed "now" of the HTTP tests.
let testNow = Date(timeIntervalSince1970: 1_780_135_200)

/// Runs `test` against the real application on a fresh store of `database`. `prepare` may
/// put stories in the store before the application starts.
func withApp(
    _ database: TestDatabase,
    demo: Bool = true,
    configure: (inout AppConfig) -> Void = { _ in },
    subscribers: [any EventSubscriber] = [],
    prepare: (Store) async throws -> Void = { _ in },
    live: Bool = false,
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await database.withFreshLocation { location in
        try await prepareStore(at: location, prepare)
        var config = AppConfig(database: location, loadDemo: demo, now: { testNow })
        config.operations.pool = TestDatabase.pool
        config.site.timeZone = TimeZone(identifier: "UTC")!
        config.bcryptCost = 4
        config.schedulerInterval = 0
        // Making the demo's photos costs about a second; the photo tests turn it on.
        config.demoPhotos = false
        configure(&config)
        // `live` runs a real server on a free loopback port, for tests of sockets themselves.
        if live { config.port = 0 }
        let app = try await buildApplication(config: config, logger: TestDatabase.logger, subscribers: subscribers)
        try await app.test(live ? .live : .router) { client in
            // As a load balancer would: no requests before the node says it is ready. A live
            // server is asked on connections of its own: the test client's one connection may
            // meet a short idle deadline under test before the test uses it.
            for _ in 0..<500 {
                if try await isReady(client, live: live) { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            try await test(client)
        }
    }
}

private func isReady(_ client: any TestClientProtocol, live: Bool) async throws -> Bool {
    guard live, let port = client.port else { return try await client.execute(uri: "/readyz", method: .get).status == .ok }
    let socket = try RawSocket(port: port)
    socket.send("GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    var answer = ""
    for _ in 0..<100 where !answer.contains("\r\n") { answer += await socket.read() ?? "<closed>" }
    return answer.hasPrefix("HTTP/1.1 200")
}

/// Migrates the store at `location` and lets `prepare` fill it, before any application starts.
func prepareStore(at location: DatabaseLocation, _ prepare: (Store) async throws -> Void) async throws {
    let store = try await TestDatabase.open(location)
    do {
        try await store.migrate()
        try await prepare(store)
    } catch {
        await store.shutdown()
        throw error
    }
    await store.shutdown()
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A browser for the newsroom tests: keeps cookies, reads CSRF tokens from pages, posts forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// Sent with every request (an `X-Forwarded-For` to be another client, say).
    let extraHeaders: HTTPFields

    init(_ client: any TestClientProtocol, headers: HTTPFields = [:]) {
        self.client = client
        self.extraHeaders = headers
    }

    private var cookieHeader: HTTPFields {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        return headers
    }

    private func keepCookies(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
    }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader, body: nil)
        keepCookies(response)
        return response
    }

    /// Posts a form; `csrf` nil sends none.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: String?) async throws -> TestResponse {
        var all = fields
        if let csrf { all.append(("_csrf", csrf)) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = all.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keepCookies(response)
        return response
    }

    /// The CSRF token in a page's forms.
    static func csrf(in html: String) -> String? {
        field("_csrf", in: html)
    }

    /// The value of the first hidden field `name` in a page.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Logs in and returns the session's CSRF token.
    @discardableResult
    func logIn(_ email: String, _ password: String = "a long password") async throws -> String {
        let form = try await get("/newsroom/login")
        let response = try await post("/newsroom/login", [("email", email), ("password", password), ("next", "/newsroom")], csrf: Browser.csrf(in: form.text))
        guard response.status == .seeOther else { throw TestSetupError("log-in as \(email) failed: \(response.status)") }
        let dashboard = try await get("/newsroom")
        guard let token = Browser.csrf(in: dashboard.text) else { throw TestSetupError("no CSRF token on the dashboard") }
        return token
    }
}

/// The newsroom's people in the HTTP tests; every password is "a long password".
func addStaff(_ store: Store) async throws {
    for (email, name, role) in [
        ("admin@example.org", "Ada Admin", Role.admin), ("eda@example.org", "Eda Editor", .editor),
        ("sam@example.org", "Sam Second", .editor), ("ana@example.org", "Ana Author", .author),
        ("otto@example.org", "Otto Other", .author), ("mo@example.org", "Mo Moderator", .moderator),
    ] {
        _ = try await store.users.add(email: email, name: name, role: role, password: "a long password", bcryptCost: 4)
    }
    // What the newsroom tests' stories name: editors create taxonomy, authors only use it.
    _ = try await store.taxonomy.createRubric(name: "Afghanistan", label: "AFGHANISTAN")
    for tag in ["Russia", "Taliban"] { _ = try await store.taxonomy.createTag(name: tag) }
}

extension TestResponse {
    var location: String? { headers[.location] }
}

extension Browser {
    /// Posts `multipart/form-data`: text fields and files (field name, file name, bytes).
    @discardableResult
    func postMultipart(_ uri: String, fields: [(String, String)], files: [(String, String, [UInt8])]) async throws -> TestResponse {
        let (body, type) = Multipart.body(fields: fields, files: files)
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        headers[.contentType] = type
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body)
    }
}

/// A `multipart/form-data` body as browsers send it.
enum Multipart {
    static func body(fields: [(String, String)], files: [(String, String, [UInt8])]) -> (ByteBuffer, String) {
        let boundary = "----GazetteTest\(UUID().uuidString.prefix(8))"
        var buffer = ByteBuffer()
        for (name, value) in fields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, fileName, bytes) in files {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            buffer.writeBytes(bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return (buffer, "multipart/form-data; boundary=\(boundary)")
    }
}
