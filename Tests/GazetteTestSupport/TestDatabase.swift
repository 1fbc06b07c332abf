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
            let name = "gazette_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await Self.admin(base) { try await $0.executeAdministrative("CREATE DATABASE \(name)") }
            guard var components = URLComponents(string: base) else { throw TestSetupError("bad GAZETTE_TEST_POSTGRES_URL") }
            components.path = "/" + name
            let result: Result<T, any Error>
            do {
                result = .success(try await body(.postgres(url: components.string!)))
            } catch {
                result = .failure(error)
            }
            try await Self.admin(base) { try await $0.executeAdministrative("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            return try result.get()
        }
    }

    /// Opens a migrated store in a fresh location for the duration of `body`.
    public func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        try await withFreshLocation { location in
            let store = try await Store.open(location, logger: Self.logger)
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

    /// Appends the store's name to `GAZETTE_TEST_STORE_LOG`, so CI can show how many tests
    /// really ran against each store.
    private static func recordUse(_ database: TestDatabase) {
        guard let path = ProcessInfo.processInfo.environment["GAZETTE_TEST_STORE_LOG"], let file = fopen(path, "a") else { return }
        fputs(database.rawValue + "\n", file)  // one short append: atomic with O_APPEND
        fclose(file)
    }

    private static func admin(_ url: String, _ work: (Store) async throws -> Void) async throws {
        let store = try await Store.open(.postgres(url: url), logger: logger)
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
