import FluentKit
import SQLKit

/// People can be disabled (their sessions and tokens end), and a token may belong to a person,
/// so disabling or removing them ends it too. Plain columns: nothing is backfilled.
struct AddUserDisabledAndTokenOwner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("disabled_at", .datetime).update()
        try await database.schema("api_tokens").field("user_id", .uuid).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX api_tokens_user ON api_tokens (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX api_tokens_user").run()
        try await database.schema("api_tokens").deleteField("user_id").update()
        try await database.schema("users").deleteField("disabled_at").update()
    }
}
