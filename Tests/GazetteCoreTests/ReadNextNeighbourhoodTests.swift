import Foundation
@testable import GazetteCore
import Testing

@Suite("Read next neighbourhoods")
struct ReadNextNeighbourhoodTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func story(_ headline: String, _ body: String) -> ReadNextDocument {
        ReadNextDocument(id: UUID(), headline: headline, lead: "", body: body, publishedAt: now)
    }

    /// Six football stories, six markets stories; the subject is about football but shares
    /// an unusual name with one markets story.
    func corpus() -> (subject: ReadNextDocument, football: [ReadNextDocument], markets: [ReadNextDocument]) {
        let football = [
            story("Club wins the league", "The club won the league after the striker scored in the match."),
            story("Striker scores twice", "The striker scored twice as the club won the match in the league."),
            story("Goalkeeper saves penalty", "The goalkeeper saved a penalty and the club kept a clean sheet in the league match."),
            story("Manager praises defence", "The manager praised the defence after the league match and the clean sheet."),
            story("Cup tie goes to penalties", "The cup tie went to penalties after the striker missed in the match."),
            story("Club signs young striker", "The club signed a young striker before the league match."),
        ]
        let markets = [
            story("Investor Vantorelli buys bank shares", "Vantorelli bought bank shares as markets rose and investors cheered lower rates."),
            story("Markets rise on rate hopes", "Markets rose as investors hoped the bank would cut rates and shares gained."),
            story("Bank holds rates", "The central bank held rates and markets steadied as investors sold shares."),
            story("Shares fall on inflation", "Shares fell as inflation rose and investors feared the bank would raise rates."),
            story("Bond yields climb", "Bond yields climbed as investors expected rates to stay high and markets fell."),
            story("Currency slips", "The currency slipped as markets priced lower rates and investors sold."),
        ]
        let subject = story("Vantorelli at the match", "Vantorelli watched the striker.")
        return (subject, football, markets)
    }

    @Test("a story's neighbourhood outweighs one unusual shared name")
    func agreement() {
        let (subject, football, markets) = corpus()
        var plain = ReadNextSettings()
        plain.profileWeight = 0
        var lists = ReadNextLists(settings: plain)
        lists.load([subject] + football + markets, curation: [:], now: now)
        // Text alone lets the shared name pull a markets story into the list.
        #expect(lists.list(for: subject.id).contains(markets[0].id))

        lists = ReadNextLists()
        lists.load([subject] + football + markets, curation: [:], now: now)
        let list = lists.list(for: subject.id)
        #expect(list.count == 5)
        #expect(list.allSatisfy { id in football.contains { $0.id == id } }, "\(list)")
        #expect(lists.index.hasProfile(subject.id))
    }

    @Test("best(k) picks the k highest values, ties and short lists included")
    func selection() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 5, 50, 999] {
            let values = (0..<size).map { _ in Double(Int.random(in: 0..<20, using: &generator)) }
            for k in [1, 3, 10, 100] {
                let picked = ReadNextIndex.best(k, of: values, by: { $0 }).sorted(by: >)
                #expect(picked == Array(values.sorted(by: >).prefix(k)), "size \(size) k \(k)")
            }
        }
    }

    @Test("word pairs are terms of their own, not across sentences")
    func bigrams() {
        var analyzer = TextAnalyzer()
        analyzer.bigramWeight = 0.5
        var counts: [String: Double] = [:]
        analyzer.terms("Interest rates rose. Markets fell.", into: &counts)
        #expect(counts["interest rate"] == 0.5)
        #expect(counts["rate rose"] == 0.5)
        #expect(counts["rose market"] == nil)
        #expect(counts["market fell"] == 0.5)
    }

    @Test("compacting after many removals changes no score or list")
    func compaction() {
        let topics = ["harbour ferry crossing", "orchard apple harvest", "railway signal upgrade", "museum painting exhibition", "school exam results"]
        let all = (0..<1_100).map { n in
            story("Report \(n) on the \(topics[n % 5])", "Week \(n % 13): the \(topics[n % 5]) and the \(topics[(n + 1) % 5]) drew comment number \(n).")
        }
        var index = ReadNextIndex()
        for document in all { index.upsert(document) }
        for document in all.prefix(1_000) { index.remove(document.id) }
        let survivors = all.suffix(100).map(\.id)
        for id in survivors { index.refreshProfile(id, now: now) }
        func snapshot() -> [[ReadNextIndex.Scored]] { survivors.map { index.rankedList(for: $0, now: now) } }
        let before = snapshot()
        let similarity = index.similarity(survivors[0], survivors[5])
        index.compact()
        let after = snapshot()
        // The same lists; scores equal but for the order floating-point sums were taken in.
        #expect(after.map { $0.map(\.id) } == before.map { $0.map(\.id) })
        let drift = zip(after.joined(), before.joined()).map { abs($0.score - $1.score) }.max() ?? 0
        #expect(drift < 1e-9)
        #expect(abs(index.similarity(survivors[0], survivors[5]) - similarity) < 1e-12)
        #expect(index.count == 100)
    }
}
