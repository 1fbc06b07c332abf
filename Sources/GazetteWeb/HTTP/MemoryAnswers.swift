import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// An answer made from memory without waiting on anything: a cached page, a photo variant.
struct MemoryAnswer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    /// Nil for a `304`.
    var body: ByteBuffer?

    var response: Response {
        Response(status: status, headers: headers, body: body.map { .init(byteBuffer: $0) } ?? .init())
    }
}

/// What can answer a GET from memory: the page cache and the photo memory.
protocol MemoryAnswering: Sendable {
    /// The route label of its answers in the request metrics.
    var route: String { get }
    func answer(to request: Request, now: Date) -> MemoryAnswer?
}

/// A node's memory answerers, asked in order for each GET. They are asked twice over: by
/// `MemoryAnswerHandler` on the event loop as a request arrives (no task, no router, no
/// middleware), and by `MemoryResponder` for the requests that handler passes on (a request
/// pipelined behind one the router is still answering, one that asks to close).
struct MemoryAnswers: Sendable {
    let answerers: [any MemoryAnswering]
    let now: @Sendable () -> Date
    let metrics: SiteMetrics
    /// Each answerer's meters of the statuses it gives most.
    private let meters: [[Int: RequestMeter]]

    init(answerers: [any MemoryAnswering], now: @escaping @Sendable () -> Date, metrics: SiteMetrics) {
        self.answerers = answerers
        self.now = now
        self.metrics = metrics
        meters = answerers.map { answerer in
            Dictionary(uniqueKeysWithValues: [200, 304].map { ($0, metrics.meter(route: answerer.route, method: "GET", status: $0)) })
        }
    }

    func answer(_ request: Request) -> MemoryAnswer? {
        guard request.method == .get else { return nil }
        let start = ContinuousClock.now
        let now = now()
        for (index, answerer) in answerers.enumerated() {
            if let answer = answerer.answer(to: request, now: now) {
                let status = Int(answer.status.code)
                (meters[index][status] ?? metrics.meter(route: answerer.route, method: "GET", status: status)).record(.now - start)
                return answer
            }
        }
        return nil
    }
}

/// In front of the router: what memory holds is answered from it.
struct MemoryResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner
    let answers: MemoryAnswers

    func respond(to request: Request, context: Context) async throws -> Response {
        if let answer = answers.answer(request) { return answer.response }
        return try await inner.respond(to: request, context: context)
    }
}

/// In the channel pipeline, after the HTTP decoder and before Hummingbird: a GET that memory
/// can answer is answered here, on the connection's event loop, as its end arrives — the
/// hot path of a cached page without a task switch, a `Request` body stream or the router.
/// Anything else goes on to Hummingbird. While the router still owes an answer on this
/// connection, later requests go on too, so pipelined answers keep their order.
final class MemoryAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let answers: MemoryAnswers
    private let serverName: String?
    /// Requests passed on to Hummingbird whose answer has not ended.
    private var passedOn = 0
    /// The answer to the request now arriving, sent when its end comes.
    private var pending: MemoryAnswer?
    /// The `Date` header, made once a second.
    private var date: (second: Int, text: String) = (-1, "")

    init(answers: MemoryAnswers, serverName: String?) {
        self.answers = answers
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if passedOn == 0, head.method == .get, Self.keepsAlive(head), head.headerFields[.expect] == nil,
               let answer = answers.answer(Request(head: head, body: RequestBody(buffer: ByteBuffer())))
            {
                pending = answer
                return
            }
            passedOn += 1
        case .body:
            if pending != nil { return }
        case .end:
            if let answer = pending {
                pending = nil
                send(answer, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), passedOn > 0 { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    /// A request that asks to close its connection goes to Hummingbird, which closes it.
    private static func keepsAlive(_ head: HTTPRequest) -> Bool {
        guard let connection = head.headerFields[.connection] else { return true }
        return !connection.lowercased().contains("close")
    }

    private func send(_ answer: MemoryAnswer, context: ChannelHandlerContext) {
        var headers = answer.headers
        headers[.contentLength] = String(answer.body?.readableBytes ?? 0)
        headers[.date] = currentDate()
        if let serverName { headers[.server] = serverName }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: headers))), promise: nil)
        if let body = answer.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func currentDate() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if second != date.second { date = (second, HTTPDate.format(now)) }
        return date.text
    }
}
