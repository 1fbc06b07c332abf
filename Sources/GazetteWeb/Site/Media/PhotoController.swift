import Foundation
import GazetteCore
import GazetteStore
import HTTPTypes
import Hummingbird

/// Photo variants at `/media/{id}/{key}/{variant}`. The key changes with the file, its focal
/// point and the recipe, so an answer never changes and may be cached for a year. A variant
/// this node has on disk is served without asking the database; one it lacks is made from the
/// original (a new node in a cluster, a cleared cache).
struct PhotoController: Sendable {
    typealias Context = GazetteRequestContext
    let media: MediaRepository
    let memory: PhotoMemory

    func addRoutes(to router: Router<Context>) {
        router.get(Route.photoVariant.routerPath, use: variant)
    }

    /// Keys are 16 lower-case hex digits: checked before the key names a folder.
    static func isKey(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    @Sendable func variant(_ request: Request, context: Context) async throws -> Response {
        let id = try context.uuid("id", "The photo")
        guard let key = context.parameters.get("key"), Self.isKey(key),
              let name = context.parameters.get("variant"), let variant = PhotoVariant(name: name)
        else { throw ContentError.notFound("The photo") }
        let etag = "\"\(key)-\(variant.name)\""
        if let bytes = media.cachedVariant(key: key, name: variant.name) {
            return answer(bytes, variant: variant, etag: etag, request: request)
        }
        guard let photo = try await media.photo(id: id), photo.variants.contains(variant) else { throw ContentError.notFound("The photo") }
        guard photo.key == key else {
            // An address from before the focal point moved: the current picture.
            return Response(status: .movedPermanently, headers: [.location: SiteURL.photo(photo, variant).path])
        }
        guard let bytes = try await media.variant(variant, of: photo) else { throw ContentError.notFound("The photo") }
        return answer(bytes, variant: variant, etag: etag, request: request)
    }

    /// The answer, and the variant kept in memory for the next request of its address.
    func answer(_ bytes: [UInt8], variant: PhotoVariant, etag: String, request: Request) -> Response {
        let kept = PhotoMemory.Variant(body: ByteBuffer(bytes: bytes), contentType: variant.format.contentType, etag: etag)
        if memory.capacityBytes > 0 { memory.keep(kept, at: request.uri.path) }
        return PhotoMemory.answer(kept, request: request).response
    }
}
