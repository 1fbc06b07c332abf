import Foundation
import GazetteCore
import Testing

@Suite("Paging parameters")
struct PagingTests {
    @Test("absent values take the defaults")
    func defaults() throws {
        let query = try PageQuery.parse(page: nil, limit: nil, defaultLimit: 20)
        #expect(query == PageQuery(page: 1, limit: 20))
        #expect(try PageQuery.parse(page: "3", limit: "7", defaultLimit: 20).offset == 14)
    }

    @Test("malformed values are refused with the field named", arguments: [
        ("0", nil), ("-1", nil), ("x", nil), ("1.5", nil), ("", nil), ("99999999999999999999", nil),
        ("1", "0"), ("1", "101"), ("1", "ten"),
    ] as [(String, String?)])
    func malformed(page: String, limit: String?) {
        #expect(throws: ContentError.self) {
            try PageQuery.parse(page: page, limit: limit, defaultLimit: 20)
        }
    }

    @Test("page counts")
    func counts() {
        let page = PagedList(items: [1, 2], request: PageQuery(page: 2, limit: 2), total: 5)
        #expect(page.pageCount == 3)
        #expect(page.hasNext)
        #expect(page.hasPrevious)
        #expect(PagedList<Int>(items: [], request: PageQuery(), total: 0).pageCount == 1)
    }
}

@Suite("JSON Lines import lines")
struct StoryImportLineTests {
    @Test("a corpus line becomes a published story with its rubric and date")
    func good() throws {
        let line = #"{"id": "bbc-tech-001", "title": "Chips get faster", "body": "First paragraph here.\n\nSecond *one*.", "label": "tech", "published_at": "2017-02-07"}"#
        let parsed = try StoryImportLine.parse(line)
        let story = parsed.newStory(importedAt: Date(timeIntervalSince1970: 0))
        #expect(story.headline == "Chips get faster")
        #expect(story.lead == "First paragraph here.")
        #expect(story.rubric == RubricName("Tech"))
        #expect(story.importKey == "jsonl:bbc-tech-001")
        #expect(story.status == .published)
        let expected = ISO8601DateFormatter().date(from: "2017-02-07T12:00:00Z")
        #expect(story.publishedAt == expected)
        #expect(story.body.contains("\\*one\\*"))
    }

    @Test("null label and date are allowed; the import time is used")
    func nulls() throws {
        let parsed = try StoryImportLine.parse(#"{"id": 7, "title": "T", "body": "B", "label": null, "published_at": null}"#)
        let now = Date(timeIntervalSince1970: 42)
        let story = parsed.newStory(importedAt: now)
        #expect(parsed.id == "7")
        #expect(story.rubric == nil)
        #expect(story.publishedAt == now)
    }

    @Test("malformed lines are described", arguments: [
        ("not json", "not a JSON object"),
        (#"{"id": "1", "body": "b"}"#, "missing field \"title\""),
        (#"{"id": "1", "title": 5, "body": "b"}"#, "wrong type for \"title\""),
        (#"{"id": "1", "title": "t", "body": "b", "published_at": "yesterday"}"#, "not a date"),
        (#"{"id": "", "title": "t", "body": "b"}"#, "empty \"id\""),
        ("[1, 2]", "not a JSON object"),
    ])
    func malformed(line: String, message: String) {
        do {
            _ = try StoryImportLine.parse(line)
            Issue.record("\(line) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("long first paragraphs are cut at a sentence end for the lead")
    func lead() throws {
        let sentence = "This sentence is exactly long enough to matter for the lead. "
        let body = String(repeating: sentence, count: 10)
        let story = try StoryImportLine.parse(#"{"id": "x", "title": "t", "body": "\#(body)"}"#).newStory(importedAt: Date())
        #expect(story.lead.count <= 300)
        #expect(story.lead.hasSuffix("."))
    }
}

@Suite("Demo content")
struct DemoContentTests {
    @Test("the seed page's Read next stories keep their clock times and labels, all within the last 24 hours")
    func readNext() {
        let zone = TimeZone(identifier: "Europe/Berlin")!
        let now = Date(timeIntervalSince1970: 1_780_176_600)
        let stories = DemoContent.stories(now: now, timeZone: zone)
        let format = StoryTimeFormat(timeZone: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let seed = Array(stories[1...5])
        let clock = seed.map { story -> String in
            let parts = calendar.dateComponents([.hour, .minute], from: story.publishedAt!)
            return String(format: "%02d:%02d", parts.hour!, parts.minute!)
        }
        #expect(clock == ["00:55", "13:40", "13:35", "22:04", "14:20"])
        #expect(seed.map { $0.rubric?.label } == [nil, "Ukraine", nil, "UKRAINE-RUSSIA", nil])
        #expect(seed.allSatisfy { now.timeIntervalSince($0.publishedAt!) > 0 && now.timeIntervalSince($0.publishedAt!) < 86_400 })
        #expect(seed.map { format.listTime($0.publishedAt!, now: now) } == clock)
        #expect(stories[0].body.components(separatedBy: "\n\n").count == 9)
        #expect(stories[0].publishedAt! < now)
        #expect(format.listTime(stories[0].publishedAt!, now: now).count == 5)
        #expect(stories.count >= 12)
        #expect(Set(stories.compactMap(\.importKey)).count == stories.count)
    }
}

@Suite("Newsroom rules")
struct NewsroomRulesTests {
    @Test("who may move a story where")
    func workflow() {
        #expect(StoryWorkflow.allowedTargets(from: .draft, role: .author) == [.inReview])
        #expect(StoryWorkflow.allowedTargets(from: .inReview, role: .author).isEmpty)
        #expect(StoryWorkflow.allowedTargets(from: .draft, role: .moderator).isEmpty)
        #expect(StoryWorkflow.allowedTargets(from: .published, role: .editor) == [.unpublished])
        #expect(throws: NewsroomError.forbidden("make a story published; an editor does that")) {
            try StoryWorkflow.check(from: .draft, to: .published, role: .author)
        }
        #expect(throws: NewsroomError.notAllowedTransition(from: .published, to: .scheduled)) {
            try StoryWorkflow.check(from: .published, to: .scheduled, role: .admin)
        }
    }

    @Test("lock-out: five failures within 15 minutes lock for 15 minutes")
    func throttle() {
        let throttle = LoginThrottle()
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let four = (0..<4).map { t0.addingTimeInterval(Double($0) * 60) }
        #expect(throttle.retryAfter(failures: four, now: t0.addingTimeInterval(300)) == nil)
        let five = four + [t0.addingTimeInterval(600)]
        #expect(throttle.retryAfter(failures: five, now: t0.addingTimeInterval(660)) == 840)
        #expect(throttle.retryAfter(failures: five, now: t0.addingTimeInterval(600 + 901)) == nil)
        // Five failures spread over more than 15 minutes do not lock.
        let spread = (0..<5).map { t0.addingTimeInterval(Double($0) * 300) }
        #expect(throttle.retryAfter(failures: spread, now: t0.addingTimeInterval(1300)) == nil)
    }

    @Test("line diff")
    func diff() {
        let lines = LineDiff.diff("a\nb\nc", "a\nc\nd")
        #expect(lines.map(\.kind) == [.same, .removed, .same, .added])
        #expect(lines.map(\.text) == ["a", "b", "c", "d"])
    }

    @Test("draft problems name each field")
    func problems() {
        var draft = StoryDraft(headline: "", slug: "Bad Slug")
        draft.lead = String(repeating: "x", count: 1001)
        #expect(Set(draft.problems().keys) == ["headline", "slug", "lead"])
        #expect(StoryDraft(headline: "Fine").problems().isEmpty)
    }

    @Test("full times with an offset or fractional seconds are read too")
    func fullTimes() throws {
        let offset = try StoryImportLine.parse(#"{"id": "a", "title": "t", "body": "b", "published_at": "2017-02-07T10:30:00+02:00"}"#)
        #expect(offset.newStory(importedAt: Date()).publishedAt == Date(timeIntervalSince1970: 1_486_456_200))
        let fraction = try StoryImportLine.parse(#"{"id": "b", "title": "t", "body": "b", "published_at": "2017-02-07T08:30:00.250Z"}"#)
        #expect(fraction.newStory(importedAt: Date()).publishedAt == Date(timeIntervalSince1970: 1_486_456_200.25))
    }
}
