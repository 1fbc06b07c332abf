import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A rendered page ready to serve, whether it is kept by `PageCache` or made for one
/// response: its bytes in both encodings, its validators and caching headers, and the tags
/// of what it shows. A slot (the comment form's time token) is filled once per second, so
/// a hit is a lookup and a copy of headers.
final class CachedPage: Sendable {
    let body: PageBody
    let status: HTTPResponse.Status
    let tags: Set<PageTag>
    /// After this the page is rendered again (a time it shows has moved on: "today" in a list,
    /// a discussion that closes).
    let expires: Date?
    let byteCount: Int
    private let identityHeaders: HTTPFields
    private let gzipHeaders: HTTPFields
    private let lastModified: Date
    private let slotValue: (@Sendable (Date) -> String)?
    private let staticGzip: ByteBuffer?
    private let filled = Mutex<Filled?>(nil)

    private struct Filled {
        var second: Int
        var identity: ByteBuffer
        var gzip: ByteBuffer?
    }

    /// `cacheControl` nil: the page is public, with the site's page settings or the document's own `maxAge`.
    init(
        _ document: PublicDocument, settings: PageCacheSettings, now: Date, status: HTTPResponse.Status = .ok,
        cacheControl: String? = nil, headers extra: HTTPFields = [:], slotValue: (@Sendable (Date) -> String)? = nil
    ) throws {
        body = try PageBody(document.body)
        self.status = status
        tags = document.tags
        expires = document.expires
        self.slotValue = slotValue
        staticGzip = body.hasSlots ? nil : body.gzip(filling: "")
        lastModified = Date(timeIntervalSince1970: (document.lastModified ?? now).timeIntervalSince1970.rounded(.down))
        let control = cacheControl
            ?? document.maxAge.map { "public, max-age=\($0), stale-while-revalidate=\(settings.staleWhileRevalidate)" }
            ?? settings.pageCacheControl
        var headers: HTTPFields = [
            .contentType: document.contentType, .cacheControl: control, .vary: "Accept-Encoding",
            .lastModified: HTTPDate.format(lastModified), .eTag: body.etag,
        ]
        headers.append(contentsOf: extra)
        identityHeaders = headers
        headers[.eTag] = Gzip.tag(body.etag)
        headers[.contentEncoding] = "gzip"
        gzipHeaders = headers
        byteCount = body.byteCount + (staticGzip?.readableBytes ?? body.byteCount)
    }

    /// The response to `request`: `304` when the client has this page, gzip when it takes it.
    /// `cache` names how it was served (`hit`, `miss`, `bypass`) in `X-Gazette-Cache`.
    func response(for request: Request, now: Date, cache: String? = nil) -> Response {
        answer(for: request, now: now, cache: cache).response
    }

    /// The same as bytes and fields, for answers written without an `await` (`MemoryAnswers`).
    func answer(for request: Request, now: Date, cache: String? = nil) -> MemoryAnswer {
        let gzip = Gzip.isAccepted(request.headers[.acceptEncoding])
        var headers = gzip ? gzipHeaders : identityHeaders
        if let cache { headers[.gazetteCache] = cache }
        if status == .ok, notModified(request) {
            headers[.contentType] = nil
            headers[.contentEncoding] = nil
            return MemoryAnswer(status: .notModified, headers: headers, body: nil)
        }
        return MemoryAnswer(status: status, headers: headers, body: bytes(gzip: gzip, now: now))
    }

    private func notModified(_ request: Request) -> Bool {
        // Either encoding's tag names the same page.
        PublicDocument.notModified(request, etag: body.etag, lastModified: lastModified)
            || PublicDocument.notModified(request, etag: Gzip.tag(body.etag), lastModified: nil)
    }

    private func bytes(gzip: Bool, now: Date) -> ByteBuffer {
        guard body.hasSlots, let slotValue else { return gzip ? staticGzip ?? body.gzip(filling: "") : body.identity(filling: "") }
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        return filled.withLock { filled in
            if filled?.second != second {
                filled = Filled(second: second, identity: body.identity(filling: slotValue(now)))
            }
            guard gzip else { return filled!.identity }
            if let bytes = filled!.gzip { return bytes }
            let bytes = body.gzip(filling: slotValue(now))
            filled!.gzip = bytes
            return bytes
        }
    }
}

extension HTTPField.Name {
    /// How a page was served: `hit` (from memory), `miss` (rendered and kept) or `bypass`
    /// (rendered for this reader alone).
    static let gazetteCache = Self("X-Gazette-Cache")!
}
