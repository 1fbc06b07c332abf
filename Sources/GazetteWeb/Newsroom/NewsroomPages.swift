import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The links of the newsroom's header, from `SiteURL`.
struct NewsroomLinks {
    var dashboard = SiteURL.newsroom().path
    var stories = SiteURL.newsroomStories().path
    var newStory = SiteURL.newsroomNewStory.path
    var comments = SiteURL.newsroomComments().path
    var rubrics = SiteURL.newsroomTaxonomy(.rubrics).path
    var tags = SiteURL.newsroomTaxonomy(.tags).path
    var authors = SiteURL.newsroomTaxonomy(.authors).path
    var media = SiteURL.newsroomMedia().path
    var logout = SiteURL.newsroomLogout.path
    var site = SiteURL.home().path
}

/// What the newsroom's layout shows around every page.
struct NewsroomLayout {
    var siteName: String
    var title: String
    var stylesheet: String
    var script: String
    var links = NewsroomLinks()
    var isLoggedIn: Bool
    var userName: String
    var role: String
    var csrf: String
    var managesTaxonomy: Bool
    var moderates: Bool
    var writes: Bool
    var hasNotice: Bool
    var notice: String
}

/// A `<select>` option.
struct OptionModel {
    var value: String
    var label: String
    var selected: Bool
}

struct StoryRowModel {
    var url: String
    var headline: String
    var status: String
    var statusClass: String
    var rubric: String
    var updated: String
    var when: String
    var version: Int
}

/// A table of stories; a struct so that a section renders the table once, not per row.
struct StoryTable {
    var rows: [StoryRowModel]
}

/// Renders the newsroom's pages with its own templates (never the public theme's) and
/// builds the parts its pages share.
struct NewsroomPages: Sendable {
    let templates: Theme
    let site: SiteSettings
    let now: @Sendable () -> Date

    var timeFormat: StoryTimeFormat { StoryTimeFormat(timeZone: site.timeZone) }

    func render(_ page: Any, _ template: String, status: HTTPResponse.Status = .ok) throws -> HTML {
        HTML(body: try templates.render(page, template: template), status: status)
    }

    func layout(title: String, identity: Identity?, request: Request) -> NewsroomLayout {
        let notice = request.uri.queryParameters.get("notice").flatMap(Notice.init(rawValue:))
        let role = identity?.user.role
        return NewsroomLayout(
            siteName: site.name, title: title,
            stylesheet: SiteURL.newsroomAsset("newsroom.css", version: templates.assetVersion("newsroom.css")).path,
            script: SiteURL.newsroomAsset("newsroom.js", version: templates.assetVersion("newsroom.js")).path,
            isLoggedIn: identity != nil, userName: identity?.user.name ?? "", role: role?.rawValue ?? "",
            csrf: identity?.csrfToken ?? "", managesTaxonomy: role?.managesTaxonomy ?? false,
            moderates: role?.moderates ?? false, writes: role?.writesStories ?? false,
            hasNotice: notice != nil, notice: notice?.text ?? ""
        )
    }

    func row(_ row: NewsroomRepository.Row) -> StoryRowModel {
        let format = timeFormat
        let when: String
        switch row.status {
        case .scheduled: when = row.scheduledAt.map { "for " + format.fullTime($0) } ?? ""
        case .published: when = row.publishedAt.map(format.fullTime) ?? ""
        default: when = ""
        }
        return StoryRowModel(
            url: SiteURL.newsroomStory(row.id).path, headline: row.headline, status: row.status.label,
            statusClass: row.status.rawValue, rubric: row.rubric?.name ?? "", updated: format.fullTime(row.updatedAt),
            when: when, version: row.version
        )
    }

    /// `2026-05-30T14:05` from a `datetime-local` input, read in the site's time zone.
    func parseLocalTime(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = site.timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    func localTimeValue(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = site.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }
}
