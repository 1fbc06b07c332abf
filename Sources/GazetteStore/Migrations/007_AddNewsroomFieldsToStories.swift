import FluentKit
import SQLKit

struct AddNewsroomFieldsToStories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column per statement.
        let fields: [(FieldKey, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
            ("version", .int, [.required, .sql(.default(1))]),
            ("seo_title", .string, [.required, .sql(.default(""))]),
            ("seo_description", .string, [.required, .sql(.default(""))]),
            ("comment_policy", .string, [.required, .sql(.default("open"))]),
            ("scheduled_at", .datetime, []),
            ("created_by", .uuid, []),
        ]
        for (key, type, constraints) in fields {
            try await database.schema("stories").field(.definition(name: .key(key), dataType: type, constraints: constraints)).update()
        }
        let sql = database as! any SQLDatabase
        // The scheduler looks for due stories by status and time.
        try await sql.raw("CREATE INDEX stories_status_scheduled ON stories (status, scheduled_at)").run()
    }

    func revert(on database: any Database) async throws {
        for key in ["version", "seo_title", "seo_description", "comment_policy", "scheduled_at", "created_by"] {
            try await database.schema("stories").deleteField(.string(key)).update()
        }
    }
}
