import FluentKit
import SQLKit

/// Imports: a comment remembers where it came from (so a second import creates nothing), and
/// the addresses imported stories had before answer with a redirect.
struct AddImportKeysAndOldPaths: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments").field("import_key", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX comments_import_key ON comments (import_key)").run()
        try await database.schema("old_paths")
            .field("path", .string, .identifier(auto: false))
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .create()
        try await sql.raw("CREATE INDEX old_paths_story ON old_paths (story_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("old_paths").delete()
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX comments_import_key").run()
        try await database.schema("comments").deleteField("import_key").update()
    }
}
