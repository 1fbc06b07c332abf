import FluentKit
import SQLKit

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
