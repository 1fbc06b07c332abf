import FluentKit
import Foundation
import GazetteCore

final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "disabled_at") var disabledAt: Date?

    init() {}

    func domain() throws -> NewsroomUser {
        NewsroomUser(id: id!, email: email, name: name, role: try Role(stored: role), createdAt: createdAt, disabledAt: disabledAt)
    }
}

/// A log-in session. Only a hash of the cookie's token is stored, so a leaked database does
/// not hand out sessions.
final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserRecord
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

final class LoginAttemptRecord: Model, @unchecked Sendable {
    static let schema = "login_attempts"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    /// `success`, `failure` or `refused` (while locked out; does not extend the lock).
    @Field(key: "outcome") var outcome: String
    @Field(key: "client") var client: String
    @Field(key: "at") var at: Date

    init() {}
}

final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "user_id") var userID: UUID?

    init() {}
}
