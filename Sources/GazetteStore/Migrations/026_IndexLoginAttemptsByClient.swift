import FluentKit
import SQLKit

/// Log-in throttles count failures per client (across accounts) and per account and client,
/// so attempts are found by client too.
struct IndexLoginAttemptsByClient: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX login_attempts_client_at ON login_attempts (client, at)").run()
        try await sql.raw("CREATE INDEX login_attempts_email_client_at ON login_attempts (email, client, at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX login_attempts_email_client_at").run()
        try await sql.raw("DROP INDEX login_attempts_client_at").run()
    }
}
