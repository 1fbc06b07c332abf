import Foundation

/// Who does something in the newsroom: a logged-in person or an Admin API token.
public struct NewsroomActor: Sendable, Equatable {
    public var userID: UUID?
    public var name: String
    public var role: Role

    public init(userID: UUID?, name: String, role: Role) {
        self.userID = userID
        self.name = name
        self.role = role
    }

    public init(_ user: NewsroomUser) {
        self.init(userID: user.id, name: user.name, role: user.role)
    }

    /// Whether this actor may change the text of a story.
    public func mayEdit(status: StoryStatus, createdBy: UUID?) -> Bool {
        if role.editsAll { return true }
        guard role == .author, let userID, createdBy == userID else { return false }
        return status == .draft || status == .inReview
    }
}
