import Foundation

/// Whose feed: the whole site's, a list's, or a story's comments.
enum FeedSubject: Sendable, Equatable {
    case site
    case rubric(slug: String)
    case tag(slug: String)
    case author(slug: String)
    case comments(slug: String)

    var parameters: [String: String] {
        switch self {
        case .site: return [:]
        case .rubric(let slug), .tag(let slug), .author(let slug), .comments(let slug): return ["slug": slug]
        }
    }

    func route(_ format: FeedFormat) -> Route {
        switch (self, format) {
        case (.site, .rss): return .feedRSS
        case (.site, .atom): return .feedAtom
        case (.site, .json): return .feedJSON
        case (.rubric, .rss): return .rubricFeedRSS
        case (.rubric, .atom): return .rubricFeedAtom
        case (.rubric, .json): return .rubricFeedJSON
        case (.tag, .rss): return .tagFeedRSS
        case (.tag, .atom): return .tagFeedAtom
        case (.tag, .json): return .tagFeedJSON
        case (.author, .rss): return .authorFeedRSS
        case (.author, .atom): return .authorFeedAtom
        case (.author, .json): return .authorFeedJSON
        case (.comments, .rss): return .commentsFeedRSS
        case (.comments, .atom): return .commentsFeedAtom
        case (.comments, .json): return .commentsFeedJSON
        }
    }
}

/// The newsroom's three lists of public taxonomy.
enum TaxonomyKind: String, CaseIterable, Sendable {
    case rubrics, tags, authors

    var route: Route {
        switch self {
        case .rubrics: return .newsroomRubrics
        case .tags: return .newsroomTags
        case .authors: return .newsroomAuthors
        }
    }
}
