import FluentKit
import SQLKit

/// Full-text search over headline, lead and body. The database keeps the index itself —
/// SQLite by triggers on `stories`, PostgreSQL by a generated column — so every insert,
/// edit and delete is in the index in the same transaction, whichever code path made it.
/// All stories are indexed; searches filter on `status`, so publishing and unpublishing
/// need no index change.
struct AddStorySearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories")
            .field(.definition(name: .key("body_text"), dataType: .string, constraints: [.required, .sql(.default(""))]))
            .update()
        // Plain SQL, not the live model: a column added to the model later must not break
        // fresh installs that run this migration before that column exists. The plain text
        // itself is written by `RenderBodiesWithCmark`, which runs later on every database.
        let sql = database as! any SQLDatabase
        try await sql.raw("UPDATE stories SET body_text = body_html").run()
        try await SearchIndexSchema.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await SearchIndexSchema.drop(on: database as! any SQLDatabase)
        try await database.schema("stories").deleteField("body_text").update()
    }
}
