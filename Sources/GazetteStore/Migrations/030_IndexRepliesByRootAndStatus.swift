import FluentKit
import SQLKit

/// An article's replies and reply counts are found by their threads' roots and status. With
/// only `(root_id, created_at)` to go by, SQLite's planner took the status index instead and
/// read every published comment on the site for each article page (11 ms per query at 24,000
/// comments, growing with the site); with this index both queries read only the threads shown.
struct IndexRepliesByRootAndStatus: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX comments_root_status ON comments (root_id, status, depth, created_at, id)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX comments_root_status").run()
    }
}
