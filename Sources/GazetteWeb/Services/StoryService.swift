import Foundation
import GazetteCore
import GazetteStore

/// What the public site reads: published stories, their lists and search. Only published
/// stories ever come out of it.
struct StoryService: Sendable {
    let store: Store

    /// Where a slug leads: the published story, or the current slug of a renamed one.
    enum Lookup {
        case story(Story)
        case movedTo(slug: String)
    }

    func published(slug: String) async throws -> Lookup {
        if let story = try await store.stories.publishedStory(slug: slug) { return .story(story) }
        // A renamed story answers at its old address with a permanent redirect.
        if let current = try await store.newsroom.currentSlug(forOld: slug) { return .movedTo(slug: current) }
        throw ContentError.notFound("The story")
    }

    /// The published story with this slug (no redirects: forms and the API name the current one).
    func story(slug: String) async throws -> Story {
        guard let story = try await store.stories.publishedStory(slug: slug) else { throw ContentError.notFound("Story '\(slug)'") }
        return story
    }

    struct Front: Sendable {
        var stories: PagedList<StorySummary>
        var top: StorySummary?
        var breaking: StorySummary?
    }

    /// The home page: the latest stories, and on the first page the pinned and breaking ones.
    func front(_ page: PageQuery) async throws -> Front {
        let stories = try await store.stories.latest(page)
        let first = page.page == 1
        return Front(
            stories: stories,
            top: first ? try await store.stories.pinnedStory() : nil,
            breaking: first ? try await store.stories.breakingStory() : nil
        )
    }

    func latest(_ page: PageQuery) async throws -> PagedList<StorySummary> {
        try await store.stories.latest(page)
    }

    func rubric(slug: String, page: PageQuery) async throws -> (Rubric, PagedList<StorySummary>) {
        guard let rubric = try await store.stories.rubric(slug: slug) else { throw ContentError.notFound("The rubric") }
        return (rubric, try await store.stories.inRubric(rubric, page: page))
    }

    func tag(slug: String, page: PageQuery) async throws -> (Tag, PagedList<StorySummary>) {
        guard let tag = try await store.stories.tag(slug: slug) else { throw ContentError.notFound("The tag") }
        return (tag, try await store.stories.withTag(tag, page: page))
    }

    func author(slug: String, page: PageQuery) async throws -> (Author, PagedList<StorySummary>) {
        guard let author = try await store.stories.author(slug: slug) else { throw ContentError.notFound("The author") }
        return (author, try await store.stories.byAuthor(author, page: page))
    }

    func search(_ query: SearchQuery, filter: SearchFilter, page: PageQuery) async throws -> PagedList<SearchHit> {
        try await store.search.search(query, filter: filter, page: page)
    }

    // MARK: Feeds and sitemaps

    /// A list's name and its newest whole stories, for its feed; 404 for an unknown list.
    func feed(_ subject: FeedSubject, limit: Int) async throws -> (name: String?, stories: [Story]) {
        let stories = store.stories
        switch subject {
        case .site:
            return (nil, try await stories.feedStories(.all, limit: limit))
        case .rubric(let slug):
            guard let rubric = try await stories.rubric(slug: slug) else { throw ContentError.notFound("The rubric") }
            return (rubric.name, try await stories.feedStories(.rubric(rubric), limit: limit))
        case .tag(let slug):
            guard let tag = try await stories.tag(slug: slug) else { throw ContentError.notFound("The tag") }
            return (tag.name, try await stories.feedStories(.tag(tag), limit: limit))
        case .author(let slug):
            guard let author = try await stories.author(slug: slug) else { throw ContentError.notFound("The author") }
            return (author.name, try await stories.feedStories(.author(author), limit: limit))
        case .comments(let slug):
            let story = try await story(slug: slug)
            return (story.headline, [story])
        }
    }

    func publishedCount() async throws -> Int { try await store.stories.publishedCount() }

    /// The current slug of the published story an address of the old site (before an import) leads to.
    func slug(forOldPath path: String) async throws -> String? {
        try await store.imports.currentSlug(forOldPath: path)
    }

    func sitemapEntries(offset: Int, limit: Int) async throws -> [StoryRepository.SitemapEntry] {
        try await store.stories.sitemapEntries(offset: offset, limit: limit)
    }

    func publishedSince(_ date: Date, limit: Int) async throws -> [StoryRepository.SitemapEntry] {
        try await store.stories.publishedSince(date, limit: limit)
    }

    func listsWithStories(_ kind: StoryRepository.ListKind) async throws -> [(slug: String, lastModified: Date)] {
        try await store.stories.listsWithStories(kind)
    }
}
