import Foundation
import GazetteStore

/// How log lines are written: for people, or one JSON object per line for collectors.
public enum LogFormat: String, Sendable {
    case text
    case json
}

/// The settings of running Gazette in production: the database pools and replica, logs,
/// migrations and shutdown. Parsed with the rest by `AppConfig.parse`.
public struct OperationsSettings: Sendable, Equatable {
    public var pool = StorePool()
    public var logFormat = LogFormat.text
    /// Whether `serve` brings the schema up to date itself; off for rolling nodes after one
    /// `gazette migrate`, and then a node whose schema is behind refuses to start.
    public var migrate = true
    /// How long after a reader's write (comment, edit, vote, report) their pages skip the
    /// page cache and the replica, so they see what they wrote.
    public var readOwnWritesSeconds = 10
    /// How long graceful shutdown waits for requests in flight before it stops them.
    public var shutdownTimeout: TimeInterval = 10

    public init() {}

    public struct Flags: Sendable, Equatable {
        public var databaseReadURL: String?
        public var databasePoolSize: Int?
        public var databaseTimeout: Double?
        public var logFormat: String?
        public var noMigrate = false
        public var readOwnWritesSeconds: Int?
        public var shutdownTimeout: Double?
        public var schedulerInterval: Double?

        public init() {}
    }

    static func parse(_ flags: Flags, database: DatabaseLocation, read: AppConfig.Reader) throws(ConfigError) -> OperationsSettings {
        var settings = OperationsSettings()
        let environment = read.environment
        if let size = try read.number(flags.databasePoolSize.map(Double.init), "GAZETTE_DATABASE_POOL_SIZE", name: "--database-pool-size", in: 1...64, whole: true) {
            settings.pool.connectionsPerLoop = Int(size)
        }
        if let seconds = try read.number(flags.databaseTimeout, "GAZETTE_DATABASE_TIMEOUT", name: "--database-timeout", in: 0.1...60, whole: false) {
            settings.pool.timeout = seconds
        }
        if let text = flags.databaseReadURL ?? environment["GAZETTE_DATABASE_READ_URL"], !text.isEmpty {
            guard case .postgres = database else { throw ConfigError("--database-read-url needs a PostgreSQL --database-url (a replica of it)") }
            let replica: DatabaseLocation
            do {
                replica = try DatabaseLocation.parse(text)
            } catch {
                throw ConfigError("--database-read-url: \(error.description)")
            }
            guard case .postgres(let url) = replica else { throw ConfigError("--database-read-url must be a postgres:// address") }
            settings.pool.readReplicaURL = url
        }
        if let text = flags.logFormat ?? environment["GAZETTE_LOG_FORMAT"] {
            guard let format = LogFormat(rawValue: text) else { throw ConfigError("log format '\(text)' is not text or json") }
            settings.logFormat = format
        }
        settings.migrate = !(flags.noMigrate || environment["GAZETTE_NO_MIGRATE"] == "1")
        if let seconds = try read.number(flags.readOwnWritesSeconds.map(Double.init), "GAZETTE_READ_OWN_WRITES_SECONDS", name: "--read-own-writes-seconds", in: 0...3_600, whole: true) {
            settings.readOwnWritesSeconds = Int(seconds)
        }
        if let seconds = try read.number(flags.shutdownTimeout, "GAZETTE_SHUTDOWN_TIMEOUT", name: "--shutdown-timeout", in: 0.1...3_600, whole: false) {
            settings.shutdownTimeout = seconds
        }
        return settings
    }
}
