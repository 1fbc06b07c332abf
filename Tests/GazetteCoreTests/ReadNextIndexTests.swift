import Foundation
import GazetteCore
import Testing

@Suite("Read next index")
struct ReadNextIndexTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func story(_ headline: String, _ body: String, daysAgo: Double = 0, rubric: UUID? = nil) -> ReadNextDocument {
        ReadNextDocument(id: UUID(), headline: headline, lead: "", body: body, rubricID: rubric, publishedAt: now.addingTimeInterval(-daysAgo * 86_400))
    }

    var stories: [ReadNextDocument] {
        [
            story("Russia holds talks with Taliban in Kabul", "Moscow's envoy met Taliban leaders in Kabul to discuss trade and security in Afghanistan."),
            story("Pakistan envoy visits Afghanistan", "Pakistan's ambassador to Afghanistan met Taliban officials in Kabul about border security."),
            story("Ukraine and Russia resume talks", "Negotiators from Ukraine and Russia met in Istanbul for a new round of talks."),
            story("Football cup final tonight", "The club plays the cup final tonight in the national stadium before a full crowd."),
            story("Stadium sold out for the final", "Fans bought every ticket for the cup final at the stadium."),
            story("Bakery wins bread prize", "A small bakery won the national prize for its sourdough bread."),
        ]
    }

    @Test("related stories come first: shared names and words, not the latest")
    func relatedness() {
        var lists = ReadNextLists()
        let all = stories
        lists.load(all, curation: [:], now: now)
        let kabul = lists.list(for: all[0].id)
        #expect(kabul.first == all[1].id)
        #expect(!kabul.contains(all[0].id))
        #expect(lists.list(for: all[3].id).first == all[4].id)
    }

    @Test("freshness: of two equally related stories the newer wins; weight 0 ignores age")
    func freshness() {
        let old = story("Taliban talks in Kabul", "Taliban leaders met envoys in Kabul.", daysAgo: 365)
        let new = story("Taliban talks in Kabul", "Taliban leaders met envoys in Kabul.", daysAgo: 0)
        let subject = story("Envoy meets Taliban in Kabul", "An envoy met Taliban leaders in Kabul.")
        var settings = ReadNextSettings()
        settings.nearDuplicateSimilarity = 2  // the two are identical on purpose
        var index = ReadNextIndex(settings: settings)
        for document in [old, subject, new] { index.upsert(document) }
        #expect(index.readNext(for: subject.id, now: now).first == new.id)
        #expect(index.freshness(now, now: now) > index.freshness(now.addingTimeInterval(-365 * 86_400), now: now))
        settings.freshnessWeight = 0
        index.settings = settings
        #expect(index.freshness(now.addingTimeInterval(-365 * 86_400), now: now) == 1)
    }

    @Test("two tellings of one event: only one is listed")
    func diversity() {
        let subject = story("Envoy meets Taliban in Kabul", "An envoy met Taliban leaders in Kabul about trade.")
        let first = story("Pakistan envoy in Kabul", "Pakistan's envoy met Taliban officials in Kabul about the border.")
        let copy = story("Pakistan envoy in Kabul", "Pakistan's envoy met Taliban officials in Kabul about the border.", daysAgo: 0.1)
        let other = story("Taliban trade plans", "Taliban officials announced trade plans with Russia.")
        var index = ReadNextIndex()
        for document in [subject, first, copy, other] { index.upsert(document) }
        let list = index.readNext(for: subject.id, now: now)
        #expect(list.contains(first.id) != list.contains(copy.id))
        #expect(list.contains(other.id))
    }

    @Test("pins come first in order, exclusions never appear")
    func curation() {
        var lists = ReadNextLists()
        let all = stories
        lists.load(all, curation: [all[0].id: ReadNextCuration(pinned: [all[5].id], excluded: [all[1].id])], now: now)
        let list = lists.list(for: all[0].id)
        #expect(list.first == all[5].id)
        #expect(!list.contains(all[1].id))
    }

    @Test("updates: a new related story enters lists, a removed one leaves them")
    func updates() {
        var lists = ReadNextLists()
        let all = stories
        lists.load(all, curation: [:], now: now)
        let fresh = story("Cup final ends in penalties", "The cup final at the stadium ended in penalties after a goalless night.")
        let changed = lists.upsert(fresh, now: now)
        #expect(changed.contains(fresh.id))
        #expect(lists.list(for: all[3].id).contains(fresh.id))
        let removed = lists.remove(fresh.id, now: now)
        #expect(removed.contains(all[3].id))
        #expect(!lists.list(for: all[3].id).contains(fresh.id))
        #expect(lists.list(for: fresh.id).isEmpty)
    }
}
