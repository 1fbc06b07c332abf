import FluentKit
import SQLKit

struct CreateBansAndModerationLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bans")
            .id()
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "value")
            .create()
        try await database.schema("moderation_actions")
            .id()
            .field("comment_id", .uuid)
            .field("action", .string, .required)
            .field("user_name", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("moderation_actions").delete()
        try await database.schema("bans").delete()
    }
}
