import Foundation

/// Who may comment under a story.
public enum CommentPolicy: String, Sendable, Codable, CaseIterable {
    case open
    case premoderated
    case closed
}
