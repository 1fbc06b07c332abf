import Foundation
import NIOCore
import PostgresKit

/// How the PostgreSQL connections are pooled, and where public reads may go.
public struct StorePool: Sendable, Equatable {
    /// Connections each event loop (one per core) may hold, to the primary and to the replica.
    public var connectionsPerLoop: Int
    /// Seconds a request waits for a connection or for the database to accept one, before it
    /// fails with "unavailable" (a 503): a database that is down makes requests fail fast.
    public var timeout: TimeInterval
    /// A streaming standby that public page reads go to.
    public var readReplicaURL: String?

    public init(connectionsPerLoop: Int = 4, timeout: TimeInterval = 2, readReplicaURL: String? = nil) {
        self.connectionsPerLoop = connectionsPerLoop
        self.timeout = timeout
        self.readReplicaURL = readReplicaURL
    }

    var timeAmount: TimeAmount { .milliseconds(Int64(timeout * 1000)) }

    func configuration(_ url: String) throws(StoreError) -> SQLPostgresConfiguration {
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw .badDatabaseURL("\(DatabaseLocation.redacted(url)): not a valid PostgreSQL URL (\(error))")
        }
        configuration.coreConfiguration.options.connectTimeout = timeAmount
        return configuration
    }
}
