import FluentKit
import SQLKit

struct CreateStoryTags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_tags")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("tag_id", .uuid, .required, .references("tags", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "story_id", "tag_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_tags_tag ON story_tags (tag_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_tags").delete()
    }
}
