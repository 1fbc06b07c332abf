import FluentKit
import GazetteCore
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// The site's database: FluentKit `Databases` on the shared NIO thread pool and event loops,
/// for SQLite or PostgreSQL. It is a service of the application, so it is shut down cleanly
/// when the application stops.
public final class Store: Service, Sendable {
    public let location: DatabaseLocation
    let databases: Databases
    let logger: Logger
    /// Writes go through one event loop. On SQLite that loop's pool has a single connection,
    /// so writers queue instead of failing with "database is locked" when a transaction that
    /// read first tries to write.
    let writerLoop: any EventLoop
    /// Batches new comments into shared commits.
    let commentWriter = CommentWriter()
    /// bcrypt for log-ins and new passwords: one thread, so a log-in flood takes one core at
    /// most and never delays page reads.
    let passwords = WorkPool(name: "password", threads: 1, maxWaiting: 32)
    /// Markdown rendering and sanitising of story bodies (saves, previews, imports).
    let rendering = WorkPool(name: "rendering", threads: 1, maxWaiting: 64)
    /// Decoding and resizing photos: one at a time, so a burst of uploads takes one core and
    /// a bounded amount of memory (one 2,048 px master and its variants) while pages go on.
    let photoWork = WorkPool(name: "photos", threads: 1, maxWaiting: 16)
    /// This node's photo folder: SQLite's originals and every store's cached variants.
    public let mediaDirectory: URL
    /// How the PostgreSQL pools are sized and how long a request waits for the database.
    public let pool: StorePool

    /// Opens the store and checks that it answers, so a bad location fails at start-up with
    /// one readable line instead of on the first request.
    public static func open(
        _ location: DatabaseLocation, logger: Logger, mediaDirectory: String? = nil, pool: StorePool = StorePool()
    ) async throws(StoreError) -> Store {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqlite(let path):
            try checkSQLitePath(path)
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace), as: .sqlite, isDefault: true)
            // Readers get their own connections, so a read never queues behind the writer's
            // connection; WAL lets them read while it writes.
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 2, sqlLogLevel: .trace), as: Self.sqliteReaders, isDefault: false)
        case .postgres(let url):
            databases.use(.postgres(configuration: try pool.configuration(url), maxConnectionsPerEventLoop: pool.connectionsPerLoop,
                                    connectionPoolTimeout: pool.timeAmount, sqlLogLevel: .trace), as: .psql)
            if let replica = pool.readReplicaURL {
                databases.use(.postgres(configuration: try pool.configuration(replica), maxConnectionsPerEventLoop: pool.connectionsPerLoop,
                                        connectionPoolTimeout: pool.timeAmount, sqlLogLevel: .trace), as: Self.replica, isDefault: false)
            }
        }
        let store = Store(location: location, databases: databases, logger: logger, mediaDirectory: mediaDirectory ?? location.defaultMediaDirectory, pool: pool)
        // The pool logs each failed connection on its own; the caller reports the failure once.
        var quiet = logger
        quiet.logLevel = .critical
        let probe = databases.database(logger: quiet, on: MultiThreadedEventLoopGroup.singleton.any())! as! any SQLDatabase
        do {
            if case .sqlite = location {
                // WAL lets readers go on while one connection writes; it is stored in the file.
                try await probe.raw("PRAGMA journal_mode=WAL").run()
            }
            try await probe.raw("SELECT 1").run()
            if store.hasReplica {
                try await (databases.database(replica, logger: quiet, on: MultiThreadedEventLoopGroup.singleton.any())! as! any SQLDatabase)
                    .raw("SELECT 1").run()
            }
        } catch {
            await store.shutdown()
            throw .unavailable(Self.describe(error, at: location))
        }
        return store
    }

    init(location: DatabaseLocation, databases: Databases, logger: Logger, mediaDirectory: String, pool: StorePool = StorePool()) {
        self.location = location
        self.pool = pool
        self.mediaDirectory = URL(fileURLWithPath: mediaDirectory, isDirectory: true)
        self.databases = databases
        self.logger = logger
        self.writerLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    static let sqliteReaders = DatabaseID(string: "sqlite-readers")
    static let replica = DatabaseID(string: "psql-replica")

    /// Whether the current task may read from the read replica. Off unless the web layer
    /// turns it on for a public page read by someone who has not just written: the newsroom,
    /// every write, background work and a reader's own fresh view read the primary.
    @TaskLocal public static var readsFromReplica = false

    /// Whether a read replica is configured.
    public var hasReplica: Bool { isPostgres && pool.readReplicaURL != nil }

    /// A database handle for one unit of work that only reads.
    var db: any Database {
        let id = isSQLite ? Self.sqliteReaders : (hasReplica && Self.readsFromReplica ? Self.replica : nil)
        return databases.database(id, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// The database handle for anything that writes.
    var writer: any Database {
        databases.database(logger: logger, on: writerLoop)!
    }

    var isSQLite: Bool { !isPostgres }

    public var isPostgres: Bool {
        if case .postgres = location { return true }
        return false
    }

    /// Brings the schema up to date. Safe to run on every start and from several nodes in turn.
    public func migrate() async throws(StoreError) {
        let migrations = Migrations()
        migrations.add(GazetteMigrations.all)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug
        )
        do {
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        } catch {
            throw .unavailable("migrating \(location) failed: \(Self.describe(error, at: location))")
        }
    }

    /// Runs one SQL statement written by the program itself (administration such as
    /// `CREATE DATABASE` in test set-up); never pass it text from a request.
    public func executeAdministrative(_ statement: String) async throws {
        try await writer.withConnection { db in
            try await (db as! any SQLDatabase).raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        await passwords.shutdown()
        await rendering.shutdown()
        await photoWork.shutdown()
    }

    /// Story Markdown as the page will show it, rendered and sanitised off the event loops,
    /// with the library photos it names.
    public func renderBody(_ markdown: String) async throws -> String {
        let photos = try await MediaRepository.photos(ids: Photo.references(in: markdown), on: db)
        return try await renderBody(markdown, photos: photos)
    }

    func renderBody(_ markdown: String, photos: [UUID: Photo]) async throws -> String {
        try await rendering.run { MarkdownRenderer().html(from: markdown, photos: photos) }
    }

    /// Originals in a folder for SQLite, in the database for PostgreSQL.
    var originalPlace: OriginalPlace {
        isPostgres ? .database : .folder(mediaDirectory.appendingPathComponent("originals", isDirectory: true))
    }

    /// Variants made on this node, by variant key and name.
    var variantShelf: FileShelf {
        FileShelf(root: mediaDirectory.appendingPathComponent("variants", isDirectory: true))
    }

    public var media: MediaRepository { MediaRepository(store: self) }

    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    public var stories: StoryRepository { StoryRepository(store: self) }
    public var users: UserRepository { UserRepository(store: self) }

    static func checkSQLitePath(_ path: String) throws(StoreError) {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unavailable("cannot open SQLite database \(path): folder \(directory) does not exist")
        }
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .unavailable("cannot open SQLite database \(path): it is a folder") }
            guard files.isWritableFile(atPath: path) else {
                throw .unavailable("cannot open SQLite database \(path): the file is not writable")
            }
        } else if !files.isWritableFile(atPath: directory) {
            throw .unavailable("cannot create SQLite database \(path): folder \(directory) is not writable")
        }
    }

    /// The driver's nested connection error, reduced to the part an operator acts on.
    static func connectionReason(_ detail: String) -> String {
        let known = [
            ("Connection refused", "connection refused (is the server running and listening on that port?)"),
            ("timed out", "connection timed out"),
            ("Timeout", "connection timed out"),
            ("resolve", "the host name cannot be resolved"),
            ("No address", "the host name cannot be resolved"),
        ]
        for (needle, reason) in known where detail.contains(needle) { return reason }
        return detail.isEmpty ? "no answer" : detail
    }

    /// One line for an operator, without stack traces or driver internals.
    static func describe(_ error: any Error, at location: DatabaseLocation) -> String {
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let message = error.serverInfo?[.message] ?? "server error"
                return "PostgreSQL refused: \(message)"
            case .connectionError:
                let detail = error.underlying.map { String(describing: $0) } ?? ""
                return "cannot connect to \(location): \(Self.connectionReason(detail))"
            default:
                return "PostgreSQL error at \(location): \(error.code)"
            }
        }
        if let error = error as? SQLiteError {
            return "SQLite error on \(location): \(error.message)"
        }
        return "\(location): \(error)"
    }
}
