import FluentKit
import SQLKit

struct CreateRubrics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rubrics")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("label", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rubrics").delete()
    }
}
