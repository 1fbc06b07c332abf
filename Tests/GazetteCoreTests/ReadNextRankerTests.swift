import Foundation
import GazetteCore
import Testing

@Suite("Read next ranking")
struct ReadNextRankerTests {
    let afghanistan = Rubric(id: UUID(), name: "Afghanistan", slug: "afghanistan", label: "Afghanistan")
    let ukraine = Rubric(id: UUID(), name: "Ukraine", slug: "ukraine", label: "Ukraine")
    let russia = GazetteCore.Tag(id: UUID(), name: "Russia", slug: "russia")
    let taliban = GazetteCore.Tag(id: UUID(), name: "Taliban", slug: "taliban")
    let football = GazetteCore.Tag(id: UUID(), name: "Football", slug: "football")

    func story(_ name: String, hoursAgo: Double, rubric: Rubric? = nil, tags: [GazetteCore.Tag] = []) -> StorySummary {
        StorySummary(
            id: UUID(), slug: name, headline: name, lead: name, rubric: rubric, tags: tags,
            publishedAt: Date(timeIntervalSince1970: 1_000_000 - hoursAgo * 3600)
        )
    }

    @Test("shared rubric and tags come first, then the latest")
    func ordering() {
        let article = story("article", hoursAgo: 0, rubric: afghanistan, tags: [russia, taliban])
        let sameRubricBothTags = story("a", hoursAgo: 50, rubric: afghanistan, tags: [russia, taliban])
        let twoTags = story("b", hoursAgo: 40, tags: [russia, taliban])
        let oneTagOld = story("c", hoursAgo: 30, tags: [russia])
        let oneTagNew = story("d", hoursAgo: 20, rubric: ukraine, tags: [russia])
        let unrelatedNewest = story("e", hoursAgo: 1, tags: [football])
        let unrelatedOlder = story("f", hoursAgo: 2)
        let ranked = ReadNextRanker(count: 5).rank(
            for: article,
            candidates: [unrelatedOlder, oneTagOld, unrelatedNewest, twoTags, oneTagNew, sameRubricBothTags]
        )
        #expect(ranked.map(\.slug) == ["a", "b", "d", "c", "e"])
    }

    @Test("never offers the story itself or the same story twice")
    func excludesSelf() {
        let article = story("article", hoursAgo: 0, tags: [russia])
        let other = story("other", hoursAgo: 1, tags: [russia])
        let ranked = ReadNextRanker(count: 5).rank(for: article, candidates: [article, other, other])
        #expect(ranked.map(\.slug) == ["other"])
    }

    @Test("returns at most `count` stories")
    func count() {
        let article = story("article", hoursAgo: 0)
        let many = (1...20).map { story("s\($0)", hoursAgo: Double($0)) }
        let ranked = ReadNextRanker(count: 5).rank(for: article, candidates: many)
        #expect(ranked.map(\.slug) == ["s1", "s2", "s3", "s4", "s5"])
    }
}
