import Foundation
import GazetteCore
import Hummingbird

// What every reader page shares — the layout, story items, pagination, the error page — and
// `PageBuilder`, which makes them. Each page's own model lives beside its controller; nothing
// here knows the store's records.

/// What the layout shows around every page.
struct LayoutModel {
    var siteName: String
    var tagline: String
    var language: String
    var title: String
    var description: String
    /// The page's one address, absolute (`https://news.example.org/news/…`).
    var canonicalURL: String
    var stylesheet: String
    var homeURL: String
    var searchURL: String
    var year: Int
    var meta: [MetaTagModel]
    var feeds: [FeedLinkModel]
    /// JSON-LD blocks, made safe inside `<script>` by `ScriptJSON` (server-built, so rendered unescaped).
    var jsonLD: [String]
}

struct StoryItem {
    var url: String
    var headline: String
    var lead: String
    var time: String
    var datetime: String
    /// Optional values are flattened with a flag: Mustache would otherwise look a missing
    /// value up in the enclosing page and show the page's rubric on an item without one.
    var hasRubric: Bool
    var rubricLabel: String
    var rubricURL: String
    var hasComments: Bool
    var commentLabel: String
    var hasPhoto: Bool
    var photo: PictureModel?
}

/// A library photo as a template writes it: `<picture>` with WebP and JPEG sizes, its pixel
/// size (so nothing moves when it loads), its blurred placeholder, caption and credit.
struct PictureModel {
    var webpSrcset: String
    var jpegSrcset: String
    var src: String
    var width: Int
    var height: Int
    var alt: String
    var sizes: String
    var placeholder: String
    var lazy: Bool
    var caption: String
    var credit: String
    var hasCaption: Bool

    init(_ photo: Photo, sizes: String, lazy: Bool = true) {
        let fallback = PhotoMarkup.fallback(photo)
        let size = photo.size(of: fallback)
        webpSrcset = PhotoMarkup.srcset(photo, format: .webp)
        jpegSrcset = PhotoMarkup.srcset(photo, format: .jpeg)
        src = SiteURL.photo(photo, fallback).path
        width = size.width
        height = size.height
        alt = photo.altText
        self.sizes = sizes
        placeholder = photo.placeholder
        self.lazy = lazy
        caption = photo.caption
        credit = photo.creditLine
        hasCaption = !photo.caption.isEmpty || !photo.creditLine.isEmpty
    }
}

struct PaginationModel {
    var page: Int
    var pageCount: Int
    var previousURL: String?
    var nextURL: String?
}

struct ErrorPage {
    var layout: LayoutModel
    var status: Int
    var title: String
    var message: String
}

/// Builds the view models' shared parts from site settings and the clock.
struct PageBuilder: Sendable {
    let site: SiteSettings
    let theme: Theme
    /// The site's public address, which absolute links start with.
    let publicBase: String
    let now: @Sendable () -> Date

    var timeFormat: StoryTimeFormat { StoryTimeFormat(timeZone: site.timeZone) }

    func layout(title: String?, description: String? = nil, canonical: SiteURL, meta: PageMeta = PageMeta()) -> LayoutModel {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = site.timeZone
        let canonicalURL = canonical.absolute(base: publicBase)
        let description = description ?? site.tagline
        return LayoutModel(
            siteName: site.name,
            tagline: site.tagline,
            language: site.language,
            title: title.map { "\($0) — \(site.name)" } ?? site.name,
            description: description,
            canonicalURL: canonicalURL,
            stylesheet: SiteURL.asset("site.css", version: theme.assetVersion("site.css")).path,
            homeURL: SiteURL.home().path,
            searchURL: SiteURL.search().path,
            year: calendar.component(.year, from: now()),
            meta: metaTags(meta, title: title ?? site.name, description: description, canonical: canonicalURL),
            feeds: feedLinks(meta, title: title),
            jsonLD: jsonLD(meta, canonical: canonicalURL)
        )
    }

    func item(_ story: StorySummary) -> StoryItem {
        item(story, photoSizes: Self.thumbnailSizes, lazy: true)
    }

    /// `photoSizes` and `lazy` for the photo: a thumbnail below the fold, or the top story's.
    func item(_ story: StorySummary, photoSizes: String, lazy: Bool) -> StoryItem {
        let date = story.publishedAt ?? now()
        return StoryItem(
            url: SiteURL.article(slug: story.slug).path,
            headline: story.headline,
            lead: story.lead,
            time: timeFormat.listTime(date, now: now()),
            datetime: timeFormat.machineTime(date),
            hasRubric: story.rubric != nil,
            rubricLabel: story.rubric?.label ?? "",
            rubricURL: story.rubric.map { SiteURL.rubric(slug: $0.slug).path } ?? "",
            hasComments: story.commentCount > 0,
            commentLabel: Self.commentLabel(story.commentCount),
            hasPhoto: story.photo != nil,
            photo: story.photo.map { PictureModel($0, sizes: photoSizes, lazy: lazy) }
        )
    }

    /// The next midnight in the site's time zone, when "today" in story lists moves on (and
    /// so every page showing list times is rendered again).
    func nextDay() -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = site.timeZone
        let now = now()
        return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now.addingTimeInterval(86_400)
    }

    /// When the list times of these stories next read differently: an `HH:MM` becoming a
    /// date 24 hours on, or the next day (a new year's dates gain their year).
    func labelsExpire(_ items: [StorySummary]) -> Date {
        let change = StoryTimeFormat.nextLabelChange(of: items.compactMap(\.publishedAt), now: now())
        return [nextDay(), change].compactMap { $0 }.min()!
    }

    /// A list page as the page cache keeps it: the lists it is (`lists`) and the stories it
    /// shows, whose headlines, times and comment counts it carries.
    func document(_ body: String, listing items: [StorySummary], in lists: Set<PageTag>) -> PublicDocument {
        var tags = lists
        for item in items {
            tags.insert(.listed(item.id))
            tags.insert(.commentCount(item.id))
        }
        return PublicDocument(body: body, contentType: PublicDocument.htmlType, lastModified: nil, tags: tags, expires: labelsExpire(items))
    }

    func pagination<T>(_ page: PagedList<T>, url: (Int) -> String) -> PaginationModel? {
        PaginationModel.make(page, url: url)
    }

    /// The `page` parameter of a list page.
    func pageParameter(_ request: Request) throws -> PageQuery {
        try PageQuery.parse(page: request.uri.queryParameters.get("page"), limit: nil, defaultLimit: site.pageSize)
    }

    /// A page number past the end is a missing page, as on any site.
    static func requireExisting<T>(_ page: PagedList<T>) throws {
        if page.request.page > page.pageCount { throw ContentError.notFound("Page \(page.request.page)") }
    }

    /// A list's thumbnail: a third of the column on wide screens, a third of the phone.
    static let thumbnailSizes = "(min-width: 48rem) 14rem, 33vw"
    /// The home page's top story: the whole column.
    static let topStorySizes = "(min-width: 64rem) 60rem, 100vw"

    static func commentLabel(_ count: Int) -> String {
        count == 1 ? "1 comment" : "\(count) comments"
    }
}

extension PaginationModel {
    /// Previous and next links of a paged list; nil for a list of one page.
    static func make<T>(_ page: PagedList<T>, url: (Int) -> String) -> PaginationModel? {
        guard page.pageCount > 1 else { return nil }
        return PaginationModel(
            page: page.request.page,
            pageCount: page.pageCount,
            previousURL: page.hasPrevious ? url(page.request.page - 1) : nil,
            nextURL: page.hasNext ? url(page.request.page + 1) : nil
        )
    }
}
