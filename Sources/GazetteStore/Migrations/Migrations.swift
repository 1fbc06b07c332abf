import FluentKit
import GazetteCore
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
        AddNewsroomFieldsToStories(),
        CreateUsers(),
        CreateSessions(),
        CreateLoginAttempts(),
        CreateRevisions(),
        CreateSlugRedirects(),
        CreateStoryLocks(),
        CreateAPITokens(),
        CreateComments(),
        CreateCommentVotesAndReports(),
        CreateBansAndModerationLog(),
        AddCommentCountToStories(),
        CreateSiteSecrets(),
        AddCommentTextDigest(),
        AddStorySearch(),
        CreateReadNextChoices(),
        CountCommentsOnInsert(),
        AddCommentPageIndexes(),
        RenderBodiesWithCmark(),
        IndexLoginAttemptsByClient(),
        AddUserDisabledAndTokenOwner(),
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

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}

struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("email", .string, .required)
            .field("outcome", .string, .required)
            .field("client", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX login_attempts_email_at ON login_attempts (email, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}

struct CreateRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_revisions")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("user_id", .uuid)
            .field("user_name", .string, .required)
            .field("action", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX story_revisions_story ON story_revisions (story_id, version)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_revisions").delete()
    }
}

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

struct CreateStoryLocks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("story_locks")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("user_name", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "story_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("story_locks").delete()
    }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}

struct CreateComments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("parent_id", .uuid)
            .field("root_id", .uuid, .required)
            .field("depth", .int, .required)
            .field("reply_to_name", .string)
            .field("name", .string, .required)
            .field("email", .string)
            .field("text", .string, .required)
            .field("html", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("client_hash", .string, .required)
            .field("edit_token_hash", .string, .required)
            .field("score", .int, .required)
            .field("reports", .int, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        // Top-level threads of a story in order; the replies of a page of threads; the queue.
        try await sql.raw("CREATE INDEX comments_story_threads ON comments (story_id, depth, status, created_at)").run()
        try await sql.raw("CREATE INDEX comments_root ON comments (root_id, created_at)").run()
        try await sql.raw("CREATE INDEX comments_status_created ON comments (status, created_at)").run()
        try await sql.raw("CREATE INDEX comments_client_created ON comments (client_hash, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comments").delete()
    }
}

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

struct CreateBansAndModerationLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("bans")
            .id()
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "value")
            .create()
        try await database.schema("moderation_actions")
            .id()
            .field("comment_id", .uuid)
            .field("action", .string, .required)
            .field("user_name", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("moderation_actions").delete()
        try await database.schema("bans").delete()
    }
}

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

struct AddCommentTextDigest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments").field("text_digest", .string).update()
        for comment in try await CommentRecord.query(on: database).all() {
            comment.textDigest = Secrets.textDigest(comment.text)
            try await comment.save(on: database)
        }
        let sql = database as! any SQLDatabase
        // The duplicate rule and the first-comment rule look up by these. The old index by
        // client and time made the planner walk all of a client's recent comments.
        try await sql.raw("DROP INDEX comments_client_created").run()
        try await sql.raw("CREATE INDEX comments_client_digest ON comments (client_hash, text_digest, created_at)").run()
        try await sql.raw("CREATE INDEX comments_client_status ON comments (client_hash, status)").run()
        try await sql.raw("CREATE INDEX comments_email_status ON comments (email, status)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX comments_email_status").run()
        try await sql.raw("DROP INDEX comments_client_status").run()
        try await sql.raw("DROP INDEX comments_client_digest").run()
        try await sql.raw("CREATE INDEX comments_client_created ON comments (client_hash, created_at)").run()
        try await database.schema("comments").deleteField("text_digest").update()
    }
}

/// Full-text search over headline, lead and body. The database keeps the index itself —
/// SQLite by triggers on `stories`, PostgreSQL by a generated column — so every insert,
/// edit and delete is in the index in the same transaction, whichever code path made it.
/// All stories are indexed; searches filter on `status`, so publishing and unpublishing
/// need no index change.
struct AddStorySearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories")
            .field(.definition(name: .key("body_text"), dataType: .string, constraints: [.required, .sql(.default(""))]))
            .update()
        // Plain SQL, not the live model: a column added to the model later must not break
        // fresh installs that run this migration before that column exists. The plain text
        // itself is written by `RenderBodiesWithCmark`, which runs later on every database.
        let sql = database as! any SQLDatabase
        try await sql.raw("UPDATE stories SET body_text = body_html").run()
        try await SearchIndexSchema.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await SearchIndexSchema.drop(on: database as! any SQLDatabase)
        try await database.schema("stories").deleteField("body_text").update()
    }
}

struct CreateReadNextChoices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("read_next_choices")
            .id()
            .field("story_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("target_id", .uuid, .required, .references("stories", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("position", .int, .required)
            .unique(on: "story_id", "target_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("read_next_choices").delete()
    }
}

/// New published comments add to their story's `comment_count` inside the statement that
/// inserts them, so a batch of new comments is one statement and one commit (the group
/// writer's hot path). Moderation changes still recount explicitly.
struct CountCommentsOnInsert: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TRIGGER comments_count_insert AFTER INSERT ON comments WHEN new.status = 'published' BEGIN
                  UPDATE stories SET comment_count = comment_count + 1 WHERE id = new.story_id;
                END
                """).run()
        } else {
            // Once per statement, from the inserted rows: a batch of 100 comments on one story
            // updates its row once, not 100 times.
            try await sql.raw("""
                CREATE FUNCTION comments_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE stories SET comment_count = stories.comment_count + added.n
                  FROM (SELECT story_id, count(*) AS n FROM inserted WHERE status = 'published' GROUP BY story_id) AS added
                  WHERE stories.id = added.story_id;
                  RETURN NULL;
                END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER comments_count_insert AFTER INSERT ON comments
                REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION comments_count_insert()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TRIGGER comments_count_insert\(unsafeRaw: sql.dialect.name == "sqlite" ? "" : " ON comments")").run()
        if sql.dialect.name != "sqlite" { try await sql.raw("DROP FUNCTION comments_count_insert()").run() }
    }
}

/// A page of a story's threads in each order straight from an index: the old index put
/// `status` before `created_at`, so every page view sorted all of the story's threads (a
/// page took 53 ms with 19,000 comments). `status` comes last, so the filter needs no
/// table lookups while the index is walked.
struct AddCommentPageIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX comments_story_time ON comments (story_id, depth, created_at, id, status)").run()
        try await sql.raw("CREATE INDEX comments_story_score ON comments (story_id, depth, score DESC, created_at, id, status)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX comments_story_score").run()
        try await sql.raw("DROP INDEX comments_story_time").run()
    }
}
