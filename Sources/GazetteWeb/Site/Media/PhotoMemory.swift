import Foundation
import GazetteCore
import GazetteStore
import HTTPTypes
import Hummingbird
import Synchronization

/// Recently served photo variants in memory, by address, least recently used first out
/// within a byte budget. A variant's address never changes what it shows, so nothing here is
/// ever stale; a deleted photo's variants are dropped by `forget(photo:)`.
final class PhotoMemory: Sendable {
    let capacityBytes: Int
    private let state: Mutex<State>

    struct Variant: Sendable {
        var body: ByteBuffer
        var contentType: String
        var etag: String
    }

    private struct State {
        var entries: [String: (variant: Variant, lastUse: UInt64)] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
        state = Mutex(State())
    }

    func variant(_ path: String) -> Variant? {
        state.withLock { state in
            state.clock &+= 1
            guard let entry = state.entries[path] else { return nil }
            state.entries[path]?.lastUse = state.clock
            return entry.variant
        }
    }

    func keep(_ variant: Variant, at path: String) {
        let size = variant.body.readableBytes
        guard size <= capacityBytes / 4 else { return }
        state.withLock { state in
            state.clock &+= 1
            if let old = state.entries[path] { state.bytes -= old.variant.body.readableBytes }
            state.entries[path] = (variant, state.clock)
            state.bytes += size
            while state.bytes > capacityBytes, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.bytes -= oldest.value.variant.body.readableBytes
                state.entries[oldest.key] = nil
            }
        }
    }

    /// Drops every variant of a photo (its addresses start with `/media/{id}/`).
    func forget(photoPathPrefix prefix: String) {
        state.withLock { state in
            for key in state.entries.keys where key.hasPrefix(prefix) {
                state.bytes -= state.entries[key]!.variant.body.readableBytes
                state.entries[key] = nil
            }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// The answer for a variant, a `304` when the client has it.
    static func answer(_ variant: Variant, request: Request) -> MemoryAnswer {
        let headers: HTTPFields = [
            .contentType: variant.contentType, .eTag: variant.etag, .cacheControl: "public, max-age=31536000, immutable",
            .xContentTypeOptions: "nosniff",
        ]
        if PublicDocument.notModified(request, etag: variant.etag, lastModified: nil) {
            return MemoryAnswer(status: .notModified, headers: headers, body: nil)
        }
        return MemoryAnswer(status: .ok, headers: headers, body: variant.body)
    }
}

extension PhotoMemory: EventSubscriber {
    func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        for case .photo(.deleted(let id, _)) in events {
            forget(photoPathPrefix: Route.photoPrefix + id.uuidString.lowercased() + "/")
        }
    }
}

/// A GET for a photo variant this node served recently is answered from memory, without
/// routing, middleware or a file read (`MemoryAnswers`).
extension PhotoMemory: MemoryAnswering {
    var route: String { "photo-memory" }

    func answer(to request: Request, now: Date) -> MemoryAnswer? {
        guard capacityBytes > 0, request.uri.path.hasPrefix(Route.photoPrefix), let variant = variant(request.uri.path) else { return nil }
        return Self.answer(variant, request: request)
    }
}

/// Another node deleted a photo: this node's sizes of it on disk go too (the deleting node
/// removed its own), so no node serves a photo that left the library.
struct PhotoFilesSubscriber: EventSubscriber {
    let media: MediaRepository

    func receive(_ events: [SiteEvent], from origin: EventOrigin) async {
        guard origin == .otherNode else { return }
        for case .photo(.deleted(_, let key)) in events { media.forgetVariants(key: key) }
    }
}
