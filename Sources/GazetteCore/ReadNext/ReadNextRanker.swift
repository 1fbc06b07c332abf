import Foundation

/// Chooses the stories offered under an article as "Read next".
///
/// The fallback to `ReadNextIndex`, used while a server's index is still being built and to
/// fill a list the index leaves short: stories of the same rubric and with shared tags come
/// first (a shared tag counts one point, the same rubric two), and among equals the fresher
/// story wins; the remaining places go to the latest stories.
public struct ReadNextRanker: Sendable {
    public var count: Int

    public init(count: Int = ReadNextSettings().count) {
        self.count = count
    }

    public func rank(for story: StorySummary, candidates: [StorySummary]) -> [StorySummary] {
        let tagIDs = Set(story.tags.map(\.id))
        var seen: Set<UUID> = [story.id]
        let scored = candidates.compactMap { candidate -> (StorySummary, Int)? in
            guard seen.insert(candidate.id).inserted else { return nil }
            var score = candidate.tags.filter { tagIDs.contains($0.id) }.count
            if let rubric = story.rubric, candidate.rubric?.id == rubric.id { score += 2 }
            return (candidate, score)
        }
        let ordered = scored.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            let da = a.0.publishedAt ?? .distantPast
            let db = b.0.publishedAt ?? .distantPast
            if da != db { return da > db }
            return a.0.id.uuidString < b.0.id.uuidString
        }
        return Array(ordered.prefix(count).map(\.0))
    }
}
