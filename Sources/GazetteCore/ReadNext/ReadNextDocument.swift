import Foundation

/// A story as the Read next index sees it.
public struct ReadNextDocument: Sendable, Equatable {
    public var id: UUID
    public var headline: String
    public var lead: String
    public var body: String
    public var rubricID: UUID?
    public var tagIDs: [UUID]
    public var publishedAt: Date?

    public init(id: UUID, headline: String, lead: String, body: String, rubricID: UUID? = nil, tagIDs: [UUID] = [], publishedAt: Date?) {
        self.id = id
        self.headline = headline
        self.lead = lead
        self.body = body
        self.rubricID = rubricID
        self.tagIDs = tagIDs
        self.publishedAt = publishedAt
    }
}
