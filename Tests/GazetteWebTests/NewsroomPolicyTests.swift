import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The gaps a review found in who may do what, each through the pages or the Admin API.
@Suite("Newsroom rules")
struct NewsroomPolicyTests {
    /// Ana (author) writes a draft; returns its id.
    func anasDraft(_ client: any TestClientProtocol) async throws -> (Browser, String) {
        let ana = Browser(client)
        let csrf = try await ana.logIn("ana@example.org")
        let created = try await ana.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: csrf)
        #expect(created.status == .seeOther)
        return (ana, try NewsroomFlowTests.storyID(from: created.location))
    }

    @Test("an author's API token cannot read someone else's draft; an editor's can", arguments: TestDatabase.all)
    func apiRead(database: TestDatabase) async throws {
        let tokens = LockedValue(("", ""))
        try await withApp(database, demo: false, prepare: { store in
            try await addStaff(store)
            tokens.value = (try await store.users.createToken(name: "Freelance", role: .author).secret, try await store.users.createToken(name: "Desk", role: .editor).secret)
        }) { client in
            let (_, id) = try await anasDraft(client)
            let asAuthor = try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .get, headers: [.authorization: "Bearer \(tokens.value.0)"])
            #expect(asAuthor.status == .forbidden)
            #expect(!asAuthor.text.contains("Envoy visits Kabul"))
            let asEditor = try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .get, headers: [.authorization: "Bearer \(tokens.value.1)"])
            #expect(asEditor.status == .ok)
        }
    }

    @Test("another author can neither take the lock nor learn who holds it, nor preview the story", arguments: TestDatabase.all)
    func lockAndPreview(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let (ana, id) = try await anasDraft(client)
            _ = try await ana.get("/newsroom/stories/\(id)")  // Ana holds the lock
            let otto = Browser(client)
            let csrf = try await otto.logIn("otto@example.org")
            let lock = try await otto.post("/newsroom/stories/\(id)/lock", [], csrf: csrf)
            #expect(lock.status == .forbidden)
            #expect(!lock.text.contains("Ana Author"))
            #expect(try await otto.get("/newsroom/stories/\(id)").status == .forbidden)
            var fields = NewsroomFlowTests.storyFields
            fields[7] = ("intent", "preview")
            fields.append(("version", "1"))
            let preview = try await otto.post("/newsroom/stories/\(id)", fields, csrf: csrf)
            #expect(preview.status == .forbidden)
            #expect(!preview.text.contains("First paragraph."))
            // The editor may do both.
            let eda = Browser(client)
            let edaCSRF = try await eda.logIn("eda@example.org")
            #expect(try await eda.post("/newsroom/stories/\(id)", fields, csrf: edaCSRF).status == .ok)
            #expect(try await eda.post("/newsroom/stories/\(id)/lock", [], csrf: edaCSRF).status == .conflict)
        }
    }

    @Test("authors use rubrics, tags and author profiles that exist; naming new ones is refused", arguments: TestDatabase.all)
    func taxonomy(database: TestDatabase) async throws {
        try await withApp(database, demo: false, prepare: addStaff) { client in
            let ana = Browser(client)
            let csrf = try await ana.logIn("ana@example.org")
            var fields = NewsroomFlowTests.storyFields
            fields[3] = ("rubric", "Secret Rubric")
            fields[4] = ("tags", "Russia, Brand-new tag")
            fields[5] = ("authors", "Ana Author, Invented Person")
            let refused = try await ana.post("/newsroom/stories", fields, csrf: csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("There is no rubric"))
            #expect(refused.text.contains("There is no tag"))
            #expect(refused.text.contains("There is no author profile"))
            #expect(try await client.execute(uri: "/rubrics/secret-rubric", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/tags/brand-new-tag", method: .get).status == .notFound)
            // Her own name as author is fine; an editor may name new ones.
            #expect(try await ana.post("/newsroom/stories", NewsroomFlowTests.storyFields, csrf: csrf).status == .seeOther)
            let eda = Browser(client)
            #expect(try await eda.post("/newsroom/stories", fields, csrf: try await eda.logIn("eda@example.org")).status == .seeOther)
        }
    }

    @Test("an unpublished story leaves every Read next at once", arguments: TestDatabase.all)
    func takedown(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, demo: false, configure: { $0.readNextResyncInterval = 3_600 }, prepare: { store in
            try await ReadNextPageTests().prepare(store)
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            var list = ""
            for _ in 0..<100 {
                list = ReadNextPageTests.readNextSection(try await client.execute(uri: "/news/zeppelin-factory", method: .get).text)
                if list.contains("/news/zeppelin-hires\"") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(list.contains("/news/zeppelin-hires\""))
            let id = try await ReadNextPageTests().id(of: "zeppelin-hires", client)
            let unpublished = try await client.execute(uri: "/api/v1/admin/articles/\(id)/unpublish", method: .post, headers: [.authorization: "Bearer \(token.value)"])
            #expect(unpublished.status == .ok)
            let after = ReadNextPageTests.readNextSection(try await client.execute(uri: "/news/zeppelin-factory", method: .get).text)
            #expect(!after.contains("/news/zeppelin-hires\""))
        }
    }
}
