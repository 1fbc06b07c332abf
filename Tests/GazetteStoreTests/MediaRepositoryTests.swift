import Foundation
import GazetteCore
@testable import GazetteStore
import GazetteTestSupport
import SQLKit
import Testing

@Suite("Photo storage")
struct MediaRepositoryTests {
    @Test("originals live in the folder (SQLite) or the database (PostgreSQL); a node without a variant makes it again", arguments: TestDatabase.all)
    func storage(database: TestDatabase) async throws {
        try await database.withStore { store in
            let bytes = PhotoFixtures.jpeg(width: 1400, height: 900, seed: 12)
            let added = try await store.media.add(bytes, fileName: "x.jpg", limits: PhotoLimits(), by: nil).value
            #expect(added.created)
            let rows = try await (store.db as! any SQLDatabase).select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("photo_originals").first()?.decode(column: "n", as: Int.self)
            let folder = store.mediaDirectory.appendingPathComponent("originals")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if store.isPostgres {
                #expect(rows == 1 && files.isEmpty, "PostgreSQL keeps originals in the database")
            } else {
                #expect(rows == 0 && files.count == 1, "SQLite keeps originals beside its file")
            }
            #expect(try await store.media.original(of: added.photo) == bytes)
            // Another node: no variants on its disk.
            try FileManager.default.removeItem(at: store.variantShelf.url(added.photo.key))
            #expect(store.media.cachedVariant(key: added.photo.key, name: "w640.webp") == nil)
            let made = try #require(try await store.media.variant(.width(640, .webp), of: added.photo))
            #expect(try PhotoProcessor.inspect(made, limits: PhotoLimits()).width == 640)
            #expect(store.media.cachedVariant(key: added.photo.key, name: "w640.webp") == made)
            // A variant the photo has not (wider than it) is none.
            #expect(try await store.media.variant(.width(2048, .jpeg), of: added.photo) == nil)
            // A new focal point: new variant addresses; the old ones' files are gone from this node.
            let moved = try await store.media.update(id: added.photo.id, PhotoEdit(altText: "x", focus: FocalPoint(x: 0.2, y: 0.5))).value
            #expect(moved.key != added.photo.key)
            #expect(store.media.cachedVariant(key: added.photo.key, name: "w640.webp") == nil)
            #expect(try await store.media.variant(.crop(.square), of: moved) != nil)
        }
    }
}
