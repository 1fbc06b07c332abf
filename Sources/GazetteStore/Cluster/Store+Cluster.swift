import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteNIO
import Synchronization

/// A message from another node (or this one) through PostgreSQL's NOTIFY.
public struct StoreNotification: Sendable, Equatable {
    /// The primary's WAL position when the message was sent, after the write it announces
    /// committed: a replica that has replayed this far shows the write.
    public var position: String?
    public var payload: String
}

extension Store {
    /// The channel every node's events travel on.
    static let eventChannel = "gazette_events"

    /// Sends `payload` to every node that listens, this one included; does nothing on SQLite
    /// (one node). PostgreSQL delivers notifications in commit order, at most 8,000 bytes each.
    public func notify(_ payload: String) async throws {
        guard isPostgres else { return }
        try await (writer as! any SQLDatabase).raw(
            "SELECT pg_notify(\(bind: Self.eventChannel), pg_current_wal_lsn()::text || ' ' || \(bind: payload))"
        ).run()
    }

    /// Listens on a connection of its own until it fails or the task is cancelled. `ready`
    /// runs once `LISTEN` is in place, so anything committed after it is delivered; a
    /// heartbeat every `heartbeat` seconds notices a connection that died without closing.
    public func listen(
        heartbeat: TimeInterval = 2,
        ready: @escaping @Sendable () async throws -> Void,
        receive: @escaping @Sendable (StoreNotification) async -> Void
    ) async throws {
        guard case .postgres(let url) = location else { return }
        var configuration = try pool.configuration(url).coreConfiguration
        configuration.options.additionalStartupParameters = [("application_name", "gazette-listener")]
        let quiet = { var quiet = logger; quiet.logLevel = .critical; return quiet }()
        let timeout = pool.timeout
        // Bounded by the pool's connect timeout (a deadline here could drop a connection that
        // opens late without closing it).
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: quiet
        ).get()
        // Whatever this task waits for on the connection (LISTEN, a heartbeat, the next
        // notification), closing the socket ends it: on cancellation (shutdown) and when a
        // heartbeat fails. Nothing here relies on a wait noticing cancellation by itself.
        let close: @Sendable () -> Void = { let closing: EventLoopFuture<Void> = connection.close(); _ = closing }
        do {
            try await listen(on: connection, heartbeat: heartbeat, timeout: timeout, logger: quiet, close: close, ready: ready, receive: receive)
        } catch {
            // Awaited, so the connection is closed before it is let go.
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    private func listen(
        on connection: PostgresConnection, heartbeat: TimeInterval, timeout: TimeInterval, logger quiet: Logger, close: @escaping @Sendable () -> Void,
        ready: @escaping @Sendable () async throws -> Void, receive: @escaping @Sendable (StoreNotification) async -> Void
    ) async throws {
        try await withTaskCancellationHandler {
            try await connection.listen(on: Self.eventChannel) { notifications in
                try await ready()
                let heartbeatTask = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(heartbeat))
                        guard !Task.isCancelled else { return }
                        do {
                            try await withDeadline(seconds: timeout) { _ = try await connection.query("SELECT 1", logger: quiet).collect() }
                        } catch {
                            close()
                            return
                        }
                    }
                }
                defer { heartbeatTask.cancel() }
                for try await notification in notifications {
                    await receive(Self.parse(notification.payload))
                }
                throw StoreError.unavailable("the notification connection closed")
            }
        } onCancel: {
            close()
        }
    }

    static func parse(_ payload: String) -> StoreNotification {
        guard let space = payload.firstIndex(of: " "), payload[..<space].contains("/") else {
            return StoreNotification(position: nil, payload: payload)
        }
        return StoreNotification(position: String(payload[..<space]), payload: String(payload[payload.index(after: space)...]))
    }

    /// Whether the replica has replayed the primary's WAL up to `position`.
    public func replicaHasReplayed(_ position: String) async throws -> Bool {
        guard hasReplica else { return true }
        let row = try await (replicaDatabase as! any SQLDatabase).raw(
            "SELECT COALESCE(pg_last_wal_replay_lsn() >= \(bind: position)::pg_lsn, true) AS done"
        ).first()
        return try row?.decode(column: "done", as: Bool.self) ?? true
    }

    /// How far the replica is behind the primary: WAL bytes not yet replayed, and seconds
    /// since the last replayed commit while it is behind (0 when caught up).
    public func replicaLag() async throws -> (bytes: Double, seconds: Double)? {
        guard hasReplica else { return nil }
        let primary = try await (writer as! any SQLDatabase).raw("SELECT pg_current_wal_lsn()::text AS lsn").first()
        let position = try primary?.decode(column: "lsn", as: String.self) ?? "0/0"
        let row = try await (replicaDatabase as! any SQLDatabase).raw("""
            SELECT COALESCE(pg_wal_lsn_diff(\(bind: position)::pg_lsn, pg_last_wal_replay_lsn()), 0)::float8 AS bytes,
                   CASE WHEN pg_last_wal_replay_lsn() >= \(bind: position)::pg_lsn THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS seconds
            """).first()
        guard let row else { return nil }
        return (max(0, try row.decode(column: "bytes", as: Double.self)), max(0, try row.decode(column: "seconds", as: Double.self)))
    }

    var replicaDatabase: any Database {
        databases.database(Self.replica, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// Whether the database answers within the pool's timeout: the primary on PostgreSQL; on
    /// SQLite a reader's connection, which never queues behind the writer.
    public func ping() async -> Bool {
        let database = isSQLite ? databases.database(Self.sqliteReaders, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())! : writer
        do {
            try await withDeadline(seconds: pool.timeout) {
                try await (database as! any SQLDatabase).raw("SELECT 1").run()
            }
            return true
        } catch {
            return false
        }
    }

    /// Migrations this program knows that the database has not had yet, read without writing
    /// anything (all of them when the database was never migrated).
    public func pendingMigrations() async throws -> [String] {
        let known = GazetteMigrations.all.map(\.name)
        let done: Set<String>
        do {
            let rows = try await (writer as! any SQLDatabase).raw("SELECT name FROM _fluent_migrations").all()
            done = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        } catch where !Self.isUnavailable(error) {
            return known
        }
        return known.filter { !done.contains($0) }
    }

    /// SQLite's `synchronous` setting on the writer's connection (2 is FULL: every commit is
    /// on disk before it returns).
    public func sqliteSynchronous() async throws -> Int? {
        guard isSQLite else { return nil }
        return try await (writer as! any SQLDatabase).raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
    }

    /// Copies a SQLite site into a new file while it runs: one read transaction, so the copy
    /// is consistent, and writers go on meanwhile (WAL). PostgreSQL is backed up with pg_dump.
    public func backup(to path: String) async throws(StoreError) {
        guard isSQLite else {
            throw .unavailable("gazette backup copies SQLite files; back up PostgreSQL with pg_dump (see the README)")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .unavailable("\(path) exists already; name a new file")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) else {
            throw .unavailable("cannot write \(path): folder \(directory) is missing or not writable")
        }
        do {
            try await (db as! any SQLDatabase).raw("VACUUM INTO \(bind: path)").run()
        } catch {
            throw .unavailable("backup to \(path) failed: \(Self.describe(error, at: location))")
        }
    }

    /// Whether an error means the database could not be reached (down, restarting, every
    /// connection busy past the timeout) rather than a fault of the request or the program.
    public static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case StoreError.unavailable: return true
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError, is DeadlineExceeded: return true
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .messageDecodingFailure, .listenFailed, .queryCancelled:
                return true
            case .server:
                // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08xxx connection.
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("57P") || state.hasPrefix("08")
            default: return false
            }
        case is IOError: return true
        default: return false
        }
    }
}

/// A wait for the database that took longer than the pool's timeout.
public struct DeadlineExceeded: Error, Sendable {
    public init() {}
}

/// Runs `work`, or throws `DeadlineExceeded` after `seconds` without waiting for `work` to
/// notice (it is cancelled and left to finish on its own): a deadline that holds even when
/// the awaited call ignores cancellation.
func withDeadline<T: Sendable>(seconds: TimeInterval, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            race.start(continuation, tasks: [
                Task { do { race.finish(.success(try await work())) } catch { race.finish(.failure(error)) } },
                Task {
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    race.finish(.failure(DeadlineExceeded()))
                },
            ])
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The first of work, timer and cancellation resumes the caller; the others are cancelled.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var tasks: [Task<Void, Never>] = []
    }
    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>, tasks: [Task<Void, Never>]) {
        let early = state.withLock { state -> Result<T, any Error>? in
            state.tasks = tasks
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let early {
            continuation.resume(with: early)
            tasks.forEach { $0.cancel() }
        }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
            guard state.result == nil else { return (nil, []) }
            state.result = result
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        continuation?.resume(with: result)
        tasks.forEach { $0.cancel() }
    }
}

extension Store {
    /// One line for an operator about a database error.
    public func describe(_ error: any Error) -> String { Self.describe(error, at: location) }
}
