import Foundation
import GazetteCore

/// The page cache reacts to committed writes: each event empties the pages that show what
/// it changed (Read next lists that change tell the cache themselves, see `ReadNextService`).
extension PageCache: EventSubscriber {
    func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        var tags: Set<PageTag> = []
        for event in events {
            switch event {
            case .story(let event): tags.formUnion(Self.tags(for: event))
            case .comment(.commentsChanged(let id)): tags.formUnion([.story(id), .commentCount(id)])
            // A renamed rubric, tag or author shows on pages no tag names (every byline, every rubric label).
            case .taxonomy: return invalidateAll()
            // No page shows a photo no story uses (a photo in use cannot be deleted).
            case .photo: continue
            }
        }
        invalidate(tags)
    }

    /// The pages a story event changes.
    static func tags(for event: StoryEvent) -> Set<PageTag> {
        switch event {
        case .published(let facts), .unpublished(let facts):
            return shown(facts).union(placed(facts))
        case .deleted(let facts):
            return facts.isPublished ? shown(facts).union(placed(facts)) : [.story(facts.id)]
        case .changed(let facts, let before):
            guard facts.isPublished || before.isPublished else { return [] }
            var tags = shown(facts)
            if facts.placedDifferently(from: before) { tags.formUnion(placed(facts).union(placed(before))) }
            return tags
        case .slugChanged(let facts, _):
            return shown(facts)
        case .curationChanged:
            return []
        }
    }

    /// Where the story itself shows: its page, every list item of it, the sitemaps.
    private static func shown(_ facts: StoryFacts) -> Set<PageTag> {
        [.story(facts.id), .listed(facts.id), .commentCount(facts.id), .sitemaps]
    }

    /// The lists the story belongs to, whose members or order change when it comes or goes.
    private static func placed(_ facts: StoryFacts) -> Set<PageTag> {
        var tags: Set<PageTag> = [.latest]
        if let rubric = facts.rubricSlug { tags.insert(.rubric(rubric)) }
        for tag in facts.tagSlugs { tags.insert(.tag(tag)) }
        for author in facts.authorSlugs { tags.insert(.author(author)) }
        return tags
    }
}
