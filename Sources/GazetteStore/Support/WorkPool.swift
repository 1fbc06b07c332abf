import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// A few threads of its own for CPU-heavy work — bcrypt, Markdown rendering — so that work
/// never runs on the event loops nor on the thread pool SQLite's blocking calls use: eight
/// log-ins at once queue here instead of in front of every page's database reads. At most
/// `maxWaiting` jobs wait; past that the caller is told at once (`Busy`, a 503 with
/// Retry-After) instead of queueing without end.
public final class WorkPool: Sendable {
    public struct Busy: Error, CustomStringConvertible {
        public let pool: String
        public var description: String { "the \(pool) pool is full" }
    }

    public let name: String
    let threads: NIOThreadPool
    let maxWaiting: Int
    private let inFlight = NIOLockedValueBox(0)

    public init(name: String, threads: Int, maxWaiting: Int) {
        self.name = name
        self.threads = NIOThreadPool(numberOfThreads: max(1, threads))
        self.maxWaiting = max(1, maxWaiting)
        self.threads.start()
    }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = inFlight.withLockedValue { count in
            guard count < maxWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Busy(pool: name) }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await threads.runIfActive(work)
    }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }
}
