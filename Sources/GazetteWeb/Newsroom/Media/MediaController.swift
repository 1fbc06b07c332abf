import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The photo library in the newsroom: upload several files at once, search, edit caption,
/// credit, copyright, alt text and focal point, see which stories use a photo, delete one
/// no story uses.
struct MediaController: Sendable {
    typealias Context = GazetteRequestContext
    let media: MediaService
    let pages: NewsroomPages

    struct ListQuery: Decodable {
        var q: String?
        var page: Int?
    }

    struct EditForm: CSRFProtectedForm {
        var _csrf: String?
        var caption: String?
        var credit: String?
        var copyright: String?
        var altText: String?
        var focusX: Double?
        var focusY: Double?
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroomMedia.routerPath, use: list)
        group.post(Route.newsroomMedia.routerPath, use: upload)
        group.get(Route.newsroomPhoto.routerPath, use: show)
        group.post(Route.newsroomPhoto.routerPath, use: save)
        group.post(Route.newsroomPhotoDelete.routerPath, use: delete)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("use the photo library", \.writesStories)
        return try await libraryPage(identity: identity, request: request, results: [])
    }

    @Sendable func upload(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("upload photos", \.writesStories)
        // Several files of the size limit each, plus the form's own fields.
        let body = try await MultipartBody.read(request, maxBytes: media.limits.maxBytes * 4 + 1_000_000)
        guard let sent = body.fields["_csrf"], Secrets.equal(sent, identity.csrfToken) else { throw CSRFRejected() }
        let files = body.files.filter { !($0.fileName.isEmpty && $0.bytes.isEmpty) }
        guard !files.isEmpty else { throw Problem(.badRequest, "Choose at least one photo to upload.") }
        let outcomes = try await media.upload(files.map { .init(fileName: $0.fileName, bytes: $0.bytes) }, by: identity.actor)
        let results = outcomes.map { outcome -> UploadResultModel in
            switch outcome {
            case .added(let added):
                return UploadResultModel(
                    fileName: added.photo.fileName, ok: true,
                    message: added.created ? "Added. Give it alt text before it appears in a published story." : "Already in the library.",
                    url: SiteURL.newsroomPhoto(added.photo.id).path
                )
            case .refused(let name, let reason):
                return UploadResultModel(fileName: EmbeddedCredits.clean(name), ok: false, message: reason.problem.detail, url: "")
            }
        }
        // All refused: the first refusal's status (413, 415, 422), so a script sees the failure.
        let status: HTTPResponse.Status = outcomes.contains { if case .added = $0 { true } else { false } }
            ? .ok : outcomes.compactMap { if case .refused(_, let reason) = $0 { reason.problem.status } else { nil } }.first ?? .unprocessableContent
        return try await libraryPage(identity: identity, request: request, results: results, status: status)
    }

    private func libraryPage(identity: Identity, request: Request, results: [UploadResultModel], status: HTTPResponse.Status = .ok) async throws -> HTML {
        let query = try FormBody.query(ListQuery.self, request)
        let search = query.q ?? ""
        let list = try await media.list(search: search, page: PageQuery(page: max(1, query.page ?? 1), limit: 24), by: identity.actor)
        let model = MediaPage(
            nr: pages.layout(title: "Photos", identity: identity, request: request), action: SiteURL.newsroomMedia().path,
            search: search, photos: list.items.map(PhotoCardModel.init), hasPhotos: !list.items.isEmpty, total: list.total,
            results: results, hasResults: !results.isEmpty, maxMB: media.limits.maxBytes >> 20,
            pagination: PaginationModel.make(list) { SiteURL.newsroomMedia(search: search.isEmpty ? nil : search, page: $0).path }
        )
        return try pages.render(model, "nr-media", status: status)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("use the photo library", \.writesStories)
        let (photo, uses) = try await media.photo(try context.uuid("id", "The photo"), by: identity.actor)
        return try photoPage(photo, edit: PhotoEdit(photo), uses: uses, identity: identity, request: request, errors: [])
    }

    @Sendable func save(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("edit photos", \.writesStories)
        let id = try context.uuid("id", "The photo")
        let form = try await identity.decode(EditForm.self, request)
        let edit = PhotoEdit(
            caption: form.caption ?? "", credit: form.credit ?? "", copyright: form.copyright ?? "", altText: form.altText ?? "",
            focus: FocalPoint(x: (form.focusX ?? 50) / 100, y: (form.focusY ?? 50) / 100)
        )
        do {
            _ = try await media.update(id, edit, by: identity.actor)
        } catch let error as ValidationFailed {
            let (photo, uses) = try await media.photo(id, by: identity.actor)
            return try photoPage(photo, edit: edit, uses: uses, identity: identity, request: request, errors: error.problems.values.sorted())
                .response
        }
        return .seeOther(SiteURL.newsroomPhoto(id, notice: .updated).path)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.require("delete photos", \.editsAll)
        let id = try context.uuid("id", "The photo")
        _ = try await identity.decode(EmptyForm.self, request)
        try await media.delete(id, by: identity.actor)
        return .seeOther(SiteURL.newsroomMedia(notice: .deleted).path)
    }

    private func photoPage(_ photo: Photo, edit: PhotoEdit, uses: [PhotoUse], identity: Identity, request: Request, errors: [String]) throws -> HTML {
        let model = PhotoPage(
            nr: pages.layout(title: photo.fileName, identity: identity, request: request), photo: photo, edit: edit, uses: uses,
            mayDelete: identity.user.role.editsAll, errors: errors
        )
        return try pages.render(model, "nr-photo", status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
