import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The newsroom in the browser: log-in, dashboard, stories, editor, workflow, revisions,
/// rubrics, tags and authors. Every route checks the role on the server.
struct NewsroomController: Sendable {
    typealias Context = GazetteRequestContext
    let store: Store
    let pages: PageBuilder
    let config: AppConfig

    var now: Date { config.now() }

    func addRoutes(to router: Router<Context>) {
        let group = router.group(RouterPath(SiteURL.Pattern.newsroom)).add(middleware: NewsroomSessionMiddleware(store: store, now: config.now))
        group.get("login", use: loginForm)
        group.post("login", use: logIn)
        group.post("logout", use: logOut)
        group.get("", use: dashboard)
        group.get("stories", use: stories)
        group.get("stories/new", use: newStory)
        group.post("stories", use: createStory)
        group.get("stories/{id}", use: editor)
        group.post("stories/{id}", use: saveStory)
        group.post("stories/{id}/status", use: changeStatus)
        group.post("stories/{id}/lock", use: renewLock)
        group.post("stories/{id}/takeover", use: takeOver)
        group.post("stories/{id}/read-next", use: saveReadNext)
        group.get("stories/{id}/revisions", use: revisions)
        group.post("stories/{id}/revisions/{revision}/restore", use: restore)
        ModerationController(store: store, newsroom: self).addRoutes(to: group)
        for kind in TaxonomyKind.allCases {
            group.get(RouterPath(kind.rawValue)) { request, context in try await taxonomy(kind, request: request, context: context) }
            group.post(RouterPath(kind.rawValue)) { request, context in try await saveTaxonomy(kind, request: request, context: context) }
        }
    }

    // MARK: Log-in

    @Sendable func loginForm(_ request: Request, context: Context) async throws -> Response {
        if context.identity != nil { return .seeOther("/newsroom") }
        return try await loginPage(request: request, email: "", error: nil, status: .ok)
    }

    private func loginPage(request: Request, email: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let csrf = Secrets.token()
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let page = LoginPage(
            nr: layout(title: "Log in", identity: nil, request: request), csrf: csrf, email: email, next: next,
            hasError: error != nil, error: error ?? "", noUsers: try await store.users.count() == 0
        )
        var response = HTML(body: try pages.theme.render(page, template: "nr-login"), status: status).response
        response.setCookie(Cookie(
            name: NewsroomCookie.loginCSRF, value: csrf, path: "/newsroom", secure: config.secureCookies, httpOnly: true, sameSite: .strict
        ))
        return response
    }

    @Sendable func logIn(_ request: Request, context: Context) async throws -> Response {
        let form = try await FormData.read(request)
        // Before a session exists the token is a cookie paired with a form field.
        guard let cookie = request.cookies[NewsroomCookie.loginCSRF]?.value, let sent = form["_csrf"], Secrets.equal(cookie, sent) else {
            throw CSRFRejected()
        }
        let email = form.text("email")
        do {
            let user = try await store.users.logIn(
                email: email, password: form.text("password"), client: context.limitKey(request, trustedProxies: config.trustedProxies), now: now, bcryptCost: config.bcryptCost
            )
            let (token, _) = try await store.users.startSession(for: user, now: now, lifetime: config.sessionLifetime)
            var response = Response.seeOther(Self.safeNext(form["next"]))
            response.setCookie(Cookie(
                name: NewsroomCookie.session, value: token, maxAge: Int(config.sessionLifetime), path: "/",
                secure: config.secureCookies, httpOnly: true, sameSite: .lax
            ))
            return response
        } catch let error as NewsroomError {
            switch error {
            case .tooManyAttempts(let wait):
                var response = try await loginPage(request: request, email: email, error: error.message, status: .tooManyRequests)
                response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
                return response
            default:
                // Unknown e-mail and wrong password read the same.
                return try await loginPage(request: request, email: email, error: NewsroomError.invalidCredentials.message, status: .unauthorized)
            }
        }
    }

    @Sendable func logOut(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("log out")
        _ = try await identity.form(request)
        try await store.users.endSession(token: identity.token)
        var response = Response.seeOther("/newsroom/login?notice=logged_out")
        response.setCookie(Cookie(name: NewsroomCookie.session, value: "", maxAge: 0, path: "/", secure: config.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// Only paths inside the newsroom are followed after log-in, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/newsroom"), !next.hasPrefix("//"), !next.contains("\\") else { return "/newsroom" }
        return next
    }

    // MARK: Dashboard and lists

    @Sendable func dashboard(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see the newsroom")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.site.timeZone
        let role = identity.user.role
        // Authors see their own stories; moderators work on comments, not stories.
        let board = role.writesStories
            ? try await store.newsroom.dashboard(startOfToday: calendar.startOfDay(for: now), createdBy: role.editsAll ? nil : identity.user.id)
            : NewsroomRepository.Dashboard.empty
        let page = DashboardPage(
            nr: layout(title: "Dashboard", identity: identity, request: request),
            inReview: StoryTable(rows: board.inReview.map(row)), scheduled: StoryTable(rows: board.scheduled.map(row)),
            publishedToday: StoryTable(rows: board.publishedToday.map(row)),
            hasInReview: !board.inReview.isEmpty, hasScheduled: !board.scheduled.isEmpty, hasPublishedToday: !board.publishedToday.isEmpty,
            writes: identity.user.role.writesStories,
            moderates: identity.user.role.moderates,
            waitingComments: identity.user.role.moderates ? try await store.discussion.counts()[.pending] ?? 0 : 0
        )
        return HTML(body: try pages.theme.render(page, template: "nr-dashboard"))
    }

    @Sendable func stories(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see stories", \.writesStories)
        let query = request.uri.queryParameters
        let pageQuery = try PageQuery.parse(page: query.get("page"), limit: nil, defaultLimit: 30)
        let status = query.get("status").flatMap { $0.isEmpty ? nil : $0 }
        if let status, StoryStatus(rawValue: status) == nil { throw ContentError.invalid(field: "status", reason: "is not a story status") }
        let filter = NewsroomRepository.Filter(
            status: status.flatMap(StoryStatus.init(rawValue:)), rubricSlug: query.get("rubric"),
            authorSlug: query.get("author"), search: query.get("q"),
            createdBy: identity.user.role.editsAll ? nil : identity.user.id
        )
        let list = try await store.newsroom.list(filter, page: pageQuery)
        let rubrics = try await store.taxonomy.rubrics()
        let authors = try await store.taxonomy.authors()
        func url(_ page: Int) -> String {
            var components = URLComponents()
            components.path = "/newsroom/stories"
            var items: [URLQueryItem] = []
            if let status = filter.status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
            if let rubric = filter.rubricSlug, !rubric.isEmpty { items.append(URLQueryItem(name: "rubric", value: rubric)) }
            if let author = filter.authorSlug, !author.isEmpty { items.append(URLQueryItem(name: "author", value: author)) }
            if let q = filter.search, !q.isEmpty { items.append(URLQueryItem(name: "q", value: q)) }
            if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? "/newsroom/stories"
        }
        let page = StoriesPage(
            nr: layout(title: "Stories", identity: identity, request: request),
            table: StoryTable(rows: list.items.map(row)), isEmpty: list.items.isEmpty,
            statuses: [OptionModel(value: "", label: "Any status", selected: filter.status == nil)]
                + StoryStatus.allCases.map { OptionModel(value: $0.rawValue, label: $0.label.capitalized, selected: filter.status == $0) },
            rubrics: [OptionModel(value: "", label: "Any rubric", selected: (filter.rubricSlug ?? "").isEmpty)]
                + rubrics.map { OptionModel(value: $0.slug, label: $0.name, selected: filter.rubricSlug == $0.slug) },
            authors: [OptionModel(value: "", label: "Any author", selected: (filter.authorSlug ?? "").isEmpty)]
                + authors.map { OptionModel(value: $0.slug, label: $0.name, selected: filter.authorSlug == $0.slug) },
            query: filter.search ?? "",
            pagination: pages.pagination(list, url: url),
            total: list.total
        )
        return HTML(body: try pages.theme.render(page, template: "nr-stories"))
    }

    // MARK: Editor

    @Sendable func newStory(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("write stories", \.writesStories)
        var draft = StoryDraft()
        draft.authors = [identity.user.name]
        draft.commentPolicy = config.discussion.defaultPolicy
        return try await editorPage(identity: identity, request: request, story: nil, draft: draft)
    }

    @Sendable func createStory(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("write stories", \.writesStories)
        let form = try await identity.form(request)
        let draft = Self.draft(from: form)
        if form["intent"] == "preview" {
            return try await editorPage(identity: identity, request: request, story: nil, draft: draft, preview: true).response
        }
        do {
            let story = try await store.newsroom.createDraft(draft, by: identity.actor, now: now)
            return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=created")
        } catch let error as ValidationFailed {
            return try await editorPage(identity: identity, request: request, story: nil, draft: draft, problems: error.problems, status: .unprocessableContent)
                .response
        }
    }

    @Sendable func editor(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("write stories", \.writesStories)
        let story = try await loadStory(context)
        try NewsroomPolicy.check(.read, on: story.accessFacts, by: identity.actor)
        var lockedBy = ""
        if NewsroomPolicy.may(.lock, on: story.accessFacts, by: identity.actor),
           case .heldByOther(let name, _, _) = try await store.newsroom.lock(storyID: story.id, userID: identity.user.id, name: identity.user.name, now: now) {
            lockedBy = name
        }
        return try await editorPage(identity: identity, request: request, story: story, draft: StoryDraft(story), lockedBy: lockedBy)
    }

    @Sendable func saveStory(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("write stories", \.writesStories)
        let story = try await loadStory(context)
        let form = try await identity.form(request)
        let draft = Self.draft(from: form)
        guard let version = Int(form.text("version")) else { throw ContentError.invalid(field: "version", reason: "is missing") }
        if form["intent"] == "preview" {
            try NewsroomPolicy.check(.preview, on: story.accessFacts, by: identity.actor)
            return try await editorPage(identity: identity, request: request, story: story, draft: draft, version: version, preview: true)
                .response
        }
        do {
            _ = try await store.newsroom.save(id: story.id, draft: draft, expectedVersion: version, by: identity.actor, now: now)
            _ = try await store.newsroom.lock(storyID: story.id, userID: identity.user.id, name: identity.user.name, now: now)
            return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=saved")
        } catch let error as ValidationFailed {
            return try await editorPage(identity: identity, request: request, story: story, draft: draft, version: version, problems: error.problems, status: .unprocessableContent)
                .response
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            // Nothing is lost: the form comes back with this person's text and the version
            // they started from, and says who saved in between.
            return try await editorPage(identity: identity, request: request, story: story, draft: draft, version: version, conflict: error.message, status: .conflict)
                .response
        }
    }

    @Sendable func changeStatus(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("change a story's status", \.writesStories)
        let story = try await loadStory(context)
        let form = try await identity.form(request)
        guard let target = StoryStatus(rawValue: form.text("target")) else { throw ContentError.invalid(field: "target", reason: "is not a story status") }
        let at = try form["at"].flatMap { $0.isEmpty ? nil : $0 }.map { text -> Date in
            guard let date = Self.parseLocalTime(text, timeZone: config.site.timeZone) else {
                throw ContentError.invalid(field: "at", reason: "is not a date and time")
            }
            return date
        }
        do {
            _ = try await store.newsroom.move(id: story.id, to: target, at: at, expectedVersion: Int(form.text("version")), by: identity.actor, now: now)
        } catch let error as ValidationFailed {
            return try await editorPage(identity: identity, request: request, story: story, draft: StoryDraft(story), problems: error.problems, status: .unprocessableContent)
                .response
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            return try await editorPage(identity: identity, request: request, story: story, draft: StoryDraft(story), conflict: error.message, status: .conflict)
                .response
        }
        return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=\(target.rawValue)")
    }

    /// Called by the editor's script while the page is open, so the lock does not lapse.
    @Sendable func renewLock(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("edit stories", \.writesStories)
        let story = try await loadStory(context)
        _ = try await identity.form(request)
        // Only someone who may edit the story holds its lock, and only they learn who else does.
        try NewsroomPolicy.check(.lock, on: story.accessFacts, by: identity.actor)
        switch try await store.newsroom.lock(storyID: story.id, userID: identity.user.id, name: identity.user.name, now: now) {
        case .held: return Response(status: .noContent)
        case .heldByOther(let name, _, _):
            return Response(status: .conflict, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "\(name) is editing this story")))
        }
    }

    @Sendable func takeOver(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("take over stories", \.writesStories)
        let story = try await loadStory(context)
        try NewsroomPolicy.check(.takeOver, on: story.accessFacts, by: identity.actor)
        _ = try await identity.form(request)
        _ = try await store.newsroom.lock(storyID: story.id, userID: identity.user.id, name: identity.user.name, now: now, takeOver: true)
        return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=took_over")
    }

    /// Pins and exclusions for the story's Read next, slugs one per line.
    @Sendable func saveReadNext(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("choose Read next stories", \.writesStories)
        let story = try await loadStory(context)
        try NewsroomPolicy.check(.curate, on: story.accessFacts, by: identity.actor)
        let form = try await identity.form(request)
        func slugs(_ field: String) -> [String] {
            form.text(field).split(whereSeparator: { $0.isNewline || $0 == "," }).map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        do {
            _ = try await store.stories.setReadNextCuration(storyID: story.id, pinned: slugs("pinned"), excluded: slugs("excluded"))
        } catch let error as ValidationFailed {
            return try await editorPage(
                identity: identity, request: request, story: story, draft: StoryDraft(story),
                readNext: (form.text("pinned"), form.text("excluded"), error.message), status: .unprocessableContent
            ).response
        }
        return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=read_next")
    }

    // MARK: Revisions

    @Sendable func revisions(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see revisions", \.writesStories)
        let story = try await loadStory(context)
        try NewsroomPolicy.check(.read, on: story.accessFacts, by: identity.actor)
        let list = try await store.newsroom.revisions(storyID: story.id)
        let query = request.uri.queryParameters
        let from = query.get("from").flatMap(UUID.init(uuidString:)).flatMap { id in list.first { $0.id == id } }
        let to = query.get("to").flatMap(UUID.init(uuidString:)).flatMap { id in list.first { $0.id == id } }
        var diff: [DiffFieldModel] = []
        if let from, let to {
            let old = Dictionary(uniqueKeysWithValues: from.content.diffableFields)
            for (label, new) in to.content.diffableFields where old[label] != new {
                let lines = LineDiff.diff(old[label] ?? "", new).map {
                    DiffLineModel(kind: $0.kind.rawValue, sign: $0.kind == .added ? "+" : $0.kind == .removed ? "−" : " ", text: $0.text)
                }
                diff.append(DiffFieldModel(label: label, lines: lines))
            }
        }
        let format = pages.timeFormat
        let page = RevisionsPage(
            nr: layout(title: "Revisions", identity: identity, request: request),
            headline: story.headline, editorURL: "/newsroom/stories/\(story.id.uuidString)", currentVersion: story.version,
            rows: list.enumerated().map { index, revision in
                RevisionRowModel(
                    id: revision.id.uuidString, version: revision.version, userName: revision.userName,
                    when: format.fullTime(revision.createdAt), action: revision.action, status: revision.status.label,
                    restoreURL: "/newsroom/stories/\(story.id.uuidString)/revisions/\(revision.id.uuidString)/restore",
                    isCurrent: revision.version == story.version,
                    fromChecked: from.map { $0.id == revision.id } ?? (index == 1),
                    toChecked: to.map { $0.id == revision.id } ?? (index == 0)
                )
            },
            hasDiff: from != nil && to != nil,
            diffTitle: from.flatMap { f in to.map { "Version \(f.version) → version \($0.version)" } } ?? "",
            diff: diff,
            mayRestore: NewsroomPolicy.may(.edit, on: story.accessFacts, by: identity.actor)
        )
        return HTML(body: try pages.theme.render(page, template: "nr-revisions"))
    }

    @Sendable func restore(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("restore revisions", \.writesStories)
        let story = try await loadStory(context)
        let form = try await identity.form(request)
        let revisionID = try context.uuid("revision", "The revision")
        do {
            _ = try await store.newsroom.restore(
                id: story.id, revisionID: revisionID, expectedVersion: Int(form.text("version")) ?? story.version, by: identity.actor, now: now
            )
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            return try await editorPage(identity: identity, request: request, story: story, draft: StoryDraft(story), conflict: error.message, status: .conflict)
                .response
        }
        return .seeOther("/newsroom/stories/\(story.id.uuidString)?notice=restored")
    }

    // MARK: Rubrics, tags, authors

    enum TaxonomyKind: String, CaseIterable, Sendable {
        case rubrics, tags, authors
    }

    @Sendable func taxonomy(_ kind: TaxonomyKind, request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("manage \(kind.rawValue)", \.managesTaxonomy)
        return try await taxonomyPage(kind, identity: identity, request: request, error: nil)
    }

    private func taxonomyPage(_ kind: TaxonomyKind, identity: Identity, request: Request, error: String?) async throws -> HTML {
        let rows: [TaxonomyRowModel]
        switch kind {
        case .rubrics:
            rows = try await store.taxonomy.rubrics().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: $0.label, bio: "", publicURL: SiteURL.rubric(slug: $0.slug).path)
            }
        case .tags:
            rows = try await store.taxonomy.tags().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: "", bio: "", publicURL: SiteURL.tag(slug: $0.slug).path)
            }
        case .authors:
            rows = try await store.taxonomy.authors().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: "", bio: $0.bio, publicURL: SiteURL.author(slug: $0.slug).path)
            }
        }
        let title = kind.rawValue.capitalized
        let page = TaxonomyPage(
            nr: layout(title: title, identity: identity, request: request), kind: kind.rawValue, title: title,
            action: "/newsroom/\(kind.rawValue)", hasLabel: kind == .rubrics, hasBio: kind == .authors, rows: rows,
            hasError: error != nil, error: error ?? ""
        )
        return HTML(body: try pages.theme.render(page, template: "nr-taxonomy"), status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func saveTaxonomy(_ kind: TaxonomyKind, request: Request, context: Context) async throws -> Response {
        let identity = try context.require("manage \(kind.rawValue)", \.managesTaxonomy)
        let form = try await identity.form(request)
        let id = form["id"].flatMap(UUID.init(uuidString:))
        do {
            switch (kind, id) {
            case (.rubrics, nil): _ = try await store.taxonomy.createRubric(name: form.text("name"), label: form.text("label"))
            case (.rubrics, let id?): try await store.taxonomy.updateRubric(id: id, name: form.text("name"), label: form.text("label"))
            case (.tags, nil): _ = try await store.taxonomy.createTag(name: form.text("name"))
            case (.tags, let id?): try await store.taxonomy.updateTag(id: id, name: form.text("name"))
            case (.authors, nil): _ = try await store.taxonomy.createAuthor(name: form.text("name"), bio: form.text("bio"))
            case (.authors, let id?): try await store.taxonomy.updateAuthor(id: id, name: form.text("name"), bio: form.text("bio"))
            }
        } catch let error as ValidationFailed {
            return try await taxonomyPage(kind, identity: identity, request: request, error: error.problems.values.sorted().joined(separator: " "))
                .response
        }
        return .seeOther("/newsroom/\(kind.rawValue)?notice=updated")
    }

    // MARK: Helpers

    private func loadStory(_ context: Context) async throws -> Story {
        guard let story = try await store.stories.story(id: try context.uuid("id", "The story")) else {
            throw ContentError.notFound("The story")
        }
        return story
    }

    static func draft(from form: FormData) -> StoryDraft {
        StoryDraft(
            headline: form.text("headline"), lead: form.text("lead"), body: form.text("body"),
            slug: form.text("slug").trimmingCharacters(in: .whitespaces), rubric: form.text("rubric"),
            tags: StoryDraft.names(form.text("tags")), authors: StoryDraft.names(form.text("authors")),
            seoTitle: form.text("seoTitle"), seoDescription: form.text("seoDescription"),
            pinned: form.flag("pinned"), breaking: form.flag("breaking"),
            commentPolicy: CommentPolicy(rawValue: form.text("commentPolicy")) ?? .open
        )
    }

    /// `2026-05-30T14:05` from a `datetime-local` input, read in the site's time zone.
    static func parseLocalTime(_ text: String, timeZone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    func localTimeValue(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = config.site.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    func layout(title: String, identity: Identity?, request: Request) -> NewsroomLayout {
        let notice = request.uri.queryParameters.get("notice").flatMap(Notice.init(rawValue:))
        return NewsroomLayout(
            siteName: config.site.name, title: title,
            stylesheet: SiteURL.asset("site.css").path + "?v=" + pages.theme.assetVersion("site.css"),
            script: SiteURL.asset("newsroom.js").path + "?v=" + pages.theme.assetVersion("newsroom.js"),
            isLoggedIn: identity != nil, userName: identity?.user.name ?? "", role: identity?.user.role.rawValue ?? "",
            csrf: identity?.csrfToken ?? "", managesTaxonomy: identity?.user.role.managesTaxonomy ?? false,
            moderates: identity?.user.role.moderates ?? false,
            hasNotice: notice != nil, notice: notice?.text ?? ""
        )
    }

    func row(_ row: NewsroomRepository.Row) -> StoryRowModel {
        let format = pages.timeFormat
        let when: String
        switch row.status {
        case .scheduled: when = row.scheduledAt.map { "for " + format.fullTime($0) } ?? ""
        case .published: when = row.publishedAt.map(format.fullTime) ?? ""
        default: when = ""
        }
        return StoryRowModel(
            url: "/newsroom/stories/\(row.id.uuidString)", headline: row.headline, status: row.status.label,
            statusClass: row.status.rawValue, rubric: row.rubric?.name ?? "", updated: format.fullTime(row.updatedAt),
            when: when, version: row.version
        )
    }

    private func editorPage(
        identity: Identity, request: Request, story: Story?, draft: StoryDraft, version: Int? = nil,
        problems: [String: String] = [:], conflict: String? = nil, preview: Bool = false, lockedBy: String = "",
        readNext: (pinned: String, excluded: String, error: String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let rubricNames = try await store.taxonomy.rubrics().map(\.name)
        let mayCurate = story != nil && identity.user.role.editsAll
        var curation = readNext ?? ("", "", "")
        if readNext == nil, mayCurate, let story, let choice = try await store.stories.readNextCuration()[story.id] {
            let pinned = try await store.stories.summaries(ids: choice.pinned).map(\.slug)
            let excluded = try await store.stories.summaries(ids: Array(choice.excluded)).map(\.slug).sorted()
            curation = (pinned.joined(separator: "\n"), excluded.joined(separator: "\n"), "")
        }
        let mayEdit = story.map { identity.actor.mayEdit(status: $0.status, createdBy: $0.createdBy) } ?? true
        let transitions = story.map { story in
            (identity.user.role == .author && story.createdBy != identity.user.id) ? [] :
                StoryWorkflow.allowedTargets(from: story.status, role: identity.user.role).map { target in
                    TransitionModel(target: target.rawValue, label: Self.transitionLabel(target), needsTime: target == .scheduled)
                }
        } ?? []
        let id = story?.id.uuidString ?? ""
        let page = EditorPage(
            nr: layout(title: story == nil ? "New story" : "Edit: \(draft.headline)", identity: identity, request: request),
            isNew: story == nil,
            action: story == nil ? "/newsroom/stories" : "/newsroom/stories/\(id)",
            storyURL: "/newsroom/stories/\(id)",
            revisionsURL: "/newsroom/stories/\(id)/revisions",
            statusURL: "/newsroom/stories/\(id)/status",
            lockURL: "/newsroom/stories/\(id)/lock",
            publicURL: story.map { SiteURL.article(slug: $0.slug).path } ?? "",
            isPublished: story?.status == .published,
            status: story?.status.label ?? "new",
            version: version ?? story?.version ?? 0,
            headline: draft.headline, lead: draft.lead, body: draft.body, slug: draft.slug, rubric: draft.rubric,
            tags: draft.tags.joined(separator: ", "), authors: draft.authors.joined(separator: ", "),
            seoTitle: draft.seoTitle, seoDescription: draft.seoDescription, pinned: draft.pinned, breaking: draft.breaking,
            policies: CommentPolicy.allCases.map { OptionModel(value: $0.rawValue, label: $0.rawValue.capitalized, selected: draft.commentPolicy == $0) },
            rubricNames: rubricNames,
            errors: FieldErrors(problems), hasErrors: !problems.isEmpty,
            hasConflict: conflict != nil, conflict: conflict ?? "",
            hasPreview: preview, previewHTML: preview ? try await store.renderBody(draft.body) : "",
            lockedBy: lockedBy, isLockedByOther: !lockedBy.isEmpty,
            transitions: transitions, hasTransitions: !transitions.isEmpty,
            mayEdit: mayEdit,
            scheduledFor: story?.scheduledAt.map(pages.timeFormat.fullTime) ?? "",
            defaultScheduleTime: localTimeValue(now.addingTimeInterval(3600)),
            mayCurate: mayCurate, readNextURL: "/newsroom/stories/\(id)/read-next",
            readNextPinned: curation.pinned, readNextExcluded: curation.excluded, readNextError: curation.error
        )
        return HTML(body: try pages.theme.render(page, template: "nr-editor"), status: status)
    }

    static func transitionLabel(_ target: StoryStatus) -> String {
        switch target {
        case .draft: return "Return to draft"
        case .inReview: return "Submit for review"
        case .scheduled: return "Schedule"
        case .published: return "Publish now"
        case .unpublished: return "Unpublish"
        }
    }
}
