import ArgumentParser
import Foundation
import GazetteStore
import GazetteWeb
import Logging

/// A start-up problem, printed as one line without a stack trace.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The store options shared by every command. Flags win over `GAZETTE_*` variables, which win
/// over defaults.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "sqlite:///path/file.sqlite or postgres://user:pass@host:port/db (env GAZETTE_DATABASE_URL).",
        discussion: "Default: the SQLite file gazette.sqlite in the working directory."))
    var databaseURL: String?

    @Option(name: .customLong("media-dir"), help: "The photo folder: originals (SQLite) and this node's resized copies (env GAZETTE_MEDIA_DIR; default beside the SQLite file, for PostgreSQL a cache in the temporary folder).")
    var mediaDirectory: String?

    func mediaFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        mediaDirectory ?? environment["GAZETTE_MEDIA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseLocation {
        guard let text = databaseURL ?? environment["GAZETTE_DATABASE_URL"], !text.isEmpty else {
            return .defaultSQLite
        }
        do {
            return try DatabaseLocation.parse(text)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// Opens the store and brings its schema up to date, turning failures into one clear line.
func openMigratedStore(_ location: DatabaseLocation, mediaDirectory: String? = nil, logger: Logger) async throws -> Store {
    let store: Store
    do {
        store = try await Store.open(location, logger: logger, mediaDirectory: mediaDirectory)
    } catch {
        throw CLIError(error.description)
    }
    do {
        try await store.migrate()
    } catch {
        await store.shutdown()
        throw CLIError(error.description)
    }
    return store
}

/// Runs `body` with a migrated store and always shuts the store down; errors meant for the
/// operator become one line. `announce`: the command changed what pages show, so running
/// nodes on PostgreSQL are told to resynchronise.
func withStore<T: Sendable>(_ options: StoreOptions, label: String, announce: Bool = false, _ body: (Store) async throws -> T) async throws -> T {
    let store = try await openMigratedStore(try options.location(), mediaDirectory: options.mediaFolder(), logger: makeLogger(label))
    do {
        let result = try await body(store)
        if announce { try await ClusterAnnouncement.resynchronise(store) }
        await store.shutdown()
        return result
    } catch let error as UserRepository.UserError {
        await store.shutdown()
        throw CLIError(error.description)
    } catch {
        await store.shutdown()
        throw error
    }
}

func makeLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    let level = ProcessInfo.processInfo.environment["GAZETTE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
    logger.logLevel = level ?? .info
    return logger
}

/// Seconds since `start` (at least a millisecond, so a rate never divides by zero).
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = (ContinuousClock.now - start).components
    return max(0.001, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
}
