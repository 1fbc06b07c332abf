import FluentKit
import Foundation
import GazetteCore

/// Newsroom people, their sessions, log-in attempts and API tokens.
public struct UserRepository: Sendable {
    let store: Store

    public static let passwordMinLength = 10
    public static let passwordMaxLength = 72  // bcrypt reads no further

    public enum UserError: Error, Equatable, CustomStringConvertible {
        case invalid(String)
        case emailTaken(String)
        case notFound(String)
        case tokenNotFound(UUID)

        public var description: String {
            switch self {
            case .invalid(let message): return message
            case .emailTaken(let email): return "a user with e-mail \(email) exists already"
            case .notFound(let email): return "no user with e-mail \(email)"
            case .tokenNotFound(let id): return "no token with id \(id.uuidString) (see gazette token list)"
            }
        }
    }

    static func normalized(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func checkPassword(_ password: String) throws(UserError) {
        if password.count < passwordMinLength { throw .invalid("the password must have at least \(passwordMinLength) characters") }
        if password.utf8.count > passwordMaxLength { throw .invalid("the password must have at most \(passwordMaxLength) bytes") }
    }

    public func count() async throws -> Int {
        try await UserRecord.query(on: store.db).count()
    }

    public func add(email: String, name: String, role: Role, password: String, bcryptCost: UInt8 = 12, now: Date = Date()) async throws -> NewsroomUser {
        let email = Self.normalized(email)
        let name = name.trimmingCharacters(in: .whitespaces)
        guard email.contains("@"), email.count <= 200, !email.contains(" ") else { throw UserError.invalid("'\(email)' is not an e-mail address") }
        guard !name.isEmpty, name.count <= StoryRules.nameMaxLength else { throw UserError.invalid("the name must have 1 to \(StoryRules.nameMaxLength) characters") }
        try Self.checkPassword(password)
        if try await UserRecord.query(on: store.db).filter(\.$email == email).count() > 0 { throw UserError.emailTaken(email) }
        let record = UserRecord()
        record.id = UUID()
        record.email = email
        record.name = name
        record.role = role.rawValue
        record.passwordHash = try await Secrets.hashPassword(password, cost: bcryptCost, on: store.passwords)
        record.createdAt = now
        try await record.create(on: store.writer)
        return try record.domain()
    }

    public func setPassword(email: String, password: String, bcryptCost: UInt8 = 12) async throws {
        try Self.checkPassword(password)
        let record = try await existing(email)
        record.passwordHash = try await Secrets.hashPassword(password, cost: bcryptCost, on: store.passwords)
        try await record.update(on: store.writer)
        // A new password ends every session of the account.
        try await SessionRecord.query(on: store.writer).filter(\.$user.$id == record.id!).delete()
    }

    public func list() async throws -> [NewsroomUser] {
        try await UserRecord.query(on: store.db).sort(\.$email).sort(\.$id).all().map { try $0.domain() }
    }

    public func user(id: UUID) async throws -> NewsroomUser? {
        try await UserRecord.find(id, on: store.db)?.domain()
    }

    // MARK: Log-in

    /// Checks e-mail and password under the lock-out rules (`LoginThrottle`: per account and
    /// client, per client, per account for unknown clients). Every attempt is recorded.
    /// Unknown e-mail, wrong password and a lock look the same to the caller, apart from the
    /// lock's wait. What was typed as an e-mail is stored and logged only when it names an
    /// account: a password pasted into the e-mail field must not land in the log.
    public func logIn(
        email: String, password: String, client: String, now: Date,
        throttle: LoginThrottle = LoginThrottle(), bcryptCost: UInt8 = 12
    ) async throws -> NewsroomUser {
        let email = Self.normalized(email)
        let record = try await UserRecord.query(on: store.db).filter(\.$email == email).first()
        let account = record == nil ? "unknown:" + String(Secrets.hash(token: email).prefix(16)) : email
        let since = now.addingTimeInterval(-(throttle.window + throttle.lockout))
        func times(_ query: QueryBuilder<LoginAttemptRecord>, after: Date) async throws -> [Date] {
            try await query.filter(\.$outcome == "failure").filter(\.$at > after).all(\.$at)
        }
        func lastSuccess(_ query: QueryBuilder<LoginAttemptRecord>) async throws -> Date {
            try await query.filter(\.$outcome == "success").sort(\.$at, .descending).first()?.at ?? .distantPast
        }
        let attempts = { LoginAttemptRecord.query(on: store.db) }
        let pairSuccess = try await lastSuccess(attempts().filter(\.$email == account).filter(\.$client == client))
        let accountSuccess = try await lastSuccess(attempts().filter(\.$email == account))
        let wait = throttle.retryAfter(
            pairFailures: try await times(attempts().filter(\.$email == account).filter(\.$client == client), after: max(pairSuccess, since)),
            clientFailures: try await times(attempts().filter(\.$client == client), after: since),
            accountFailures: try await times(attempts().filter(\.$email == account), after: max(accountSuccess, since)),
            clientIsKnown: pairSuccess > now.addingTimeInterval(-90 * 86_400), now: now
        )
        if let wait {
            try await self.record(account: account, outcome: "refused", client: client, at: now)
            throw NewsroomError.tooManyAttempts(retryAfter: wait)
        }
        let valid: Bool
        if let record, record.disabledAt == nil {
            valid = try await Secrets.verifyPassword(password, hash: record.passwordHash, on: store.passwords)
        } else {
            // Without an account, spend bcrypt's time all the same so timing does not tell who exists.
            _ = try await Secrets.hashPassword(password, cost: bcryptCost, on: store.passwords)
            valid = false
        }
        guard let record, valid else {
            try await self.record(account: account, outcome: "failure", client: client, at: now)
            throw NewsroomError.invalidCredentials
        }
        try await self.record(account: account, outcome: "success", client: client, at: now)
        return try record.domain()
    }

    /// What log-in attempts are stored under, newest first (for administration and tests).
    public func loginAttemptAccounts(limit: Int = 1_000) async throws -> [String] {
        try await LoginAttemptRecord.query(on: store.db).sort(\.$at, .descending).limit(limit).all(\.$email)
    }

    /// `account` is the e-mail of an existing account, or a hash of what was typed.
    private func record(account: String, outcome: String, client: String, at: Date) async throws {
        let attempt = LoginAttemptRecord()
        attempt.email = String(account.prefix(200))
        attempt.outcome = outcome
        attempt.client = String(client.prefix(100))
        attempt.at = at
        try await attempt.create(on: store.writer)
        store.logger.notice("log-in attempt", metadata: ["account": "\(attempt.email)", "outcome": "\(outcome)", "client": "\(attempt.client)"])
    }

    // MARK: Sessions

    public struct Session: Sendable, Equatable {
        public var user: NewsroomUser
        public var csrfToken: String
        public var expiresAt: Date
    }

    /// Starts a session; returns the cookie's token (only its hash is stored).
    public func startSession(for user: NewsroomUser, now: Date, lifetime: TimeInterval) async throws -> (token: String, session: Session) {
        let token = Secrets.token()
        let record = SessionRecord()
        record.id = UUID()
        record.tokenHash = Secrets.hash(token: token)
        record.$user.id = user.id
        record.csrfToken = Secrets.token()
        record.createdAt = now
        record.expiresAt = now.addingTimeInterval(lifetime)
        try await record.create(on: store.writer)
        return (token, Session(user: user, csrfToken: record.csrfToken, expiresAt: record.expiresAt))
    }

    /// The live session for a cookie token, or nil when unknown or expired.
    public func session(token: String, now: Date) async throws -> Session? {
        guard let record = try await SessionRecord.query(on: store.db)
            .filter(\.$tokenHash == Secrets.hash(token: token))
            .with(\.$user)
            .first(),
            record.expiresAt > now, record.user.disabledAt == nil
        else { return nil }
        return Session(user: try record.user.domain(), csrfToken: record.csrfToken, expiresAt: record.expiresAt)
    }

    public func endSession(token: String) async throws {
        try await SessionRecord.query(on: store.writer).filter(\.$tokenHash == Secrets.hash(token: token)).delete()
    }

    /// Removes expired sessions and old log-in attempts; run now and then.
    public func pruneExpired(now: Date) async throws {
        try await SessionRecord.query(on: store.writer).filter(\.$expiresAt < now).delete()
        try await LoginAttemptRecord.query(on: store.writer).filter(\.$at < now.addingTimeInterval(-30 * 86_400)).delete()
    }

    // MARK: API tokens

    public struct APIToken: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var role: Role
        public var createdAt: Date
        /// The person the token belongs to, if any: disabling or removing them ends it.
        public var userEmail: String?
    }

    public func createToken(name: String, role: Role, userEmail: String? = nil, now: Date = Date()) async throws -> (secret: String, token: APIToken) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= StoryRules.nameMaxLength else { throw UserError.invalid("the token name must have 1 to \(StoryRules.nameMaxLength) characters") }
        var owner: UserRecord?
        if let userEmail {
            owner = try await existing(userEmail)
        }
        let secret = "gz_" + Secrets.token()
        // Whole seconds, so the token read back from either database equals the one returned.
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let record = APITokenRecord()
        record.id = UUID()
        record.name = name
        record.role = role.rawValue
        record.tokenHash = Secrets.hash(token: secret)
        record.createdAt = now
        record.userID = owner?.id
        try await record.create(on: store.writer)
        return (secret, APIToken(id: record.id!, name: name, role: role, createdAt: now, userEmail: owner?.email))
    }

    public func apiToken(secret: String) async throws -> APIToken? {
        guard let record = try await APITokenRecord.query(on: store.db).filter(\.$tokenHash == Secrets.hash(token: secret)).first()
        else { return nil }
        return APIToken(id: record.id!, name: record.name, role: try Role(stored: record.role), createdAt: record.createdAt, userEmail: nil)
    }

    /// Every token, oldest first (secrets are never stored, so never shown).
    public func tokens() async throws -> [APIToken] {
        let records = try await APITokenRecord.query(on: store.db).sort(\.$createdAt).sort(\.$id).all()
        let owners = try await UserRecord.query(on: store.db).filter(\.$id ~~ records.compactMap(\.userID)).all()
        let emails = Dictionary(uniqueKeysWithValues: owners.map { ($0.id!, $0.email) })
        return try records.map { record in
            APIToken(id: record.id!, name: record.name, role: try Role(stored: record.role), createdAt: record.createdAt,
                     userEmail: record.userID.flatMap { emails[$0] })
        }
    }

    /// Revokes a token by its id; it stops working at once.
    public func revokeToken(id: UUID) async throws {
        guard try await APITokenRecord.find(id, on: store.writer) != nil else { throw UserError.tokenNotFound(id) }
        try await APITokenRecord.query(on: store.writer).filter(\.$id == id).delete()
    }

    // MARK: Administration of people

    private func existing(_ email: String) async throws -> UserRecord {
        guard let record = try await UserRecord.query(on: store.writer).filter(\.$email == Self.normalized(email)).first() else {
            throw UserError.notFound(email)
        }
        return record
    }

    /// Gives a person another role; it applies from their next request.
    public func setRole(email: String, role: Role) async throws {
        let record = try await existing(email)
        record.role = role.rawValue
        try await record.update(on: store.writer)
    }

    /// Disables a person: they cannot log in, and their sessions and tokens end at once.
    public func disable(email: String, now: Date = Date()) async throws {
        let record = try await existing(email)
        try await store.writer.transaction { db in
            record.disabledAt = now
            try await record.update(on: db)
            try await SessionRecord.query(on: db).filter(\.$user.$id == record.id!).delete()
            try await APITokenRecord.query(on: db).filter(\.$userID == record.id!).delete()
        }
    }

    /// Lets a disabled person log in again (sessions and tokens ended stay ended).
    public func enable(email: String) async throws {
        let record = try await existing(email)
        record.disabledAt = nil
        try await record.update(on: store.writer)
    }

    /// Removes a person with their sessions and tokens. Their stories and revisions stay,
    /// signed with the name they had.
    public func remove(email: String) async throws {
        let record = try await existing(email)
        try await store.writer.transaction { db in
            try await SessionRecord.query(on: db).filter(\.$user.$id == record.id!).delete()
            try await APITokenRecord.query(on: db).filter(\.$userID == record.id!).delete()
            try await record.delete(on: db)
        }
    }
}
