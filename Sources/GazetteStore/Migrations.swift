import FluentKit
import SQLKit

/// Every schema change, in order. Each runs on SQLite and PostgreSQL; never edit a released
/// one, add a new one.
enum GazetteMigrations {
    static let all: [any AsyncMigration] = [
        CreateRubrics(),
        CreateTags(),
        CreateAuthors(),
        CreateStories(),
        CreateStoryTags(),
        CreateStoryAuthors(),
    ]
}

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

struct CreateTags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tags")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tags").delete()
    }
}

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

struct CreateStories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories")
            .id()
            .field("slug", .string, .required)
            .field("headline", .string, .required)
            .field("lead", .string, .required)
            .field("body", .string, .required)
            .field("body_html", .string, .required)
            .field("rubric_id", .uuid, .references("rubrics", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("pinned", .bool, .required)
            .field("breaking", .bool, .required)
            .field("import_key", .string)
            .unique(on: "slug")
            .unique(on: "import_key")
            .create()
        let sql = database as! any SQLDatabase
        // Lists read published stories newest first, overall and per rubric.
        try await sql.raw("CREATE INDEX stories_status_published ON stories (status, published_at)").run()
        try await sql.raw("CREATE INDEX stories_rubric_published ON stories (rubric_id, published_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stories").delete()
    }
}

struct CreateStoryTags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_tags")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("tag_id", .uuid, .required, .references("tags", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "story_id", "tag_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_tags_tag ON story_tags (tag_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_tags").delete()
    }
}

struct CreateStoryAuthors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_authors")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("authors", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .unique(on: "story_id", "author_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_authors_author ON story_authors (author_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_authors").delete()
    }
}
