import Foundation

/// Something a person or token does in the newsroom.
public enum NewsroomAction: Sendable, Equatable {
    /// Start a new story.
    case write
    /// Open a story in the editor, see its revisions, read it through the Admin API.
    case read
    /// Render a story's text as the page would show it.
    case preview
    /// Change a story's text or restore one of its revisions.
    case edit
    /// Hold the editor's soft lock (everyone who may edit) …
    case lock
    /// … or take it from someone else (editors).
    case takeOver
    /// Move a story along the workflow (to a status `StoryWorkflow` allows from its own).
    case move(to: StoryStatus)
    /// Pin or exclude Read next stories.
    case curate
    /// Create rubrics, tags and author profiles (also by naming new ones in a story).
    case createTaxonomy
}

/// What a decision needs to know about a story.
public struct StoryAccessFacts: Sendable, Equatable {
    public var status: StoryStatus
    public var createdBy: UUID?

    public init(status: StoryStatus, createdBy: UUID?) {
        self.status = status
        self.createdBy = createdBy
    }
}

/// Who may do what to which story: the one place the newsroom's rules are decided, for the
/// newsroom pages, the Admin API and the store alike. Editors and admins may do everything;
/// authors work on their own stories only (and edit them while draft or in review);
/// moderators have no stories.
public enum NewsroomPolicy {
    public static func may(_ action: NewsroomAction, on story: StoryAccessFacts? = nil, by actor: NewsroomActor) -> Bool {
        let role = actor.role
        let owns = story.map { actor.userID != nil && $0.createdBy == actor.userID } ?? false
        switch action {
        case .write:
            return role.writesStories
        case .read, .preview:
            guard role.writesStories else { return false }
            return role.editsAll || story == nil || owns
        case .edit, .lock:
            guard let story else { return role.writesStories }
            return actor.mayEdit(status: story.status, createdBy: story.createdBy)
        case .takeOver, .curate, .createTaxonomy:
            return role.editsAll
        case .move:
            // Whether the move itself is allowed from the story's status is the workflow's
            // rule (`StoryWorkflow.check`), a conflict rather than a permission.
            guard story != nil, role.writesStories else { return false }
            return role.editsAll || owns
        }
    }

    /// The workflow moves the actor may make on the story now: the buttons the editor shows.
    public static func moves(on story: StoryAccessFacts, by actor: NewsroomActor) -> [StoryStatus] {
        StoryWorkflow.allowedTargets(from: story.status, role: actor.role).filter { may(.move(to: $0), on: story, by: actor) }
    }

    /// Whose stories the actor's lists and dashboard show.
    public enum ListScope: Sendable, Equatable {
        case everyone
        case createdBy(UUID)
        case nobody
    }

    public static func listScope(for actor: NewsroomActor) -> ListScope {
        guard actor.role.writesStories else { return .nobody }
        if actor.role.editsAll { return .everyone }
        return actor.userID.map(ListScope.createdBy) ?? .nobody
    }

    /// Throws `forbidden` naming the action when it is not allowed.
    public static func check(_ action: NewsroomAction, on story: StoryAccessFacts? = nil, by actor: NewsroomActor) throws(NewsroomError) {
        guard may(action, on: story, by: actor) else { throw NewsroomError.forbidden(describe(action, on: story, by: actor)) }
    }

    static func describe(_ action: NewsroomAction, on story: StoryAccessFacts?, by actor: NewsroomActor) -> String {
        let someoneElses = story.map { !(actor.userID != nil && $0.createdBy == actor.userID) } ?? false
        switch action {
        case .write: return "write stories"
        case .read: return someoneElses ? "open someone else's story" : "open this story"
        case .preview: return someoneElses ? "preview someone else's story" : "preview this story"
        case .edit: return "edit this story"
        case .lock: return "edit this story"
        case .takeOver: return "take over stories"
        case .move(let target): return someoneElses ? "move someone else's story" : "move this story to \(target.label)"
        case .curate: return "choose Read next stories"
        case .createTaxonomy: return "create rubrics, tags or author profiles"
        }
    }
}

extension Story {
    /// The facts `NewsroomPolicy` decides on.
    public var accessFacts: StoryAccessFacts { StoryAccessFacts(status: status, createdBy: createdBy) }
}
