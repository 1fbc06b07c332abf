import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// Limits on each client connection, so slow or idle sockets (slowloris) cannot hold the
/// server's connections: every phase of a request has a deadline, and past a number of open
/// connections new ones are refused with a 503.
public struct ConnectionLimits: Sendable, Equatable {
    /// How long a kept-alive connection may wait for its next request to begin.
    public var idleTimeout: Duration = .seconds(30)
    /// How long a request's head (request line and headers) may take to arrive, from its
    /// first byte.
    public var headerTimeout: Duration = .seconds(10)
    /// How long a request's body may take to arrive, from the end of its head; a body that
    /// keeps arriving at 64 KiB/s or faster earns a second more for each 64 KiB.
    public var bodyTimeout: Duration = .seconds(30)
    /// Open connections at most; more are answered 503 and closed at once.
    public var maxConnections = 1_000

    public init() {}
}

/// The HTTP/1.1 channel with the deadlines of `ConnectionLimits`: Hummingbird's own idle
/// timeout only runs between requests, and a head sent a byte at a time or a body sent slowly
/// never ended.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let limits: ConnectionLimits
    let open: NIOLockedValueBox<Int>

    /// `answers`: what `MemoryAnswerHandler` answers on the event loop, nil for nothing.
    init(
        responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, open: NIOLockedValueBox<Int>,
        answers: MemoryAnswers?, serverName: String?
    ) {
        self.inner = HTTP1Channel(
            responder: responder,
            configuration: .init(
                additionalChannelHandlers: [RequestPhaseWatcher()] + (answers.map { [MemoryAnswerHandler(answers: $0, serverName: serverName)] } ?? [])
            )
        )
        self.limits = limits
        self.open = open
    }

    static func builder(limits: ConnectionLimits, answers: MemoryAnswers? = nil, serverName: String? = nil) -> HTTPServerBuilder {
        let open = NIOLockedValueBox(0)
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, limits: limits, open: open, answers: answers, serverName: serverName)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionDeadlines(limits: limits, open: open), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// First in the pipeline, on raw bytes: counts the connection, and closes it when the phase
/// it is in (told by `RequestPhaseWatcher`, and by the first byte of a request) runs out.
final class ConnectionDeadlines: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Phase { case idle, head, body, responding }

    let limits: ConnectionLimits
    let open: NIOLockedValueBox<Int>
    private(set) var phase = Phase.idle
    private var counted = false
    private var refused = false
    private var timer: Scheduled<Void>?
    /// When `timer` fires, and the deadline of the phase the connection is in (nil while the
    /// server answers). A phase change only moves `deadline`: the timer, when it fires early,
    /// waits on for the deadline, so a request costs no timer of its own.
    private var timerAt: NIODeadline?
    private var deadline: NIODeadline?
    private var channel: (any Channel)?
    /// A body arriving at least this fast earns time beyond `bodyTimeout` in proportion to what
    /// came, so a large photo upload on a slow link is not cut off while a body trickled a few
    /// bytes at a time still is.
    static let bodyBytesPerSecond: Int64 = 64 * 1024
    private var bodyStart: NIODeadline?
    private var bodyBytes: Int64 = 0

    init(limits: ConnectionLimits, open: NIOLockedValueBox<Int>) {
        self.limits = limits
        self.open = open
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        let count = open.withLockedValue { count -> Int in
            count += 1
            return count
        }
        counted = true
        refused = count > limits.maxConnections
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private var started = false

    /// Once the connection is up: refuse it past the cap, else wait for its first request.
    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard refused else { return enter(.idle, context.eventLoop) }
        let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 33\r\nRetry-After: 5\r\nConnection: close\r\n\r\nToo many connections; try again.\n"
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer))).whenComplete { _ in channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        timerAt = nil
        channel = nil
        if counted {
            counted = false
            open.withLockedValue { $0 -= 1 }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        if phase == .idle { enter(.head, context.eventLoop) }
        context.fireChannelRead(data)
    }

    /// Moves to a phase and starts its deadline (none while the server answers).
    func enter(_ next: Phase, _ loop: any EventLoop) {
        phase = next
        let limit: Duration
        switch next {
        case .idle: limit = limits.idleTimeout
        case .head: limit = limits.headerTimeout
        case .body:
            limit = limits.bodyTimeout
            bodyStart = .now()
            bodyBytes = 0
        case .responding:
            deadline = nil
            return
        }
        let at = NIODeadline.now() + TimeAmount(limit)
        deadline = at
        // A timer that fires before the new deadline finds it then and waits on.
        if let timerAt, timerAt <= at { return }
        schedule(at, loop)
    }

    /// Part of a body came: its deadline moves on by the time it earned (the timer, firing at
    /// the old deadline, finds the new one and waits on).
    func received(bodyBytes count: Int) {
        guard phase == .body, let bodyStart else { return }
        bodyBytes += Int64(count)
        deadline = bodyStart + TimeAmount(limits.bodyTimeout) + .nanoseconds(bodyBytes * 1_000_000_000 / Self.bodyBytesPerSecond)
    }

    private func schedule(_ at: NIODeadline, _ loop: any EventLoop) {
        timer?.cancel()
        timerAt = at
        timer = loop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: at) { [weak self] in self?.fire(loop) }
    }

    /// The timer: past the phase's deadline the connection closes, else it waits for it.
    private func fire(_ loop: any EventLoop) {
        timer = nil
        timerAt = nil
        guard let deadline else { return }
        if deadline <= .now() {
            channel?.close(promise: nil)
        } else {
            schedule(deadline, loop)
        }
    }
}

/// After the HTTP decoder: tells `ConnectionDeadlines` where each request is. Pipelined
/// requests are counted, so the idle deadline starts only when every answer is out.
final class RequestPhaseWatcher: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var deadlines: ConnectionDeadlines?
    /// Requests read in full whose answer has not ended yet.
    private var unanswered = 0
    /// Answers that ended before their request did (an early error for a body not yet read).
    private var answeredEarly = 0

    func handlerAdded(context: ChannelHandlerContext) {
        deadlines = try? context.pipeline.syncOperations.handler(type: ConnectionDeadlines.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadlines?.enter(.body, context.eventLoop)
        case .end where answeredEarly > 0:
            answeredEarly -= 1
            deadlines?.enter(unanswered == 0 ? .idle : .responding, context.eventLoop)
        case .end:
            unanswered += 1
            deadlines?.enter(.responding, context.eventLoop)
        case .body(let part): deadlines?.received(bodyBytes: part.readableBytes)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            if unanswered == 0 {
                answeredEarly += 1
            } else {
                unanswered -= 1
                if unanswered == 0, deadlines?.phase == .responding { deadlines?.enter(.idle, context.eventLoop) }
            }
        }
        context.write(data, promise: promise)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
