import FluentKit
import SQLKit

struct CreateCommentVotesAndReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comment_votes")
            .id()
            .field("comment_id", .uuid, .required, .references("comments", "id", onDelete: .cascade))
            .field("voter", .string, .required)
            .field("value", .int, .required)
            .unique(on: "comment_id", "voter")
            .create()
        try await database.schema("comment_reports")
            .id()
            .field("comment_id", .uuid, .required, .references("comments", "id", onDelete: .cascade))
            .field("reporter", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "comment_id", "reporter")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comment_reports").delete()
        try await database.schema("comment_votes").delete()
    }
}
