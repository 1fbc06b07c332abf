import Foundation
import GazetteCore
import GazetteTestSupport
import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// One HTTP/1.1 answer read off a raw socket.
struct RawAnswer {
    var status: Int
    /// Header names in lower case, in the order sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension RawSocket {
    /// Reads `count` answers (each framed by its `Content-Length`), waiting up to 10 s.
    func answers(_ count: Int) async throws -> [RawAnswer] {
        var bytes: [UInt8] = []
        var answers: [RawAnswer] = []
        let started = Date()
        while answers.count < count, Date().timeIntervalSince(started) < 10 {
            while let (answer, used) = Self.parse(bytes) {
                answers.append(answer)
                bytes.removeFirst(used)
            }
            if answers.count == count { break }
            guard let more = await readBytes() else { break }
            bytes += more
        }
        guard answers.count == count else { throw TestSetupError("read \(answers.count) of \(count) answers") }
        return answers
    }

    private static func parse(_ bytes: [UInt8]) -> (RawAnswer, Int)? {
        let end = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4, let headEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == end }) else { return nil }
        let lines = String(decoding: bytes[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first.flatMap({ Int($0.split(separator: " ")[1]) }) else { return nil }
        let headers = lines.dropFirst().map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.0 == "content-length" }?.1 ?? "0") ?? 0
        let start = headEnd + 4
        guard bytes.count >= start + length else { return nil }
        return (RawAnswer(status: status, headers: headers, body: Array(bytes[start..<(start + length)])), start + length)
    }
}

@Suite("Cached pages answered on the event loop")
struct MemoryAnswerTests {
    static func request(_ path: String, _ extra: String = "") -> String {
        "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\(extra)\r\n"
    }

    /// The header lines of an answer but its date and the connection's own.
    static func fields(_ answer: RawAnswer) -> [String] {
        answer.headers.filter { !["date", "connection"].contains($0.name) }.map { "\($0.name): \($0.value)" }.sorted()
    }

    @Test("a cached page answered as it arrives carries the same bytes and headers as through the router, in both encodings and as a 304")
    func sameAnswer() async throws {
        try await withApp(.sqlite, live: true) { client in
            let port = try #require(client.port)
            let path = "/news/\(demoArticle)"
            let socket = try RawSocket(port: port)
            socket.send(Self.request(path))
            let first = try await socket.answers(1)[0]
            #expect(first.status == 200 && first.header("x-gazette-cache") == "miss")
            for encoding in ["", "Accept-Encoding: gzip\r\n"] {
                // Kept alive: answered on the event loop. `Connection: close`: passed on to the
                // router, which answers from the same cache.
                socket.send(Self.request(path, encoding))
                let fast = try await socket.answers(1)[0]
                let closing = try RawSocket(port: port)
                closing.send(Self.request(path, encoding + "Connection: close\r\n"))
                let routed = try await closing.answers(1)[0]
                #expect(fast.status == 200 && fast.header("x-gazette-cache") == "hit")
                #expect(fast.body == routed.body && !fast.body.isEmpty)
                #expect(fast.header("date") != nil && fast.header("server") == "Gazette")
                #expect(Self.fields(fast) == Self.fields(routed))
                #expect(fast.header("content-security-policy") != nil && fast.header("content-encoding") == (encoding.isEmpty ? nil : "gzip"))

                let match = "If-None-Match: \(try #require(fast.header("etag")))\r\n"
                socket.send(Self.request(path, encoding + match))
                let unchanged = try await socket.answers(1)[0]
                let closingAgain = try RawSocket(port: port)
                closingAgain.send(Self.request(path, encoding + match + "Connection: close\r\n"))
                let routedUnchanged = try await closingAgain.answers(1)[0]
                #expect(unchanged.status == 304 && unchanged.body.isEmpty && routedUnchanged.status == 304)
                #expect(Self.fields(unchanged) == Self.fields(routedUnchanged))
            }
        }
    }

    @Test("pipelined behind a request the router answers, a cached page waits its turn; a write between hits is seen by the next one")
    func order() async throws {
        try await withApp(.sqlite, configure: openDiscussion, live: true) { client in
            let port = try #require(client.port)
            let path = "/news/\(demoArticle)"
            let socket = try RawSocket(port: port)
            socket.send(Self.request(path) + Self.request(path))
            #expect(try await socket.answers(2).map { $0.header("x-gazette-cache") } == ["miss", "hit"])

            // A search (never cached) and then the cached page, in one write: in that order.
            socket.send(Self.request("/search?q=kabul") + Self.request(path) + Self.request("/healthz") + Self.request(path))
            let answers = try await socket.answers(4)
            #expect(answers.map(\.status) == [200, 200, 200, 200])
            #expect(answers[0].text.contains("<form") && answers[0].header("x-gazette-cache") == nil)
            #expect(answers[1].header("x-gazette-cache") == "hit" && answers[3].header("x-gazette-cache") == "hit")
            #expect(answers[2].text == "ok")

            // On the same connection a comment posted through the router, then the page again:
            // rendered anew with the comment.
            let json = #"{"name": "Pipe Reader", "text": "Seen on the next page view."}"#
            socket.send(
                "POST /api/v1/articles/\(demoArticle)/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(json.utf8.count)\r\n\r\n\(json)" + Self.request(path)
            )
            let (posted, page) = try await { let two = try await socket.answers(2); return (two[0], two[1]) }()
            #expect(posted.status == 201)
            #expect(page.header("x-gazette-cache") == "miss" && page.text.contains("Seen on the next page view."))
        }
    }
}
