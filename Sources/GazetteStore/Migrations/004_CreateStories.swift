import FluentKit
import SQLKit

struct CreateStories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories")
            .id()
            .field("slug", .string, .required)
            .field("headline", .string, .required)
            .field("lead", .string, .required)
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("rubric_id", .uuid, .references("rubrics", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("pinned", .bool, .required)
            .field("breaking", .bool, .required)
            .field("import_key", .string)
            .unique(on: "slug")
            .unique(on: "import_key")
            .create()
        let sql = database as! any SQLDatabase
        // Lists read published stories newest first, overall and per rubric.
        try await sql.raw("CREATE INDEX stories_status_published ON stories (status, published_at)").run()
        try await sql.raw("CREATE INDEX stories_rubric_published ON stories (rubric_id, published_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stories").delete()
    }
}
