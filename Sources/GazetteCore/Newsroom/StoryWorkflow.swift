import Foundation

extension StoryStatus {
    public var label: String {
        switch self {
        case .draft: return "draft"
        case .inReview: return "in review"
        case .scheduled: return "scheduled"
        case .published: return "published"
        case .unpublished: return "unpublished"
        }
    }
}

/// The workflow `draft → in review → scheduled → published → unpublished` and who may move
/// a story along it.
public enum StoryWorkflow {
    public static func allowedTargets(from status: StoryStatus, role: Role) -> [StoryStatus] {
        switch role {
        case .moderator: return []
        case .author:
            return status == .draft ? [.inReview] : []
        case .admin, .editor:
            switch status {
            case .draft: return [.inReview, .scheduled, .published]
            case .inReview: return [.draft, .scheduled, .published]
            case .scheduled: return [.draft, .published]
            case .published: return [.unpublished]
            case .unpublished: return [.draft, .published]
            }
        }
    }

    public static func check(from: StoryStatus, to: StoryStatus, role: Role) throws(NewsroomError) {
        guard allowedTargets(from: from, role: role).contains(to) else {
            if !role.editsAll && [.scheduled, .published, .unpublished].contains(to) {
                throw .forbidden("make a story \(to.label); an editor does that")
            }
            throw .notAllowedTransition(from: from, to: to)
        }
    }

}
