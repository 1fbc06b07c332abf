import Foundation
import GazetteCore
import GazetteStore

/// The photo desk's use cases for the newsroom pages and the Admin API: who may upload,
/// edit and delete, and the events an edit commits (the pages showing the photo).
struct MediaService: Sendable {
    let store: Store
    let events: EventBus
    let limits: PhotoLimits
    let now: @Sendable () -> Date

    /// One file of an upload, as sent: its name is only ever shown.
    struct Upload: Sendable {
        var fileName: String
        var bytes: [UInt8]
    }

    /// One upload's outcome, in the order the files came.
    enum Outcome: Sendable {
        case added(MediaRepository.Added)
        case refused(fileName: String, reason: MediaRepository.MediaError)
    }

    /// Adds each file; a refused file is reported with its reason and does not stop the rest.
    func upload(_ files: [Upload], by actor: NewsroomActor) async throws -> [Outcome] {
        try NewsroomPolicy.check(.write, by: actor)
        var outcomes: [Outcome] = []
        for file in files {
            do {
                let added = await events.publish(try await store.media.add(file.bytes, fileName: file.fileName, limits: limits, by: actor.userID, now: now()))
                outcomes.append(.added(added))
            } catch let error as MediaRepository.MediaError {
                outcomes.append(.refused(fileName: file.fileName, reason: error))
            }
        }
        return outcomes
    }

    func list(search: String, page: PageQuery, by actor: NewsroomActor) async throws -> PagedList<Photo> {
        try NewsroomPolicy.check(.write, by: actor)
        return try await store.media.list(search: search, page: page)
    }

    func photo(_ id: UUID, by actor: NewsroomActor) async throws -> (Photo, [PhotoUse]) {
        try NewsroomPolicy.check(.write, by: actor)
        guard let photo = try await store.media.photo(id: id) else { throw MediaRepository.MediaError.notFound }
        return (photo, try await store.media.uses(of: id))
    }

    func update(_ id: UUID, _ edit: PhotoEdit, by actor: NewsroomActor) async throws -> Photo {
        try NewsroomPolicy.check(.write, by: actor)
        return await events.publish(try await store.media.update(id: id, edit, now: now()))
    }

    /// Editors and admins delete; a photo a story shows is refused (409).
    func delete(_ id: UUID, by actor: NewsroomActor) async throws {
        guard actor.role.editsAll else { throw NewsroomError.forbidden("delete photos") }
        await events.publish(try await store.media.delete(id: id))
    }
}
