import FluentKit
import SQLKit

/// The photo desk: one row per photo (its original's SHA-256 is unique, so the same file
/// uploaded twice is one photo), originals as bytes for PostgreSQL (every node serves them;
/// SQLite keeps them in a folder beside its file), a story's lead photo, and which stories
/// use which photo (lead or in the body), so a photo in use cannot be deleted.
struct CreatePhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("photos")
            .id()
            .field("sha256", .string, .required)
            .field("variant_key", .string, .required)
            .field("file_name", .string, .required)
            .field("format", .string, .required)
            .field("byte_size", .int, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("caption", .string, .required)
            .field("credit", .string, .required)
            .field("copyright", .string, .required)
            .field("alt_text", .string, .required)
            .field("focus_x", .double, .required)
            .field("focus_y", .double, .required)
            .field("placeholder", .string, .required)
            .field("search_text", .string, .required)
            .field("uploaded_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX photos_created ON photos (created_at, id)").run()
        try await database.schema("photo_originals")
            .field("sha256", .string, .identifier(auto: false))
            .field("bytes", .data, .required)
            .create()
        try await database.schema("stories").field("lead_photo_id", .uuid).update()
        try await database.schema("story_photos")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("photo_id", .uuid, .required, .references("photos", "id"))
            .field("role", .string, .required)
            .unique(on: "story_id", "photo_id", "role")
            .create()
        try await sql.raw("CREATE INDEX story_photos_photo ON story_photos (photo_id, story_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_photos").delete()
        try await database.schema("stories").deleteField("lead_photo_id").update()
        try await database.schema("photo_originals").delete()
        try await database.schema("photos").delete()
    }
}
