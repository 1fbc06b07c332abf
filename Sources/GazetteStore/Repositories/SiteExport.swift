import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// The whole site as one JSON document — stories, revisions, rubrics, tags, authors, comments
/// with threads, votes, reports and moderation state, bans, redirects, Read next choices,
/// people, photos with their originals — and back. Password hashes, API tokens and the site's secrets travel only with
/// `credentials`; sessions, locks and log-in attempts never. Importing a file into a fresh site
/// gives back the same site: export → import → export is identical apart from `exportedAt`.
/// Rows already there (same id) are left alone, so an import stopped half-way can run again.
public struct SiteExport: Sendable {
    let store: Store

    /// A column and how its values travel: as JSON strings, numbers, booleans or null.
    enum Kind: Sendable {
        case uuid, text, int, bool, date, double
    }

    struct Column: Sendable {
        var name: String
        var kind: Kind
        var optional = false
    }

    struct Table: Sendable {
        var name: String
        var key: String
        var columns: [Column]
        /// Only with `credentials`.
        var credential = false
    }

    static func c(_ name: String, _ kind: Kind, optional: Bool = false) -> Column { Column(name: name, kind: kind, optional: optional) }

    /// In an order that satisfies every foreign key.
    static let tables: [Table] = [
        Table(name: "rubrics", key: "id", columns: [c("id", .uuid), c("name", .text), c("slug", .text), c("label", .text)]),
        Table(name: "tags", key: "id", columns: [c("id", .uuid), c("name", .text), c("slug", .text)]),
        Table(name: "authors", key: "id", columns: [c("id", .uuid), c("name", .text), c("slug", .text), c("bio", .text)]),
        Table(name: "users", key: "id", columns: [
            c("id", .uuid), c("email", .text), c("name", .text), c("role", .text), c("password_hash", .text),
            c("created_at", .date), c("disabled_at", .date, optional: true),
        ]),
        Table(name: "photos", key: "id", columns: [
            c("id", .uuid), c("sha256", .text), c("variant_key", .text), c("file_name", .text), c("format", .text), c("byte_size", .int),
            c("width", .int), c("height", .int), c("caption", .text), c("credit", .text), c("copyright", .text), c("alt_text", .text),
            c("focus_x", .double), c("focus_y", .double), c("placeholder", .text), c("search_text", .text),
            c("uploaded_by", .uuid, optional: true), c("created_at", .date), c("updated_at", .date),
        ]),
        Table(name: "stories", key: "id", columns: [
            c("id", .uuid), c("slug", .text), c("headline", .text), c("lead", .text), c("body", .text), c("body_html", .text),
            c("body_text", .text), c("rubric_id", .uuid, optional: true), c("status", .text), c("published_at", .date, optional: true),
            c("scheduled_at", .date, optional: true), c("created_at", .date), c("updated_at", .date), c("pinned", .bool),
            c("breaking", .bool), c("import_key", .text, optional: true), c("version", .int), c("seo_title", .text),
            c("seo_description", .text), c("comment_policy", .text), c("created_by", .uuid, optional: true), c("comment_count", .int),
            c("lead_photo_id", .uuid, optional: true),
        ]),
        Table(name: "story_photos", key: "id", columns: [c("id", .uuid), c("story_id", .uuid), c("photo_id", .uuid), c("role", .text)]),
        Table(name: "story_tags", key: "id", columns: [c("id", .uuid), c("story_id", .uuid), c("tag_id", .uuid), c("position", .int)]),
        Table(name: "story_authors", key: "id", columns: [c("id", .uuid), c("story_id", .uuid), c("author_id", .uuid), c("position", .int)]),
        Table(name: "story_revisions", key: "id", columns: [
            c("id", .uuid), c("story_id", .uuid), c("version", .int), c("user_id", .uuid, optional: true), c("user_name", .text),
            c("action", .text), c("status", .text), c("content", .text), c("created_at", .date),
        ]),
        Table(name: "slug_redirects", key: "id", columns: [c("id", .uuid), c("old_slug", .text), c("story_id", .uuid)]),
        Table(name: "old_paths", key: "path", columns: [c("path", .text), c("story_id", .uuid)]),
        Table(name: "read_next_choices", key: "id", columns: [
            c("id", .uuid), c("story_id", .uuid), c("target_id", .uuid), c("kind", .text), c("position", .int),
        ]),
        Table(name: "comments", key: "id", columns: [
            c("id", .uuid), c("story_id", .uuid), c("parent_id", .uuid, optional: true), c("root_id", .uuid), c("depth", .int),
            c("reply_to_name", .text, optional: true), c("name", .text), c("email", .text, optional: true), c("text", .text),
            c("text_digest", .text, optional: true), c("html", .text), c("status", .text), c("reason", .text), c("client_hash", .text),
            c("edit_token_hash", .text), c("score", .int), c("reports", .int), c("created_at", .date), c("edited_at", .date, optional: true),
            c("import_key", .text, optional: true),
        ]),
        Table(name: "comment_votes", key: "id", columns: [c("id", .uuid), c("comment_id", .uuid), c("voter", .text), c("value", .int)]),
        Table(name: "comment_reports", key: "id", columns: [c("id", .uuid), c("comment_id", .uuid), c("reporter", .text), c("created_at", .date)]),
        Table(name: "bans", key: "id", columns: [
            c("id", .uuid), c("kind", .text), c("value", .text), c("reason", .text), c("created_by", .text), c("created_at", .date),
        ]),
        Table(name: "moderation_actions", key: "id", columns: [
            c("id", .uuid), c("comment_id", .uuid, optional: true), c("action", .text), c("user_name", .text), c("detail", .text), c("created_at", .date),
        ]),
        Table(name: "api_tokens", key: "id", columns: [
            c("id", .uuid), c("name", .text), c("role", .text), c("token_hash", .text), c("created_at", .date), c("user_id", .uuid, optional: true),
        ], credential: true),
        Table(name: "site_secrets", key: "id", columns: [c("id", .uuid), c("name", .text), c("value", .text)], credential: true),
    ]

    static let format = "gazette-export"
    static let version = 1
    /// What a person's password hash is without credentials: no bcrypt hash ever matches it.
    static let noPassword = "!"

    public struct Summary: Sendable, Equatable {
        /// Rows by table.
        public var rows: [String: Int] = [:]
        /// Rows an import left alone because a row with the same key was there.
        public var alreadyThere: [String: Int] = [:]
    }

    // MARK: Export

    public func export(credentials: Bool, now: Date = Date(), progress: (String, Int) -> Void = { _, _ in }) async throws -> (json: Data, summary: Summary) {
        let sql = store.db as! any SQLDatabase
        var tables: [String: Any] = [:]
        var summary = Summary()
        for table in Self.tables where credentials || !table.credential {
            var rows: [[String: Any]] = []
            for row in try await sql.select().columns(table.columns.map(\.name)).from(table.name).orderBy(table.key).all() {
                var object: [String: Any] = [:]
                for column in table.columns {
                    var value = try Self.read(row, column)
                    if table.name == "users", column.name == "password_hash", !credentials { value = Self.noPassword }
                    object[column.name] = value
                }
                rows.append(object)
            }
            tables[table.name] = rows
            summary.rows[table.name] = rows.count
            progress(table.name, rows.count)
        }
        // The photos' original files, by their SHA-256: variants are made again from them.
        var originals: [[String: Any]] = []
        for sha in try await sql.select().column("sha256").from("photos").orderBy("sha256").all(decodingColumn: "sha256", as: String.self) {
            guard let bytes = try await store.media.original(sha: sha) else { continue }
            originals.append(["sha256": sha, "base64": Data(bytes).base64EncodedString()])
        }
        summary.rows["photo originals"] = originals.count
        progress("photo originals", originals.count)
        let document: [String: Any] = [
            "format": Self.format, "version": Self.version, "credentials": credentials,
            "exportedAt": now.formatted(.iso8601), "tables": tables, "photoOriginals": originals,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return (data, summary)
    }

    static func read(_ row: any SQLRow, _ column: Column) throws -> Any {
        func value<T: Decodable>(_ type: T.Type) throws -> T? {
            column.optional ? try row.decode(column: column.name, as: T?.self) : try row.decode(column: column.name, as: T.self)
        }
        switch column.kind {
        case .uuid: return try value(UUID.self)?.uuidString ?? NSNull()
        case .text: return try value(String.self) ?? NSNull()
        case .int: return try value(Int.self) ?? NSNull()
        case .bool: return try value(Bool.self) ?? NSNull()
        case .double: return try value(Double.self) ?? NSNull()
        // Seconds since 1970 to the microsecond, the precision both stores keep.
        case .date: return try value(Date.self).map { ($0.timeIntervalSince1970 * 1e6).rounded() / 1e6 } ?? NSNull()
        }
    }

    // MARK: Import

    public struct ImportError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public func importSite(_ data: Data, progress: (String, Int) -> Void = { _, _ in }) async throws -> Summary {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              document["format"] as? String == Self.format else {
            throw ImportError(description: "not a Gazette export (no \"format\": \"\(Self.format)\")")
        }
        guard let version = document["version"] as? Int, version <= Self.version else {
            throw ImportError(description: "made by a newer Gazette (export version \(document["version"] ?? "?")); update this one first")
        }
        guard let tables = document["tables"] as? [String: Any] else { throw ImportError(description: "the export has no tables") }
        var summary = Summary()
        // Originals first, each checked against its hash: a photo row never lacks its file.
        var restored = 0
        for (index, entry) in ((document["photoOriginals"] as? [[String: Any]]) ?? []).enumerated() {
            guard let sha = entry["sha256"] as? String, let text = entry["base64"] as? String, let data = Data(base64Encoded: text) else {
                throw ImportError(description: "photoOriginals[\(index)] is not a hash and its base64 bytes")
            }
            if try await store.media.restoreOriginal([UInt8](data), sha: sha) { restored += 1 } else {
                summary.alreadyThere["photo originals", default: 0] += 1
            }
        }
        summary.rows["photo originals"] = restored
        for table in Self.tables {
            guard let rows = tables[table.name] as? [[String: Any]] else { continue }
            var inserted = 0
            for start in stride(from: 0, to: rows.count, by: 200) {
                let chunk = rows[start..<min(start + 200, rows.count)]
                var values: [[any Encodable & Sendable]] = []
                for (offset, row) in chunk.enumerated() {
                    values.append(try table.columns.map { column in
                        try Self.bind(row[column.name], column, at: "\(table.name)[\(start + offset)]", truncatesMicroseconds: store.isPostgres)
                    })
                }
                let before = try await count(table.name)
                let batch = values
                try await store.writer.transaction { db in
                    let statement = (db as! any SQLDatabase).insert(into: table.name).columns(table.columns.map(\.name)).ignoringConflicts(with: [table.key])
                    for row in batch { statement.values(row) }
                    try await statement.run()
                }
                inserted += try await count(table.name) - before
            }
            summary.rows[table.name] = inserted
            summary.alreadyThere[table.name] = rows.count - inserted
            progress(table.name, inserted)
        }
        // Inserting published comments counted them once more; the story's count is the truth.
        try await (store.writer as! any SQLDatabase).raw("""
            UPDATE stories SET comment_count = (SELECT COUNT(*) FROM comments WHERE comments.story_id = stories.id AND comments.status = 'published')
            """).run()
        return summary
    }

    private func count(_ table: String) async throws -> Int {
        try await (store.writer as! any SQLDatabase).select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from(table).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func bind(_ value: Any?, _ column: Column, at place: String, truncatesMicroseconds: Bool) throws -> any Encodable & Sendable {
        if value == nil || value is NSNull {
            guard column.optional else { throw ImportError(description: "\(place).\(column.name) is missing") }
            switch column.kind {
            case .uuid: return UUID?.none
            case .text: return String?.none
            case .int: return Int?.none
            case .bool: return Bool?.none
            case .date: return Date?.none
            case .double: return Double?.none
            }
        }
        func bad() -> ImportError { ImportError(description: "\(place).\(column.name) is not a valid \(column.kind)") }
        switch column.kind {
        case .uuid:
            guard let text = value as? String, let id = UUID(uuidString: text) else { throw bad() }
            return id
        case .text:
            guard let text = value as? String else { throw bad() }
            return text
        case .int:
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else { throw bad() }
            return number.intValue
        case .bool:
            guard let flag = value as? Bool else { throw bad() }
            return flag
        case .double:
            guard let number = value as? NSNumber, !(value is Bool), number.doubleValue.isFinite else { throw bad() }
            return number.doubleValue
        case .date:
            guard let number = value as? NSNumber else { throw bad() }
            // PostgreSQL's driver truncates to whole microseconds: a fraction of one above the
            // exact value keeps floating-point error from losing one (SQLite keeps the double).
            return Date(timeIntervalSince1970: (number.doubleValue * 1e6).rounded() / 1e6 + (truncatesMicroseconds ? 0.4e-6 : 0))
        }
    }
}

extension Store {
    public var siteExport: SiteExport { SiteExport(store: self) }
}
