import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// Story bodies were rendered by Ink, which let `&<svg onload=…>;` and a code fence's info
/// string through as live markup. Every stored body is rendered again by the current renderer
/// (cmark-gfm, then the sanitiser), so databases from before are clean, not only new saves.
/// Plain SQL in pages by id: no live model, and memory stays flat on large archives.
struct RenderBodiesWithCmark: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await StoryBodies.rerender(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {}
}

enum StoryBodies {
    struct Row: Decodable {
        var id: UUID
        var body: String
    }

    /// Renders every story's Markdown again and stores its HTML and search text.
    static func rerender(on sql: any SQLDatabase, pageSize: Int = 500) async throws {
        let renderer = MarkdownRenderer()
        var after: UUID?
        while true {
            var query = sql.select().columns("id", "body").from("stories")
            if let after { query = query.where("id", .greaterThan, after) }
            let rows = try await query.orderBy("id").limit(pageSize).all(decoding: Row.self)
            guard let last = rows.last else { return }
            for row in rows {
                let html = renderer.html(from: row.body)
                try await sql.update("stories")
                    .set("body_html", to: html)
                    .set("body_text", to: SearchSnippet.plainText(fromHTML: html))
                    .where("id", .equal, row.id)
                    .run()
            }
            after = last.id
        }
    }
}
