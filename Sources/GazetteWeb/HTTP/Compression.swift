import CompressNIO
import Hummingbird
import NIOCore

/// gzip for text responses (pages, feeds, sitemaps, JSON, CSS, JavaScript) when the client
/// accepts it, with `Vary: Accept-Encoding` on every response whose body could be either, so a
/// cache in front never hands one client's encoding to another. Small bodies and binary types
/// (images, fonts) go as they are. An `ETag` names the gzip variant apart (`"…-gzip"`).
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Below this a body gains too little to be worth the work.
    var minimumBytes = 1_024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // Pages from the page cache come in the encoding asked for, with their Vary.
        guard response.headers[.gazetteCache] == nil, let type = response.headers[.contentType], Self.isCompressible(type) else { return response }
        response.headers[.vary] = Self.varying(response.headers[.vary])
        // Pages and error pages alike; not what has no body or is a part of one.
        guard ![.noContent, .notModified, .partialContent].contains(response.status), response.headers[.contentEncoding] == nil,
              Gzip.isAccepted(request.headers[.acceptEncoding]) else { return response }
        let collector = Collector()
        try await response.body.write(collector)
        let body = collector.buffer
        guard body.readableBytes >= minimumBytes else {
            response.body = .init(byteBuffer: body)
            return response
        }
        let compressed = try Gzip.compress(body, as: .gzip(), flush: .finish)
        response.body = .init(byteBuffer: compressed)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        if let etag = response.headers[.eTag], etag.hasSuffix("\"") {
            response.headers[.eTag] = Gzip.tag(etag)
        }
        return response
    }

    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.hasPrefix("text/") || ["application/json", "application/xml", "image/svg+xml", "application/javascript"].contains(type)
            || type.hasSuffix("+json") || type.hasSuffix("+xml")
    }

    static func varying(_ existing: String?) -> String {
        guard let existing, !existing.isEmpty else { return "Accept-Encoding" }
        return existing.lowercased().contains("accept-encoding") ? existing : existing + ", Accept-Encoding"
    }

    /// Collects a response body into one buffer (the site's bodies are built in memory).
    final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()

        func write(_ part: ByteBuffer) async throws {
            buffer.writeImmutableBuffer(part)
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

/// What the middleware and the page cache both need of gzip: whether a client takes it, the
/// `ETag` of a gzip variant, and zlib's compression of a buffer.
enum Gzip {
    /// Whether `Accept-Encoding` allows gzip (`gzip`, `x-gzip` or `*`, and not with `q=0`).
    static func isAccepted(_ header: String?) -> Bool {
        guard let header else { return false }
        var star: Bool?
        for part in header.lowercased().split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = fields.first else { continue }
            let refused = fields.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && !$0.contains(where: { "123456789".contains($0) }) }
            if coding == "gzip" || coding == "x-gzip" { return !refused }
            if coding == "*" { star = !refused }
        }
        return star ?? false
    }

    /// The `ETag` of the gzip variant of the representation tagged `etag` (`"…-gzip"`).
    static func tag(_ etag: String) -> String { String(etag.dropLast()) + "-gzip\"" }

    /// `input` compressed as `algorithm` (gzip, or raw DEFLATE for the page cache's parts),
    /// ended with `flush` (`.finish`, or `.sync` to leave the stream open on a byte boundary).
    static func compress(_ input: ByteBuffer, as algorithm: CompressionAlgorithm, flush: CompressNIOFlush) throws -> ByteBuffer {
        var input = input
        let compressor = algorithm.compressor
        try compressor.startStream()
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input) + 64)
        try compressor.streamDeflate(from: &input, to: &output, flush: flush)
        try compressor.finishStream()
        return output
    }
}
