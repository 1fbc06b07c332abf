import Foundation
import GazetteCore
import GazetteStore

/// Log-in, sessions and API tokens of the newsroom's people, for the newsroom pages and the
/// Admin API. The throttles (`LoginThrottle`) and bcrypt's own thread live in the store.
struct AccountService: Sendable {
    let store: Store
    let bcryptCost: UInt8
    let sessionLifetime: TimeInterval
    let now: @Sendable () -> Date

    /// Checks the password and starts a session; returns its cookie token.
    func logIn(email: String, password: String, client: String) async throws -> String {
        let user = try await store.users.logIn(email: email, password: password, client: client, now: now(), bcryptCost: bcryptCost)
        return try await store.users.startSession(for: user, now: now(), lifetime: sessionLifetime).token
    }

    func logOut(token: String) async throws {
        try await store.users.endSession(token: token)
    }

    func session(token: String) async throws -> UserRepository.Session? {
        try await store.users.session(token: token, now: now())
    }

    /// Whether anyone can log in yet (the log-in page says how to create the first admin).
    func hasUsers() async throws -> Bool {
        try await store.users.count() > 0
    }

    /// The actor behind an Admin API token, or nil when the token is not valid.
    func apiActor(secret: String) async throws -> NewsroomActor? {
        guard let token = try await store.users.apiToken(secret: secret) else { return nil }
        return NewsroomActor(userID: nil, name: "API: \(token.name)", role: token.role)
    }
}
