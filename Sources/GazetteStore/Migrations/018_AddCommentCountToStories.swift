import FluentKit
import SQLKit

struct AddCommentCountToStories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Kept up to date with every change of a comment's status, so lists never count.
        try await database.schema("stories")
            .field(.definition(name: .key("comment_count"), dataType: .int, constraints: [.required, .sql(.default(0))]))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stories").deleteField("comment_count").update()
    }
}
