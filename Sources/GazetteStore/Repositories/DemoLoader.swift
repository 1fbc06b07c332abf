import Foundation
import GazetteCore

extension Store {
    /// Loads the demo content into an empty site. Returns how many stories were created:
    /// none when the site already has stories.
    public func loadDemoContent(now: Date = Date(), timeZone: TimeZone) async throws -> Int {
        guard try await stories.count() == 0 else { return 0 }
        var created = 0
        for story in DemoContent.stories(now: now, timeZone: timeZone) {
            if case .created = try await stories.importStory(story, now: now) { created += 1 }
        }
        return created
    }
}
