import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The story editor: new story, edit, preview, workflow moves, the soft lock and the
/// newsroom's Read next choices. Every decision is `NewsroomService`'s.
struct EditorController: Sendable {
    typealias Context = GazetteRequestContext
    let newsroom: NewsroomService
    let pages: NewsroomPages

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroomNewStory.routerPath, use: newStory)
        group.post(Route.newsroomStories.routerPath, use: createStory)
        group.get(Route.newsroomStory.routerPath, use: editor)
        group.post(Route.newsroomStory.routerPath, use: saveStory)
        group.post(Route.newsroomStoryStatus.routerPath, use: changeStatus)
        group.post(Route.newsroomStoryLock.routerPath, use: renewLock)
        group.post(Route.newsroomStoryTakeOver.routerPath, use: takeOver)
        group.post(Route.newsroomStoryReadNext.routerPath, use: saveReadNext)
        group.post(Route.newsroomRevisionRestore.routerPath, use: restore)
    }

    /// The story named in the path, if this person may do `action` to it.
    private func story(_ context: Context, _ identity: Identity, for action: NewsroomAction) async throws -> Story {
        try await newsroom.story(try context.uuid("id", "The story"), for: action, by: identity.actor)
    }

    @Sendable func newStory(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("write stories", \.writesStories)
        return try await editorPage(identity, request, story: nil, draft: newsroom.blankDraft(by: identity.actor))
    }

    @Sendable func createStory(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("write stories", \.writesStories)
        let form = try await identity.decode(StoryForm.self, request)
        let draft = try form.draft()
        if form.isPreview {
            let html = try await newsroom.preview(draft, of: nil, by: identity.actor)
            return try await editorPage(identity, request, story: nil, draft: draft, previewHTML: html).response
        }
        do {
            let story = try await newsroom.create(draft, by: identity.actor)
            // The author has the story open now.
            _ = try await newsroom.lock(story, by: identity.actor)
            return .seeOther(SiteURL.newsroomStory(story.id, notice: .created).path)
        } catch let error as ValidationFailed {
            return try await editorPage(identity, request, story: nil, draft: draft, problems: error.problems, status: .unprocessableContent).response
        }
    }

    /// Opening the editor only reads: it shows who else holds the lock, and the page's script
    /// takes the lock for this person.
    @Sendable func editor(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("write stories", \.writesStories)
        let story = try await story(context, identity, for: .read)
        let lockedBy = try await newsroom.lockHolder(story, for: identity.actor) ?? ""
        return try await editorPage(identity, request, story: story, draft: StoryDraft(story), lockedBy: lockedBy)
    }

    @Sendable func saveStory(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("write stories", \.writesStories)
        let form = try await identity.decode(StoryForm.self, request)
        let story = try await story(context, identity, for: form.isPreview ? .preview : .edit)
        let draft = try form.draft()
        guard let version = form.version.flatMap(Int.init) else { throw ContentError.invalid(field: "version", reason: "is missing") }
        if form.isPreview {
            let html = try await newsroom.preview(draft, of: story, by: identity.actor)
            return try await editorPage(identity, request, story: story, draft: draft, version: version, previewHTML: html).response
        }
        do {
            let saved = try await newsroom.save(story, draft: draft, expectedVersion: version, by: identity.actor)
            _ = try await newsroom.lock(saved, by: identity.actor)
            return .seeOther(SiteURL.newsroomStory(story.id, notice: .saved).path)
        } catch let error as ValidationFailed {
            return try await editorPage(identity, request, story: story, draft: draft, version: version, problems: error.problems, status: .unprocessableContent)
                .response
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            // Nothing is lost: the form comes back with this person's text and the version
            // they started from, and says who saved in between.
            return try await editorPage(identity, request, story: story, draft: draft, version: version, conflict: error.message, status: .conflict)
                .response
        }
    }

    @Sendable func changeStatus(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("change a story's status", \.writesStories)
        let form = try await identity.decode(StatusForm.self, request)
        guard let target = form.target.flatMap(StoryStatus.init(rawValue:)) else {
            throw ContentError.invalid(field: "target", reason: "is not a story status")
        }
        let story = try await story(context, identity, for: .move(to: target))
        let at = try form.at.flatMap { $0.isEmpty ? nil : $0 }.map { text -> Date in
            guard let date = pages.parseLocalTime(text) else { throw ContentError.invalid(field: "at", reason: "is not a date and time") }
            return date
        }
        do {
            _ = try await newsroom.move(story, to: target, at: at, expectedVersion: form.version.flatMap(Int.init), by: identity.actor)
        } catch let error as ValidationFailed {
            return try await editorPage(identity, request, story: story, draft: StoryDraft(story), problems: error.problems, status: .unprocessableContent)
                .response
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            return try await editorPage(identity, request, story: story, draft: StoryDraft(story), conflict: error.message, status: .conflict)
                .response
        }
        return .seeOther(SiteURL.newsroomStory(story.id, notice: Notice(rawValue: target.rawValue)).path)
    }

    /// Called by the editor's script while the page is open, so the lock does not lapse.
    @Sendable func renewLock(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("edit stories", \.writesStories)
        _ = try await identity.decode(EmptyForm.self, request)
        // Only someone who may edit the story holds its lock, and only they learn who else does.
        let story = try await story(context, identity, for: .lock)
        guard let holder = try await newsroom.lock(story, by: identity.actor) else { return Response(status: .noContent) }
        return Response(
            status: .conflict, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "\(holder) is editing this story"))
        )
    }

    @Sendable func takeOver(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("take over stories", \.writesStories)
        let story = try await story(context, identity, for: .takeOver)
        _ = try await identity.decode(EmptyForm.self, request)
        _ = try await newsroom.lock(story, by: identity.actor, takeOver: true)
        return .seeOther(SiteURL.newsroomStory(story.id, notice: .tookOver).path)
    }

    /// Pins and exclusions for the story's Read next, slugs one per line.
    @Sendable func saveReadNext(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("choose Read next stories", \.writesStories)
        let story = try await story(context, identity, for: .curate)
        let form = try await identity.decode(ReadNextForm.self, request)
        do {
            _ = try await newsroom.setReadNext(
                of: story, pinned: ReadNextForm.slugs(form.pinned), excluded: ReadNextForm.slugs(form.excluded), by: identity.actor
            )
        } catch let error as ValidationFailed {
            return try await editorPage(
                identity, request, story: story, draft: StoryDraft(story),
                readNext: ReadNextCurationSlugs(pinned: ReadNextForm.slugs(form.pinned), excluded: ReadNextForm.slugs(form.excluded)),
                readNextError: error.message, status: .unprocessableContent
            ).response
        }
        return .seeOther(SiteURL.newsroomStory(story.id, notice: .readNext).path)
    }

    struct RestoreForm: CSRFProtectedForm {
        var _csrf: String?
        var version: String?
    }

    /// Restores a revision's content as a new version, from the revisions page.
    @Sendable func restore(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("restore revisions", \.writesStories)
        let story = try await story(context, identity, for: .edit)
        let form = try await identity.decode(RestoreForm.self, request)
        let revisionID = try context.uuid("revision", "The revision")
        do {
            _ = try await newsroom.restore(story, revision: revisionID, expectedVersion: form.version.flatMap(Int.init) ?? story.version, by: identity.actor)
        } catch let error as NewsroomError {
            guard case .conflict = error else { throw error }
            return try await editorPage(identity, request, story: story, draft: StoryDraft(story), conflict: error.message, status: .conflict).response
        }
        return .seeOther(SiteURL.newsroomStory(story.id, notice: .restored).path)
    }

    private func editorPage(
        _ identity: Identity, _ request: Request, story: Story?, draft: StoryDraft, version: Int? = nil,
        problems: [String: String] = [:], conflict: String? = nil, previewHTML: String? = nil, lockedBy: String = "",
        readNext: ReadNextCurationSlugs? = nil, readNextError: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let actor = identity.actor
        let rubricNames = try await newsroom.rubrics().map(\.name)
        let photos = try await newsroom.photoChoices(including: draft.leadPhoto)
        let lead = draft.leadPhoto.flatMap { id in photos.first { $0.id == id } }
        let mayCurate = story.map { NewsroomPolicy.may(.curate, on: $0.accessFacts, by: actor) } ?? false
        var curation = readNext ?? ReadNextCurationSlugs()
        if readNext == nil, mayCurate, let story { curation = try await newsroom.readNextChoices(of: story, by: actor) }
        let transitions = story.map { story in
            NewsroomPolicy.moves(on: story.accessFacts, by: actor).map {
                TransitionModel(target: $0.rawValue, label: TransitionModel.label($0), needsTime: $0 == .scheduled)
            }
        } ?? []
        let id = story?.id ?? UUID()
        let page = EditorPage(
            nr: pages.layout(title: story == nil ? "New story" : "Edit: \(draft.headline)", identity: identity, request: request),
            isNew: story == nil,
            action: story == nil ? SiteURL.newsroomStories().path : SiteURL.newsroomStory(id).path,
            takeOverURL: SiteURL.newsroomStoryAction(id, .takeOver).path,
            revisionsURL: SiteURL.newsroomRevisions(id).path,
            statusURL: SiteURL.newsroomStoryAction(id, .status).path,
            lockURL: SiteURL.newsroomStoryAction(id, .lock).path,
            publicURL: story.map { SiteURL.article(slug: $0.slug).path } ?? "",
            isPublished: story?.status == .published,
            status: story?.status.label ?? "new",
            version: version ?? story?.version ?? 0,
            headline: draft.headline, lead: draft.lead, body: draft.body, slug: draft.slug, rubric: draft.rubric,
            tags: draft.tags.joined(separator: ", "), authors: draft.authors.joined(separator: ", "),
            seoTitle: draft.seoTitle, seoDescription: draft.seoDescription, pinned: draft.pinned, breaking: draft.breaking,
            policies: CommentPolicy.allCases.map { OptionModel(value: $0.rawValue, label: $0.rawValue.capitalized, selected: draft.commentPolicy == $0) },
            photoOptions: [OptionModel(value: "", label: "No lead photo", selected: draft.leadPhoto == nil)] + photos.map { photo in
                OptionModel(
                    value: photo.id.uuidString.lowercased(),
                    label: photo.fileName + (photo.caption.isEmpty ? "" : " — " + String(photo.caption.prefix(60))) + (photo.hasAltText ? "" : " (no alt text)"),
                    selected: photo.id == draft.leadPhoto
                )
            },
            hasLeadPhoto: lead != nil, leadPhotoPreview: lead.map { SiteURL.photo($0, .width(320, .jpeg)).path } ?? "",
            leadPhotoAlt: lead?.altText ?? "", mediaURL: SiteURL.newsroomMedia().path,
            rubricNames: rubricNames,
            errors: FieldErrors(problems), hasErrors: !problems.isEmpty,
            hasConflict: conflict != nil, conflict: conflict ?? "",
            hasPreview: previewHTML != nil, previewHTML: previewHTML ?? "",
            lockedBy: lockedBy, isLockedByOther: !lockedBy.isEmpty,
            transitions: transitions, hasTransitions: !transitions.isEmpty,
            mayEdit: story.map { NewsroomPolicy.may(.edit, on: $0.accessFacts, by: actor) } ?? true,
            scheduledFor: story?.scheduledAt.map(pages.timeFormat.fullTime) ?? "",
            defaultScheduleTime: pages.localTimeValue(pages.now().addingTimeInterval(3600)),
            mayCurate: mayCurate, readNextURL: SiteURL.newsroomStoryAction(id, .readNext).path,
            readNextPinned: curation.pinned.joined(separator: "\n"), readNextExcluded: curation.excluded.joined(separator: "\n"),
            readNextError: readNextError
        )
        return try pages.render(page, "nr-editor", status: status)
    }
}
