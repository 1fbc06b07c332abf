import FluentKit
import SQLKit

struct CreateReadNextChoices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("read_next_choices")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("target_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("position", .int, .required)
            .unique(on: "story_id", "target_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("read_next_choices").delete()
    }
}
