import Foundation

/// The newsroom's hand on one story's Read next: stories pinned in order, stories kept out.
public struct ReadNextCuration: Sendable, Equatable {
    public var pinned: [UUID]
    public var excluded: Set<UUID>

    public init(pinned: [UUID] = [], excluded: Set<UUID> = []) {
        self.pinned = pinned
        self.excluded = excluded
    }

    public var isEmpty: Bool { pinned.isEmpty && excluded.isEmpty }
}

/// One story's curation by slug, as the newsroom reads and edits it.
public struct ReadNextCurationSlugs: Sendable, Equatable, Codable {
    public var pinned: [String]
    public var excluded: [String]

    public init(pinned: [String] = [], excluded: [String] = []) {
        self.pinned = pinned
        self.excluded = excluded
    }
}
