import Foundation
import GazetteCore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP client on loopback: sends what it is told, when it is told, and reports when the
/// server closed the connection.
final class RawSocket {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw TestSetupError("connect failed: \(errno)") }
    }

    deinit { close(fd) }

    /// Ends the connection now (not whenever the object happens to be released).
    func hangUp() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// Sends text; false when the connection is gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        text.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) } > 0
    }

    /// Waits up to 100 ms for bytes: those read, or nil when the server closed the connection.
    /// It polls and sleeps instead of blocking, so the server's own tasks (on the same
    /// cooperative threads in tests) keep running.
    func read() async -> String? {
        await readBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// `read()` as bytes (a gzip body is no text).
    func readBytes() async -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<10 {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            let failure = errno  // before anything else can change it
            if count > 0 { return Array(buffer[0..<count]) }
            if count == 0 || (failure != EAGAIN && failure != EWOULDBLOCK) { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return []
    }

    /// Keeps `feed` going every `interval` until the server closes; the seconds that took.
    func secondsUntilClosed(limit: Double, interval: Double = 0.3, feed: () -> Void = {}) async -> Double? {
        let start = Date()
        var lastFeed = Date.distantPast
        while Date().timeIntervalSince(start) < limit {
            if Date().timeIntervalSince(lastFeed) >= interval {
                feed()
                lastFeed = Date()
            }
            if await read() == nil { return Date().timeIntervalSince(start) }
        }
        return nil
    }
}

@Suite("Slow sockets are closed")
struct SlowSocketTests {
    /// Deadlines of 2 s: short enough for a quick test, long enough that a test process
    /// starved of CPU under parallel suites is not mistaken for a slow client.
    static func limits(_ config: inout AppConfig) {
        config.connections.idleTimeout = .seconds(2)
        config.connections.headerTimeout = .seconds(2)
        config.connections.bodyTimeout = .seconds(2)
        config.connections.maxConnections = 4
    }

    @Test("idle, a head sent a line at a time and a slow body are each closed within their bound")
    func deadlines() async throws {
        try await withApp(.sqlite, configure: Self.limits, live: true) { client in
            let port = try #require(client.port)
            let idle = try RawSocket(port: port)
            let idleSeconds = try #require(await idle.secondsUntilClosed(limit: 15), "an idle connection stayed open")
            #expect(idleSeconds > 1.4 && idleSeconds < 8, "idle closed after \(idleSeconds) s")

            let slowHead = try RawSocket(port: port)
            slowHead.send("GET / HTTP/1.1\r\nHost: localhost\r\n")
            var header = 0
            let headSeconds = try #require(await slowHead.secondsUntilClosed(limit: 15) { header += 1; slowHead.send("X-Slow-\(header): 1\r\n") }, "a trickled head stayed open")
            #expect(headSeconds < 8, "trickled head closed after \(headSeconds) s")

            let slowBody = try RawSocket(port: port)
            slowBody.send("POST /api/v1/articles/x/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{")
            let bodySeconds = try #require(await slowBody.secondsUntilClosed(limit: 15) { slowBody.send(" ") }, "a trickled body stayed open")
            #expect(bodySeconds < 8, "trickled body closed after \(bodySeconds) s")

            // A large body arriving steadily (80 KiB/s by the wall clock, 2.75 s in all) outlasts
            // the 2 s body deadline: it earns its time and is answered. A late wake-up sends the
            // chunks it owes at once, so the rate holds however the test is scheduled.
            let upload = try RawSocket(port: port)
            upload.send("POST /api/v1/articles/x/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 245760\r\n\r\n")
            let chunk = String(repeating: " ", count: 20_480)
            var sent = 0
            var answer = ""
            let started = Date()
            while sent < 12, Date().timeIntervalSince(started) < 10 {
                let owed = min(12, Int(Date().timeIntervalSince(started) / 0.25) + 1)
                while sent < owed {
                    #expect(upload.send(chunk), "the connection closed after \(sent) chunks")
                    sent += 1
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            for _ in 0..<100 where !answer.contains("\r\n\r\n") { answer += await upload.read() ?? "" }
            #expect(Date().timeIntervalSince(started) > 2.5 && answer.hasPrefix("HTTP/1.1 "), "a steady body was cut off: \(answer.prefix(80))")

            // A normal client on a kept-alive connection is served twice.
            let normal = try RawSocket(port: port)
            for _ in 0..<2 {
                normal.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                var answer = ""
                for _ in 0..<100 where !answer.contains("\r\n\r\nok") { answer += await normal.read() ?? "" }
                #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
            }
        }
    }

    @Test("pipelined requests are all answered; an answer sent before its body arrived still ends in the idle deadline")
    func pipelinedAndEarly() async throws {
        try await withApp(.sqlite, configure: Self.limits, live: true) { client in
            let port = try #require(client.port)
            let pipelined = try RawSocket(port: port)
            pipelined.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            var answers = ""
            for _ in 0..<100 where answers.components(separatedBy: "HTTP/1.1 200").count < 3 { answers += await pipelined.read() ?? "" }
            #expect(answers.components(separatedBy: "HTTP/1.1 200").count == 3, "\(answers)")
            let pipelinedSeconds = try #require(await pipelined.secondsUntilClosed(limit: 15))
            #expect(pipelinedSeconds < 8, "after two answers the connection stayed \(pipelinedSeconds) s")

            // The wrong content type is refused before the body is read.
            let early = try RawSocket(port: port)
            early.send("POST /api/v1/articles/x/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n")
            var refused = ""
            for _ in 0..<100 where !refused.contains("\r\n\r\n") { refused += await early.read() ?? "<closed>" }
            #expect(refused.hasPrefix("HTTP/1.1 4"), "\(refused)")
            early.send("hello")
            let earlySeconds = try #require(await early.secondsUntilClosed(limit: 15))
            #expect(earlySeconds < 8, "an early answer left the connection open \(earlySeconds) s")
        }
    }

    @Test("past the connection cap a new connection gets a 503 at once")
    func cap() async throws {
        // Held connections must outlive a slow test run: with the short idle deadline of the
        // other tests they closed before the cap was reached when the suites ran in parallel.
        try await withApp(.sqlite, configure: { Self.limits(&$0); $0.connections.idleTimeout = .seconds(60) }, live: true) { client in
            let port = try #require(client.port)
            // Connections up to the cap of 4 (the test client may hold one of its own), until
            // one is refused: from then on the node is at its cap.
            var held: [RawSocket] = []
            var refused = false
            for _ in 0..<6 where !refused {
                let socket = try RawSocket(port: port)
                var answer = ""
                for _ in 0..<3 { answer += await socket.read() ?? "" }
                if answer.hasPrefix("HTTP/1.1 503") { refused = true } else { held.append(socket) }
            }
            #expect(refused && held.count <= 4, "\(held.count) connections open and none refused")
            let extra = try RawSocket(port: port)
            var answer = ""
            for _ in 0..<100 where !answer.contains("\r\n\r\n") { answer += await extra.read() ?? "" }
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            for socket in held { socket.hangUp() }
            held.removeAll()
            try await Task.sleep(for: .milliseconds(300))
            let after = try RawSocket(port: port)
            after.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            var served = ""
            for _ in 0..<100 where !served.contains("ok") { served += await after.read() ?? "<closed>" }
            #expect(served.hasPrefix("HTTP/1.1 200"), "after the others closed: \(served)")
        }
    }
}
