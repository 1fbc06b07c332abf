import FluentKit
import SQLKit

struct CreateStoryAuthors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_authors")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("authors", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "story_id", "author_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_authors_author ON story_authors (author_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_authors").delete()
    }
}
