import Foundation
import GazetteCore

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
    var leadPhoto: String?

    init(_ problems: [String: String]) {
        leadPhoto = problems["leadPhoto"]
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

    static func label(_ target: StoryStatus) -> String {
        switch target {
        case .draft: return "Return to draft"
        case .inReview: return "Submit for review"
        case .scheduled: return "Schedule"
        case .published: return "Publish now"
        case .unpublished: return "Unpublish"
        }
    }
}

struct EditorPage {
    var nr: NewsroomLayout
    var isNew: Bool
    var action: String
    var takeOverURL: String
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
    /// The lead photo: chosen from the library's newest photos (and the current one).
    var photoOptions: [OptionModel]
    var hasLeadPhoto: Bool
    var leadPhotoPreview: String
    var leadPhotoAlt: String
    var mediaURL: String
    var rubricNames: [String]
    var errors: FieldErrors
    var hasErrors: Bool
    var hasConflict: Bool
    var conflict: String
    var hasPreview: Bool
    /// Rendered by the server's Markdown renderer and sanitiser, the one trusted-HTML path.
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

/// What the editor's form sends.
struct StoryForm: CSRFProtectedForm {
    var _csrf: String?
    var intent: String?
    var version: String?
    var headline: String?
    var lead: String?
    var body: String?
    var slug: String?
    var rubric: String?
    var tags: String?
    var authors: String?
    var seoTitle: String?
    var seoDescription: String?
    /// Checkboxes are sent only when ticked.
    var pinned: String?
    var breaking: String?
    var commentPolicy: String?
    var leadPhoto: String?

    var isPreview: Bool { intent == "preview" }

    /// The draft it describes; an unknown comment policy is refused, not read as `open`.
    func draft() throws -> StoryDraft {
        let policy: CommentPolicy
        if let text = commentPolicy, !text.isEmpty {
            guard let known = CommentPolicy(rawValue: text) else {
                throw ContentError.invalid(field: "commentPolicy", reason: "must be open, premoderated or closed")
            }
            policy = known
        } else {
            policy = .open
        }
        var photo: UUID?
        if let text = leadPhoto?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let id = UUID(uuidString: text) else { throw ContentError.invalid(field: "leadPhoto", reason: "must name a photo of the library") }
            photo = id
        }
        return StoryDraft(
            headline: headline ?? "", lead: lead ?? "", body: body ?? "",
            slug: (slug ?? "").trimmingCharacters(in: .whitespaces), rubric: rubric ?? "",
            tags: StoryDraft.names(tags ?? ""), authors: StoryDraft.names(authors ?? ""),
            seoTitle: seoTitle ?? "", seoDescription: seoDescription ?? "",
            pinned: pinned != nil, breaking: breaking != nil, commentPolicy: policy, leadPhoto: photo
        )
    }
}

struct StatusForm: CSRFProtectedForm {
    var _csrf: String?
    var target: String?
    var at: String?
    var version: String?
}

struct ReadNextForm: CSRFProtectedForm {
    var _csrf: String?
    var pinned: String?
    var excluded: String?

    /// Slugs one per line (or separated by commas).
    static func slugs(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0.isNewline || $0 == "," }).map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
