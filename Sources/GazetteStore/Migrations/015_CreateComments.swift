import FluentKit
import SQLKit

struct CreateComments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("parent_id", .uuid)
            .field("root_id", .uuid, .required)
            .field("depth", .int, .required)
            .field("reply_to_name", .string)
            .field("name", .string, .required)
            .field("email", .string)
            .field("text", .string, .required)
            .field("html", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("client_hash", .string, .required)
            .field("edit_token_hash", .string, .required)
            .field("score", .int, .required)
            .field("reports", .int, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // Top-level threads of a story in order; the replies of a page of threads; the queue.
        try await sql.raw("CREATE INDEX comments_story_threads ON comments (story_id, depth, status, created_at)").run()
        try await sql.raw("CREATE INDEX comments_root ON comments (root_id, created_at)").run()
        try await sql.raw("CREATE INDEX comments_status_created ON comments (status, created_at)").run()
        try await sql.raw("CREATE INDEX comments_client_created ON comments (client_hash, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comments").delete()
    }
}
