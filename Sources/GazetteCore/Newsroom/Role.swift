import Foundation

/// What a person may do in the newsroom. Checked on the server for every route.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case editor
    case author
    case moderator

    /// Writes and edits stories (own ones for authors).
    public var writesStories: Bool { self != .moderator }
    /// Publishes, schedules and unpublishes any story; edits anyone's story.
    public var editsAll: Bool { self == .admin || self == .editor }
    /// Manages rubrics, tags and author profiles.
    public var managesTaxonomy: Bool { editsAll }
    /// Works the comment queue.
    public var moderates: Bool { self != .author }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
