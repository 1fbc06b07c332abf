import FluentKit
import SQLKit

struct CreateAuthors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("authors")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("bio", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("authors").delete()
    }
}
