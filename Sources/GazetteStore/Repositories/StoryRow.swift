import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// A story's own columns with its rubric, read as a plain row: the article page and its Read
/// next read stories this way, because decoding FluentKit models by reflection (`Mirror`,
/// type lookups by name) and eager-loading the rubric in a second query were about a fifth of
/// an article miss (by `perf`). Fluent reads elsewhere become rows through the same fields.
struct StoryRow: Sendable {
    var id: UUID
    var slug: String
    var headline: String
    var lead: String
    var rubric: Rubric?
    var publishedAt: Date?
    var pinned: Bool
    var breaking: Bool
    var commentCount: Int
    var leadPhotoID: UUID?
    // The rest is read for a whole story only (empty or zero in a summary's row).
    var body = ""
    var bodyHTML = ""
    var status = ""
    var updatedAt = Date(timeIntervalSince1970: 0)
    var seoTitle = ""
    var seoDescription = ""
    var commentPolicy = ""
    var version = 0
    var scheduledAt: Date?
    var createdBy: UUID?

    private static let summaryColumns = """
        s.id, s.slug, s.headline, s.lead, s.published_at, s.pinned, s.breaking, s.comment_count, s.lead_photo_id, \
        r.id AS rubric_id, r.name AS rubric_name, r.slug AS rubric_slug, r.label AS rubric_label
        """
    private static let wholeColumns = summaryColumns + """
        , s.body, s.body_html, s.status, s.updated_at, s.seo_title, s.seo_description, s.comment_policy, \
        s.version, s.scheduled_at, s.created_by
        """

    /// The rows `condition` picks (on the columns of `s`, the stories table), with their
    /// rubrics (`r`); `whole` reads the body and the newsroom's columns too.
    static func select(whole: Bool, on db: any Database, where condition: SQLQueryString) async throws -> [StoryRow] {
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: whole ? wholeColumns : summaryColumns)
            FROM stories s LEFT JOIN rubrics r ON r.id = s.rubric_id
            WHERE \(condition)
            """
        return try await (db as! any SQLDatabase).raw(query).all().map { try StoryRow(row: $0, whole: whole) }
    }

    init(row: any SQLRow, whole: Bool) throws {
        id = try row.decode(column: "id", as: UUID.self)
        slug = try row.decode(column: "slug", as: String.self)
        headline = try row.decode(column: "headline", as: String.self)
        lead = try row.decode(column: "lead", as: String.self)
        if let rubricID = try row.decode(column: "rubric_id", as: UUID?.self) {
            rubric = Rubric(
                id: rubricID, name: try row.decode(column: "rubric_name", as: String.self),
                slug: try row.decode(column: "rubric_slug", as: String.self), label: try row.decode(column: "rubric_label", as: String.self)
            )
        }
        publishedAt = try row.decode(column: "published_at", as: Date?.self)
        pinned = try row.decode(column: "pinned", as: Bool.self)
        breaking = try row.decode(column: "breaking", as: Bool.self)
        commentCount = try row.decode(column: "comment_count", as: Int.self)
        leadPhotoID = try row.decode(column: "lead_photo_id", as: UUID?.self)
        guard whole else { return }
        body = try row.decode(column: "body", as: String.self)
        bodyHTML = try row.decode(column: "body_html", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        updatedAt = try row.decode(column: "updated_at", as: Date.self)
        seoTitle = try row.decode(column: "seo_title", as: String.self)
        seoDescription = try row.decode(column: "seo_description", as: String.self)
        commentPolicy = try row.decode(column: "comment_policy", as: String.self)
        version = try row.decode(column: "version", as: Int.self)
        scheduledAt = try row.decode(column: "scheduled_at", as: Date?.self)
        createdBy = try row.decode(column: "created_by", as: UUID?.self)
    }

    /// A record read with `StoryRepository.summaryFields` and its rubric.
    init(summaryOf record: StoryRecord) {
        id = record.id!
        slug = record.slug
        headline = record.headline
        lead = record.lead
        rubric = record.rubric?.domain
        publishedAt = record.publishedAt
        pinned = record.pinned
        breaking = record.breaking
        commentCount = record.commentCount
        leadPhotoID = record.leadPhotoID
    }

    /// A whole record with its rubric.
    init(wholeOf record: StoryRecord) {
        self.init(summaryOf: record)
        body = record.body
        bodyHTML = record.bodyHTML
        status = record.status
        updatedAt = record.updatedAt
        seoTitle = record.seoTitle
        seoDescription = record.seoDescription
        commentPolicy = record.commentPolicy
        version = record.version
        scheduledAt = record.scheduledAt
        createdBy = record.createdBy
    }
}
