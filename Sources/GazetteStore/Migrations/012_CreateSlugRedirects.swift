import FluentKit
import SQLKit

struct CreateSlugRedirects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("slug_redirects")
            .id()
            .field("old_slug", .string, .required)
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .unique(on: "old_slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("slug_redirects").delete()
    }
}
