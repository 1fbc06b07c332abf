import FluentKit
import SQLKit

struct CreateRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_revisions")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("user_id", .uuid)
            .field("user_name", .string, .required)
            .field("action", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_revisions_story ON story_revisions (story_id, version)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_revisions").delete()
    }
}
