import Foundation
import GazetteCore
import Testing

@Suite("Story times")
struct StoryTimeFormatTests {
    // 2026-05-30 21:30 UTC = 2026-05-31 00:30 in Moscow (UTC+3).
    let now = Date(timeIntervalSince1970: 1_780_176_600)
    let moscow = StoryTimeFormat(timeZone: TimeZone(identifier: "Europe/Moscow")!)
    let utc = StoryTimeFormat(timeZone: TimeZone(identifier: "UTC")!)

    @Test("stories of the last 24 hours show HH:MM in the site's time zone, across midnight too")
    func recent() {
        let earlier = now.addingTimeInterval(-25 * 60)  // 00:05 Moscow, 21:05 UTC
        #expect(moscow.listTime(earlier, now: now) == "00:05")
        #expect(utc.listTime(earlier, now: now) == "21:05")
        let beforeMidnight = now.addingTimeInterval(-3600)  // 23:30 Moscow on 30 May, the day before there
        #expect(moscow.listTime(beforeMidnight, now: now) == "23:30")
        #expect(utc.listTime(now.addingTimeInterval(-23.5 * 3600), now: now) == "22:00")
    }

    @Test("older stories show the date; other years add the year")
    func older() {
        #expect(utc.listTime(now.addingTimeInterval(-24.5 * 3600), now: now) == "29 May")
        #expect(moscow.listTime(now.addingTimeInterval(-3 * 86_400), now: now) == "28 May")
        let lastYear = now.addingTimeInterval(-400 * 86_400)
        #expect(utc.listTime(lastYear, now: now).hasSuffix("2025"))
    }

    @Test("a list is rendered again when its first HH:MM turns into a date")
    func labelChange() {
        let dates = [now.addingTimeInterval(-2 * 3600), now.addingTimeInterval(-20 * 3600), now.addingTimeInterval(-30 * 3600)]
        #expect(StoryTimeFormat.nextLabelChange(of: dates, now: now) == now.addingTimeInterval(4 * 3600))
        #expect(StoryTimeFormat.nextLabelChange(of: [now.addingTimeInterval(-30 * 3600)], now: now) == nil)
    }

    @Test("machine time carries the site's offset; full time reads naturally")
    func machine() {
        #expect(moscow.machineTime(now) == "2026-05-31T00:30:00+03:00")
        #expect(utc.machineTime(now) == "2026-05-30T21:30:00Z")
        #expect(moscow.fullTime(now) == "31 May 2026, 00:30")
    }
}
