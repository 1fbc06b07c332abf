import FluentKit
import SQLKit

struct CreateStoryLocks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_locks")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("user_name", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "story_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_locks").delete()
    }
}
