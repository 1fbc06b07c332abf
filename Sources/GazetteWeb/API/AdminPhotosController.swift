import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The photo library over the Admin API: upload (multipart, one or more files in `photos`),
/// list and search, read, edit the texts and focal point, delete.
struct AdminPhotosController: Sendable {
    typealias Context = GazetteRequestContext
    let media: MediaService
    let accounts: AccountService

    struct PhotoJSON: Encodable {
        struct Size: Encodable {
            var name: String
            var url: String
            var width: Int
            var height: Int
        }

        var id: UUID
        var fileName: String
        var format: String
        var width: Int
        var height: Int
        var caption: String
        var credit: String
        var copyright: String
        var altText: String
        var focusX: Double
        var focusY: Double
        var markdown: String
        var sizes: [Size]
        var createdAt: Date
        var updatedAt: Date

        init(_ photo: Photo) {
            id = photo.id
            fileName = photo.fileName
            format = photo.format.rawValue
            width = photo.width
            height = photo.height
            caption = photo.caption
            credit = photo.credit
            copyright = photo.copyright
            altText = photo.altText
            focusX = photo.focus.x
            focusY = photo.focus.y
            markdown = photo.markdownReference
            sizes = photo.variants.map { variant in
                let size = photo.size(of: variant)
                return Size(name: variant.name, url: SiteURL.photo(photo, variant).path, width: size.width, height: size.height)
            }
            createdAt = photo.createdAt
            updatedAt = photo.updatedAt
        }
    }

    struct UploadJSON: Encodable {
        struct Refused: Encodable {
            var fileName: String
            var status: Int
            var detail: String
        }

        var created: [PhotoJSON]
        var existing: [PhotoJSON]
        var refused: [Refused]
    }

    struct PhotoListJSON: Encodable {
        var items: [PhotoJSON]
        var paging: ContentAPIController.Paging
    }

    struct PhotoInput: Decodable {
        var caption: String?
        var credit: String?
        var copyright: String?
        var altText: String?
        var focusX: Double?
        var focusY: Double?
    }

    func addRoutes(to router: Router<Context>) {
        router.get(Route.adminPhotos.routerPath, use: list)
        router.post(Route.adminPhotos.routerPath, use: upload)
        router.get(Route.adminPhoto.routerPath, use: show)
        router.patch(Route.adminPhoto.routerPath, use: update)
        router.delete(Route.adminPhoto.routerPath, use: delete)
    }

    private func actor(_ request: Request) async throws -> NewsroomActor {
        try await AdminAPIController.actor(request, accounts: accounts)
    }

    @Sendable func upload(_ request: Request, context: Context) async throws -> Response {
        let actor = try await actor(request)
        let body = try await MultipartBody.read(request, maxBytes: media.limits.maxBytes * 4 + 1_000_000)
        let files = body.files.filter { !$0.bytes.isEmpty || !$0.fileName.isEmpty }
        guard !files.isEmpty else { throw Problem(.badRequest, "Send one or more files in the field \"photos\".") }
        var result = UploadJSON(created: [], existing: [], refused: [])
        var firstRefusal: Problem?
        for outcome in try await media.upload(files.map { .init(fileName: $0.fileName, bytes: $0.bytes) }, by: actor) {
            switch outcome {
            case .added(let added):
                if added.created { result.created.append(PhotoJSON(added.photo)) } else { result.existing.append(PhotoJSON(added.photo)) }
            case .refused(let name, let reason):
                let problem = reason.problem
                firstRefusal = firstRefusal ?? problem
                result.refused.append(.init(fileName: EmbeddedCredits.clean(name), status: Int(problem.status.code), detail: problem.detail))
            }
        }
        // Nothing taken: the refusal itself, as a problem.
        if result.created.isEmpty, result.existing.isEmpty, let firstRefusal { throw firstRefusal }
        let status: HTTPResponse.Status = result.created.isEmpty ? .ok : .created
        return try JSON(value: result, status: status).response(from: request, context: context)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> JSON<PhotoListJSON> {
        let actor = try await actor(request)
        let query = request.uri.queryParameters
        let page = try PageQuery.parse(page: query.get("page"), limit: query.get("limit"), defaultLimit: 20)
        let list = try await media.list(search: query.get("q") ?? "", page: page, by: actor)
        return JSON(value: PhotoListJSON(
            items: list.items.map(PhotoJSON.init),
            paging: .init(page: page.page, limit: page.limit, total: list.total, pages: list.pageCount)
        ))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSON<PhotoJSON> {
        let actor = try await actor(request)
        return JSON(value: PhotoJSON(try await media.photo(try context.uuid("id", "The photo"), by: actor).0))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> JSON<PhotoJSON> {
        let actor = try await actor(request)
        let id = try context.uuid("id", "The photo")
        let input = try await JSONBody.decode(PhotoInput.self, request)
        let (photo, _) = try await media.photo(id, by: actor)
        var edit = PhotoEdit(photo)
        if let caption = input.caption { edit.caption = caption }
        if let credit = input.credit { edit.credit = credit }
        if let copyright = input.copyright { edit.copyright = copyright }
        if let altText = input.altText { edit.altText = altText }
        edit.focus = FocalPoint(x: input.focusX ?? edit.focus.x, y: input.focusY ?? edit.focus.y)
        return JSON(value: PhotoJSON(try await media.update(id, edit, by: actor)))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let actor = try await actor(request)
        try await media.delete(try context.uuid("id", "The photo"), by: actor)
        return Response(status: .noContent)
    }
}
