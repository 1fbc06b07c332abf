import FluentKit
import Foundation
import GazetteCore
import SQLKit

struct AddCommentTextDigest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("comments").field("text_digest", .string).update()
        let sql = database as! any SQLDatabase
        // Plain SQL, not the live model: a column added to comments later must not break
        // fresh installs that run this before that column exists.
        for row in try await sql.select().column("id").column("text").from("comments").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let text = try row.decode(column: "text", as: String.self)
            try await sql.update("comments").set("text_digest", to: Secrets.textDigest(text)).where("id", .equal, id).run()
        }
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
