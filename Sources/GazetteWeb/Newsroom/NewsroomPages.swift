import Foundation
import GazetteCore
import GazetteStore

// View models of the newsroom pages.

struct NewsroomLayout {
    var siteName: String
    var title: String
    var stylesheet: String
    var script: String
    var isLoggedIn: Bool
    var userName: String
    var role: String
    var csrf: String
    var managesTaxonomy: Bool
    var moderates: Bool
    var hasNotice: Bool
    var notice: String
}

struct LoginPage {
    var nr: NewsroomLayout
    var csrf: String
    var email: String
    var next: String
    var hasError: Bool
    var error: String
    var noUsers: Bool
}

struct StoryRowModel {
    var url: String
    var headline: String
    var status: String
    var statusClass: String
    var rubric: String
    var updated: String
    var when: String
    var version: Int
}

/// A table of stories; a struct so that a section renders the table once, not per row.
struct StoryTable {
    var rows: [StoryRowModel]
}

struct DashboardPage {
    var nr: NewsroomLayout
    var inReview: StoryTable
    var scheduled: StoryTable
    var publishedToday: StoryTable
    var hasInReview: Bool
    var hasScheduled: Bool
    var hasPublishedToday: Bool
    var writes: Bool
    var moderates: Bool
    var waitingComments: Int
}

struct OptionModel {
    var value: String
    var label: String
    var selected: Bool
}

struct StoriesPage {
    var nr: NewsroomLayout
    var table: StoryTable
    var isEmpty: Bool
    var statuses: [OptionModel]
    var rubrics: [OptionModel]
    var authors: [OptionModel]
    var query: String
    var pagination: PaginationModel?
    var total: Int
}

struct FieldErrors {
    var headline: String?
    var lead: String?
    var body: String?
    var slug: String?
    var rubric: String?
    var tags: String?
    var authors: String?
    var seoTitle: String?
    var seoDescription: String?
    var at: String?

    init(_ problems: [String: String]) {
        headline = problems["headline"]
        lead = problems["lead"]
        body = problems["body"]
        slug = problems["slug"]
        rubric = problems["rubric"]
        tags = problems["tags"]
        authors = problems["authors"]
        seoTitle = problems["seoTitle"]
        seoDescription = problems["seoDescription"]
        at = problems["at"]
    }
}

struct TransitionModel {
    var target: String
    var label: String
    var needsTime: Bool
}

struct EditorPage {
    var nr: NewsroomLayout
    var isNew: Bool
    var action: String
    var storyURL: String
    var revisionsURL: String
    var statusURL: String
    var lockURL: String
    var publicURL: String
    var isPublished: Bool
    var status: String
    var version: Int
    var headline: String
    var lead: String
    var body: String
    var slug: String
    var rubric: String
    var tags: String
    var authors: String
    var seoTitle: String
    var seoDescription: String
    var pinned: Bool
    var breaking: Bool
    var policies: [OptionModel]
    var rubricNames: [String]
    var errors: FieldErrors
    var hasErrors: Bool
    var hasConflict: Bool
    var conflict: String
    var hasPreview: Bool
    /// Rendered by the server's Markdown renderer, which escapes raw HTML.
    var previewHTML: String
    var lockedBy: String
    var isLockedByOther: Bool
    var transitions: [TransitionModel]
    var hasTransitions: Bool
    var mayEdit: Bool
    var scheduledFor: String
    var defaultScheduleTime: String
    /// Editors choose stories for the Read next list (slugs, one per line).
    var mayCurate: Bool
    var readNextURL: String
    var readNextPinned: String
    var readNextExcluded: String
    var readNextError: String
}

struct RevisionRowModel {
    var id: String
    var version: Int
    var userName: String
    var when: String
    var action: String
    var status: String
    var restoreURL: String
    var isCurrent: Bool
    var fromChecked: Bool
    var toChecked: Bool
}

struct DiffLineModel {
    var kind: String
    var sign: String
    var text: String
}

struct DiffFieldModel {
    var label: String
    var lines: [DiffLineModel]
}

struct RevisionsPage {
    var nr: NewsroomLayout
    var headline: String
    var editorURL: String
    var currentVersion: Int
    var rows: [RevisionRowModel]
    var hasDiff: Bool
    var diffTitle: String
    var diff: [DiffFieldModel]
    var mayRestore: Bool
}

struct TaxonomyRowModel {
    var id: String
    var name: String
    var slug: String
    var label: String
    var bio: String
    var publicURL: String
}

struct TaxonomyPage {
    var nr: NewsroomLayout
    var kind: String
    var title: String
    var action: String
    var hasLabel: Bool
    var hasBio: Bool
    var rows: [TaxonomyRowModel]
    var hasError: Bool
    var error: String
}
