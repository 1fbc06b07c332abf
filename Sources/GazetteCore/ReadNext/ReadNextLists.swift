import Foundation

/// Every story's Read next list, kept up to date as stories come, change and go: a change
/// recomputes the lists it can enter or leave, not all of them, and serving a list is a lookup.
public struct ReadNextLists: Sendable {
    public private(set) var index: ReadNextIndex
    public private(set) var lists: [UUID: [ReadNextIndex.Scored]] = [:]
    /// The newsroom's choices per story.
    private var curation: [UUID: ReadNextCuration] = [:]
    /// Which lists each story appears in.
    private var appearsIn: [UUID: Set<UUID>] = [:]
    /// How many of a changed story's best candidates are checked for a place in their lists.
    public var neighboursChecked = 50
    /// How many of them get their neighbourhood profile recomputed (the nearest change most).
    public var profilesRefreshed = 10

    public init(settings: ReadNextSettings = ReadNextSettings()) {
        index = ReadNextIndex(settings: settings)
    }

    public func list(for id: UUID) -> [UUID] { lists[id]?.map(\.id) ?? [] }

    /// Loads many stories at once, then computes every list: for start-up and rebuilds.
    public mutating func load(_ documents: [ReadNextDocument], curation: [UUID: ReadNextCuration], now: Date) {
        for document in documents { index.upsert(document) }
        index.rebuildNorms()
        for document in documents { index.refreshProfile(document.id, now: now) }
        self.curation = curation
        lists = [:]
        appearsIn = [:]
        for document in documents { recompute(document.id, now: now) }
    }

    /// A story was published or changed. Returns the stories whose lists changed.
    @discardableResult
    public mutating func upsert(_ document: ReadNextDocument, curation storyCuration: ReadNextCuration = ReadNextCuration(), now: Date) -> Set<UUID> {
        curation[document.id] = storyCuration.isEmpty ? nil : storyCuration
        index.upsert(document)
        let candidates = index.refreshProfile(document.id, now: now)
        var affected: Set<UUID> = appearsIn[document.id] ?? []
        affected.insert(document.id)
        affected.formUnion(pinnedBy(document.id))
        // A neighbour's list takes the story when it scores above that list's last entry.
        // Neighbourhoods drift a little with each story; the nearest are brought up to date.
        for (rank, neighbour) in candidates.prefix(neighboursChecked).enumerated() {
            if rank < profilesRefreshed { index.refreshProfile(neighbour.id, now: now) }
            guard let list = lists[neighbour.id] else { continue }
            let scoreThere = index.score(of: document.id, inListOf: neighbour.id, relatedness: neighbour.relatedness, now: now)
            if list.count < index.settings.count || scoreThere > (list.last?.score ?? 0) { affected.insert(neighbour.id) }
        }
        return recompute(affected, now: now)
    }

    /// A story was unpublished or deleted. Returns the stories whose lists changed.
    @discardableResult
    public mutating func remove(_ id: UUID, now: Date) -> Set<UUID> {
        guard index.contains(id) else { return [] }
        index.remove(id)
        curation[id] = nil
        for listed in lists.removeValue(forKey: id) ?? [] { appearsIn[listed.id]?.remove(id) }
        let affected = appearsIn.removeValue(forKey: id) ?? []
        return recompute(affected, now: now)
    }

    private func pinnedBy(_ id: UUID) -> Set<UUID> {
        Set(curation.filter { $0.value.pinned.contains(id) }.keys)
    }

    private mutating func recompute(_ ids: Set<UUID>, now: Date) -> Set<UUID> {
        var changed: Set<UUID> = []
        for id in ids where recompute(id, now: now) { changed.insert(id) }
        return changed
    }

    @discardableResult
    private mutating func recompute(_ id: UUID, now: Date) -> Bool {
        let old = lists[id] ?? []
        guard index.contains(id) else { return false }
        let choice = curation[id] ?? ReadNextCuration()
        let new = index.rankedList(for: id, now: now, pinned: choice.pinned, excluded: choice.excluded)
        for entry in old { appearsIn[entry.id]?.remove(id) }
        for entry in new { appearsIn[entry.id, default: []].insert(id) }
        lists[id] = new
        return old.map(\.id) != new.map(\.id)
    }
}
