import Foundation
import GazetteStore
import Logging

/// The stores every store and HTTP test runs against: SQLite always, PostgreSQL when
/// `GAZETTE_TEST_POSTGRES_URL` names a server where the user may create databases.
public enum TestDatabase: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["GAZETTE_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// CI sets `GAZETTE_TEST_REQUIRE_POSTGRES=1` so that a missing server fails the run
    /// instead of quietly testing SQLite alone.
    public static var all: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var description: String { rawValue }

    /// The tests' PostgreSQL pool: few connections and a patient timeout. Hundreds of tests
    /// run at once on two cores, each opening its own stores, so a connection can take seconds
    /// to open there; failing fast when the database is down is tested by the fault scripts
    /// against the release binary with the real defaults.
    public static let pool = StorePool(connectionsPerLoop: 2, timeout: 30)

    /// Opens the store at `location` with the tests' pool.
    public static func open(_ location: DatabaseLocation, logger: Logger = TestDatabase.logger) async throws -> Store {
        try await Store.open(location, logger: logger, pool: pool)
    }

    public static let logger: Logger = {
        var logger = Logger(label: "gazette.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a location nobody else uses — a new SQLite file or a new PostgreSQL
    /// database — and removes it afterwards.
    public func withFreshLocation<T: Sendable>(_ body: (DatabaseLocation) async throws -> T) async throws -> T {
        Self.recordUse(self)
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body(.sqlite(path: folder.appendingPathComponent("test.sqlite").path))
        case .postgres:
            guard let base = Self.postgresURL else { throw TestSetupError("GAZETTE_TEST_POSTGRES_URL is not set") }
            // A test that already holds a place (one that needs two databases) needs no second.
            if Self.holdsPlace { return try await Self.withFreshDatabase(on: base, body) }
            await Self.places.enter()
            let result: Result<T, any Error>
            do {
                result = .success(try await Self.$holdsPlace.withValue(true) { try await Self.withFreshDatabase(on: base, body) })
            } catch {
                result = .failure(error)
            }
            await Self.places.leave()
            return try result.get()
        }
    }

    private static func withFreshDatabase<T: Sendable>(on base: String, _ body: (DatabaseLocation) async throws -> T) async throws -> T {
        let name = "gazette_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin(base) { try await $0.executeAdministrative("CREATE DATABASE \(name)") }
        guard var components = URLComponents(string: base) else { throw TestSetupError("bad GAZETTE_TEST_POSTGRES_URL") }
        components.path = "/" + name
        let result: Result<T, any Error>
        do {
            result = .success(try await body(.postgres(url: components.string!)))
        } catch {
            result = .failure(error)
        }
        try await admin(base) { try await $0.executeAdministrative("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try result.get()
    }

    /// Opens a migrated store in a fresh location for the duration of `body`.
    public func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        try await withFreshLocation { location in
            let store = try await Self.open(location)
            let result: Result<T, any Error>
            do {
                try await store.migrate()
                result = .success(try await body(store))
            } catch {
                result = .failure(error)
            }
            await store.shutdown()
            return try result.get()
        }
    }

    /// At most this many tests hold PostgreSQL databases at once. Unbounded, every test starts
    /// together and a burst of hundreds of connections opening on two cores starves them all.
    private static let places = Places(limit: 16)
    @TaskLocal private static var holdsPlace = false

    /// Appends the store's name to `GAZETTE_TEST_STORE_LOG`, so CI can show how many tests
    /// really ran against each store.
    private static func recordUse(_ database: TestDatabase) {
        guard let path = ProcessInfo.processInfo.environment["GAZETTE_TEST_STORE_LOG"], let file = fopen(path, "a") else { return }
        fputs(database.rawValue + "\n", file)  // one short append: atomic with O_APPEND
        fclose(file)
    }

    private static func admin(_ url: String, _ work: (Store) async throws -> Void) async throws {
        let store = try await Self.open(.postgres(url: url))
        do {
            try await work(store)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A counting semaphore for async code: `enter` waits for a free place, `leave` hands it on.
actor Places {
    private let limit: Int
    private var taken = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        guard taken >= limit else {
            taken += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }  // the leaving test's place is handed over
    }

    func leave() {
        if waiting.isEmpty { taken -= 1 } else { waiting.removeFirst().resume() }
    }
}
