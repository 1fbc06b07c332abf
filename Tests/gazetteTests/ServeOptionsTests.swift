import Foundation
@testable import gazette
import GazetteStore
import GazetteWeb
import Testing

/// The connection settings of `gazette serve`: each flag, its GAZETTE_* variable, the flag
/// winning over the variable, and one clear line for a bad value.
@Suite("gazette serve: connection settings")
struct ServeOptionsTests {
    @Test("defaults are safe")
    func defaults() throws {
        let config = try Serve.parse([]).config(environment: [:])
        #expect(config.connections == ConnectionLimits())
        #expect(config.connections.headerTimeout == .seconds(10))
        #expect(config.connections.maxConnections == 1_000)
    }

    @Test("each flag and each variable sets its limit; a flag wins", arguments: [
        ("--idle-timeout", "GAZETTE_IDLE_TIMEOUT", \ConnectionLimits.idleTimeout),
        ("--header-timeout", "GAZETTE_HEADER_TIMEOUT", \ConnectionLimits.headerTimeout),
        ("--body-timeout", "GAZETTE_BODY_TIMEOUT", \ConnectionLimits.bodyTimeout),
    ] as [(String, String, WritableKeyPath<ConnectionLimits, Duration> & Sendable)])
    func timeouts(flag: String, variable: String, path: WritableKeyPath<ConnectionLimits, Duration> & Sendable) throws {
        #expect(try Serve.parse([flag, "2.5"]).config(environment: [:]).connections[keyPath: path] == .milliseconds(2_500))
        #expect(try Serve.parse([]).config(environment: [variable: "7"]).connections[keyPath: path] == .seconds(7))
        #expect(try Serve.parse([flag, "3"]).config(environment: [variable: "7"]).connections[keyPath: path] == .seconds(3))
        for bad in ["0", "-1", "5000"] {
            #expect(throws: CLIError.self) { try Serve.parse([flag + "=" + bad]).config(environment: [:]) }
        }
        #expect(throws: CLIError.self) { try Serve.parse([]).config(environment: [variable: "soon"]) }
    }

    @Test("the photo folder and upload limits from flags, a flag winning over its variable")
    func photos() throws {
        let flags = try Serve.parse(["--media-dir", "/srv/photos", "--photo-max-mb", "10", "--photo-max-megapixels", "24", "--photo-cache-mb", "8"])
            .config(environment: ["GAZETTE_MEDIA_DIR": "/elsewhere", "GAZETTE_PHOTO_MAX_MB": "99"])
        #expect(flags.mediaDirectory == "/srv/photos")
        #expect(flags.photoLimits.maxBytes == 10 << 20)
        #expect(flags.photoLimits.maxPixels == 24_000_000)
        #expect(flags.photoCacheBytes == 8 << 20)
        #expect(throws: CLIError.self) { try Serve.parse(["--photo-max-megapixels", "0"]).config(environment: [:]) }
        // Through the whole command tree, as the binary parses it (a flag named twice fails there only).
        for command in [["serve", "--media-dir", "/srv/photos"], ["import", "wordpress", "x.xml", "--uploads", "/srv/up", "--media-dir", "/srv/photos"],
                        ["import", "ghost", "x.json", "--uploads", "/srv/images"], ["export", "x.json", "--media-dir", "/srv/photos"]] {
            #expect(throws: Never.self, "\(command)") { _ = try Gazette.parseAsRoot(command) }
        }
    }

    @Test("operations: pools, replica, log format, migrations, read-own-writes and shutdown from flags and variables")
    func operations() throws {
        let pg = "postgres://gazette:pw@127.0.0.1:5432/gazette"
        let replica = "postgres://gazette:pw@127.0.0.1:5433/gazette"
        let flags = try Serve.parse([
            "--database-url", pg, "--database-read-url", replica, "--database-pool-size", "8", "--database-timeout", "1.5",
            "--log-format", "json", "--no-migrate", "--read-own-writes-seconds", "20", "--shutdown-timeout", "4",
        ]).config(environment: ["GAZETTE_DATABASE_POOL_SIZE": "2", "GAZETTE_LOG_FORMAT": "text"]).operations
        #expect(flags.pool == StorePool(connectionsPerLoop: 8, timeout: 1.5, readReplicaURL: replica))
        #expect(flags.logFormat == .json)
        #expect(!flags.migrate)
        #expect(flags.readOwnWritesSeconds == 20)
        #expect(flags.shutdownTimeout == 4)
        #expect(try Serve.parse(["--scheduler-interval", "0.5"]).config(environment: ["GAZETTE_SCHEDULER_INTERVAL": "9"]).schedulerInterval == 0.5)
        #expect(try Serve.parse([]).config(environment: ["GAZETTE_SCHEDULER_INTERVAL": "9"]).schedulerInterval == 9)
        #expect(try Serve.parse([]).config(environment: [:]).schedulerInterval == 15)
        let variables = try Serve.parse([]).config(environment: [
            "GAZETTE_DATABASE_URL": pg, "GAZETTE_DATABASE_READ_URL": replica, "GAZETTE_DATABASE_POOL_SIZE": "3", "GAZETTE_DATABASE_TIMEOUT": "5",
            "GAZETTE_LOG_FORMAT": "json", "GAZETTE_NO_MIGRATE": "1", "GAZETTE_READ_OWN_WRITES_SECONDS": "0", "GAZETTE_SHUTDOWN_TIMEOUT": "30",
        ]).operations
        #expect(variables.pool == StorePool(connectionsPerLoop: 3, timeout: 5, readReplicaURL: replica))
        #expect(variables.logFormat == .json && !variables.migrate && variables.readOwnWritesSeconds == 0 && variables.shutdownTimeout == 30)
        let defaults = try Serve.parse([]).config(environment: [:]).operations
        #expect(defaults == OperationsSettings())
        #expect(defaults.migrate && defaults.logFormat == .text && defaults.pool.timeout == 2)
        for bad in [["--database-pool-size", "0"], ["--database-timeout", "0"], ["--log-format", "xml"], ["--shutdown-timeout=-1"], ["--scheduler-interval", "0"],
                    ["--database-read-url", replica], ["--database-url", pg, "--database-read-url", "sqlite:///x.sqlite"]] {
            #expect(throws: CLIError.self, "\(bad)") { try Serve.parse(bad).config(environment: [:]) }
        }
        for command in [["backup", "copy.sqlite", "--database-url", "sqlite:///srv/site.sqlite"], ["migrate", "--database-url", pg]] {
            #expect(throws: Never.self, "\(command)") { _ = try Gazette.parseAsRoot(command) }
        }
    }

    @Test("the connection cap from flag and variable")
    func cap() throws {
        #expect(try Serve.parse(["--max-connections", "50"]).config(environment: [:]).connections.maxConnections == 50)
        #expect(try Serve.parse([]).config(environment: ["GAZETTE_MAX_CONNECTIONS": "70"]).connections.maxConnections == 70)
        #expect(throws: CLIError.self) { try Serve.parse(["--max-connections", "0"]).config(environment: [:]) }
        #expect(throws: CLIError.self) { try Serve.parse([]).config(environment: ["GAZETTE_MAX_CONNECTIONS": "1.5"]) }
    }
}
