import CompressNIO
import Foundation
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Compression")
struct CompressionTests {
    func gunzip(_ body: ByteBuffer) throws -> String {
        var body = body
        return String(buffer: try body.decompress(with: .gzip()))
    }

    @Test("pages, feeds and JSON go gzipped when asked, identical once unpacked; Vary on every text response", arguments: TestDatabase.all)
    func gzip(database: TestDatabase) async throws {
        try await withApp(database) { client in
            for uri in ["/", "/news/\(demoArticle)", "/feed.xml", "/api/v1/articles", "/sitemap.xml", "/assets/site.css", "/no/such/page"] {
                let plain = try await client.execute(uri: uri, method: .get)
                let packed = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
                #expect(plain.headers[.contentEncoding] == nil, "\(uri)")
                #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true, "\(uri)")
                #expect(packed.status == plain.status, "\(uri)")
                #expect(packed.headers[.vary]?.contains("Accept-Encoding") == true, "\(uri)")
                if plain.body.readableBytes >= 1_024 {
                    #expect(packed.headers[.contentEncoding] == "gzip", "\(uri)")
                    #expect(packed.body.readableBytes < plain.body.readableBytes / 2, "\(uri): \(packed.body.readableBytes) of \(plain.body.readableBytes)")
                    // Byte for byte, the article's form token included (the clock stands still).
                    #expect(try gunzip(packed.body) == plain.text, "\(uri)")
                }
            }
            // The gzip variant has its own ETag, and both answer 304 to their own.
            let feed = try await client.execute(uri: "/feed.xml", method: .get, headers: [.acceptEncoding: "gzip"])
            let etag = try #require(feed.headers[.eTag])
            #expect(etag.hasSuffix("-gzip\""))
            let plainTag = try #require(try await client.execute(uri: "/feed.xml", method: .get).headers[.eTag])
            #expect(plainTag != etag)
            #expect(try await client.execute(uri: "/feed.xml", method: .get, headers: [.ifNoneMatch: plainTag]).status == .notModified)
            // Binary files and refusals stay as they are.
            #expect(try await client.execute(uri: "/feed.xml", method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"]).headers[.contentEncoding] == nil)
            #expect(try await client.execute(uri: "/healthz", method: .get, headers: [.acceptEncoding: "gzip"]).headers[.contentEncoding] == nil)
        }
    }

    @Test("Accept-Encoding is read as RFC 9110 says")
    func acceptEncoding() {
        #expect(Gzip.isAccepted("gzip"))
        #expect(Gzip.isAccepted("br;q=1.0, gzip;q=0.8, *;q=0.1"))
        #expect(Gzip.isAccepted("*"))
        #expect(!Gzip.isAccepted("gzip;q=0"))
        #expect(!Gzip.isAccepted("gzip;q=0.000, *"))
        #expect(!Gzip.isAccepted("br, deflate"))
        #expect(!Gzip.isAccepted(nil))
        #expect(!Gzip.isAccepted("*;q=0"))
        #expect(Gzip.isAccepted("gzip;q=0.5"))
    }
}
