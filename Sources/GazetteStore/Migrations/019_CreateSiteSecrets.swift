import FluentKit
import GazetteCore
import SQLKit

struct CreateSiteSecrets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("site_secrets")
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_secrets").delete()
    }
}
