import Foundation
import GazetteCore
import GazetteStore
import GazetteTestSupport
@testable import GazetteWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Checks JSON against the document's schemas: `$ref`, `oneOf`, `type`, `required`,
/// `properties`, `items`, `enum` — what the document uses.
struct SchemaCheck {
    let schemas: [String: Any]

    func errors(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let target = schemas[String(ref.split(separator: "/").last!)] as? [String: Any] else { return ["\(path): unknown \(ref)"] }
            return errors(value, target, at: path)
        }
        if let options = schema["oneOf"] as? [[String: Any]] {
            return options.contains { errors(value, $0, at: path).isEmpty } ? [] : ["\(path): matches no oneOf"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) { return ["\(path): \(value) not in enum"] }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
            var found = ((schema["required"] as? [String]) ?? []).filter { object[$0] == nil }.map { "\(path).\($0) missing" }
            for (key, property) in (schema["properties"] as? [String: Any]) ?? [:] {
                if let child = object[key], let property = property as? [String: Any] { found += errors(child, property, at: path + "." + key) }
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return ["\(path): not an array"] }
            guard let items = schema["items"] as? [String: Any] else { return [] }
            return array.enumerated().flatMap { errors($0.element, items, at: "\(path)[\($0.offset)]") }
        case "string": return value is String ? [] : ["\(path): not a string"]
        case "integer":
            return !Self.isBoolean(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } == true ? [] : ["\(path): not an integer"]
        case "boolean": return Self.isBoolean(value) ? [] : ["\(path): not a boolean"]
        case "null": return value is NSNull ? [] : ["\(path): not null"]
        default: return []
        }
    }
}

extension SchemaCheck {
    /// JSONSerialization gives booleans and numbers as NSNumber alike; the boolean is its own class.
    static func isBoolean(_ value: Any) -> Bool {
        String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self
    }
}

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("every route under /api/v1 is documented, and every documented operation is served")
    func everyRouteDocumented() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let config = AppConfig(database: store.location)
            let router = buildRouter(
                store: store, events: EventBus(), readNext: ReadNextService(store: store, now: { Date() }, logger: Logger(label: "test")), cache: PageCache(settings: config.pageCache),
                theme: try await Theme.load(from: Theme.defaultDirectory), newsroomTemplates: try await Theme.loadNewsroom(),
                config: config, secret: "secret"
            )
            let served = Set(router.routes.filter { $0.path.description.hasPrefix("/api/") }.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
            let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
            #expect(served == documented, "served only: \(served.subtracting(documented).sorted()); documented only: \(documented.subtracting(served).sorted())")
            #expect(served.count >= 18)
        }
    }

    /// Calls one operation and checks the answer against the document.
    final class Caller: @unchecked Sendable {
        let client: any TestClientProtocol
        let document: [String: Any]
        let check: SchemaCheck
        var called = Set<String>()

        init(_ client: any TestClientProtocol, document: [String: Any]) {
            self.client = client
            self.document = document
            self.check = SchemaCheck(schemas: ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:])
        }

        @discardableResult
        func call(
            _ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil, body: ByteBuffer? = nil, contentType: String? = nil,
            headers: HTTPFields = [:], expect: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws -> [String: Any] {
            var all = headers
            if json != nil { all[.contentType] = "application/json" }
            if let contentType { all[.contentType] = contentType }
            let response = try await client.execute(uri: uri, method: method, headers: all, body: json.map { ByteBuffer(string: $0) } ?? body)
            #expect(response.status == expect, "\(method) \(uri): \(String(buffer: response.body).prefix(300))", sourceLocation: sourceLocation)
            let operation = try #require(((document["paths"] as? [String: Any])?[template] as? [String: Any])?[method.rawValue.lowercased()] as? [String: Any],
                                         "\(method) \(template) is not documented", sourceLocation: sourceLocation)
            called.insert("\(method.rawValue.lowercased()) \(template)")
            let documented = try #require((operation["responses"] as? [String: Any])?[String(response.status.code)] as? [String: Any],
                                          "\(method) \(template) answered \(response.status.code), which is not documented", sourceLocation: sourceLocation)
            guard let content = documented["content"] as? [String: Any] else {
                #expect(response.body.readableBytes == 0, "\(method) \(template): a body where none is documented", sourceLocation: sourceLocation)
                return [:]
            }
            let type = try #require(content.keys.first)
            #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(method) \(template): \(response.headers[.contentType] ?? "") is not \(type)", sourceLocation: sourceLocation)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
            let schema = try #require((content[type] as? [String: Any])?["schema"] as? [String: Any])
            let errors = check.errors(body, schema)
            #expect(errors.isEmpty, "\(method) \(template): \(errors.prefix(5))", sourceLocation: sourceLocation)
            return body as? [String: Any] ?? [:]
        }
    }

    @Test("every documented operation answers as documented", arguments: TestDatabase.all)
    func operationsAnswerAsDocumented(database: TestDatabase) async throws {
        let token = LockedValue("")
        try await withApp(database, configure: openDiscussion, prepare: { store in
            token.value = try await store.users.createToken(name: "Desk", role: .editor).secret
        }) { client in
            let spec = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: spec.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let api = Caller(client, document: document)
            try await api.call(.get, "/api/v1/openapi.json", "/api/v1/openapi.json", expect: .ok)
            try await api.call(.get, "/api/v1/articles", "/api/v1/articles?limit=3", expect: .ok)
            try await api.call(.get, "/api/v1/articles", "/api/v1/articles?page=x", expect: .badRequest)
            try await api.call(.get, "/api/v1/articles/{slug}", "/api/v1/articles/\(demoArticle)", expect: .ok)
            try await api.call(.get, "/api/v1/articles/{slug}", "/api/v1/articles/no-such-story", expect: .notFound)
            try await api.call(.get, "/api/v1/search", "/api/v1/search?q=kabul", expect: .ok)
            try await api.call(.get, "/api/v1/search", "/api/v1/search?q=kabul&from=soon", expect: .badRequest)
            let comments = "/api/v1/articles/\(demoArticle)/comments"
            try await api.call(.get, "/api/v1/articles/{slug}/comments", comments, expect: .ok)
            try await api.call(.get, "/api/v1/articles/{slug}/comments", comments + "?sort=sideways", expect: .badRequest)
            let posted = try await api.call(.post, "/api/v1/articles/{slug}/comments", comments, json: #"{"name": "Reader", "text": "Documented words"}"#, expect: .created)
            try await api.call(.post, "/api/v1/articles/{slug}/comments", comments, json: #"{"name": "", "text": ""}"#, expect: .unprocessableContent)
            try await api.call(.post, "/api/v1/articles/{slug}/comments", comments, expect: .unsupportedMediaType)
            let comment = try #require((posted["comment"] as? [String: Any])?["id"] as? String)
            let edit: HTTPFields = [.xEditToken: try #require(posted["editToken"] as? String)]
            try await api.call(.patch, "/api/v1/comments/{id}", "/api/v1/comments/\(comment)", json: #"{"text": "Changed words"}"#, headers: edit, expect: .ok)
            try await api.call(.patch, "/api/v1/comments/{id}", "/api/v1/comments/\(comment)", json: #"{"text": "Not mine"}"#, expect: .forbidden)
            try await api.call(.post, "/api/v1/comments/{id}/vote", "/api/v1/comments/\(comment)/vote", json: #"{"value": 1}"#, expect: .ok)
            try await api.call(.post, "/api/v1/comments/{id}/vote", "/api/v1/comments/\(comment)/vote", json: #"{"value": 7}"#, expect: .badRequest)
            try await api.call(.post, "/api/v1/comments/{id}/report", "/api/v1/comments/\(comment)/report", expect: .noContent)
            try await api.call(.delete, "/api/v1/comments/{id}", "/api/v1/comments/\(comment)", headers: edit, expect: .noContent)
            try await api.call(.delete, "/api/v1/comments/{id}", "/api/v1/comments/\(UUID())", expect: .notFound)

            let bearer: HTTPFields = [.authorization: "Bearer \(token.value)"]
            try await api.call(.post, "/api/v1/admin/articles", "/api/v1/admin/articles", json: #"{"headline": "x"}"#, expect: .unauthorized)
            let created = try await api.call(.post, "/api/v1/admin/articles", "/api/v1/admin/articles",
                                             json: #"{"headline": "Documented", "lead": "L", "body": "B", "tags": ["Docs"]}"#, headers: bearer, expect: .created)
            let id = try #require(created["id"] as? String)
            let story = "/api/v1/admin/articles/\(id)"
            try await api.call(.get, "/api/v1/admin/articles/{id}", story, headers: bearer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/articles/{id}", "/api/v1/admin/articles/\(UUID())", headers: bearer, expect: .notFound)
            try await api.call(.patch, "/api/v1/admin/articles/{id}", story, json: #"{"version": 1, "lead": "New lead"}"#, headers: bearer, expect: .ok)
            try await api.call(.patch, "/api/v1/admin/articles/{id}", story, json: #"{"version": 1, "lead": "Stale"}"#, headers: bearer, expect: .conflict)
            try await api.call(.post, "/api/v1/admin/articles/{id}/submit", story + "/submit", headers: bearer, expect: .ok)
            try await api.call(.post, "/api/v1/admin/articles/{id}/publish", story + "/publish", headers: bearer, expect: .ok)
            try await api.call(.post, "/api/v1/admin/articles/{id}/publish", story + "/publish", headers: bearer, expect: .conflict)
            try await api.call(.put, "/api/v1/admin/articles/{id}/read-next", story + "/read-next", json: #"{"pinned": [], "excluded": []}"#, headers: bearer, expect: .ok)
            try await api.call(.put, "/api/v1/admin/articles/{id}/read-next", story + "/read-next", json: #"{"pinned": ["no-such"], "excluded": []}"#, headers: bearer, expect: .badRequest)
            try await api.call(.post, "/api/v1/admin/articles/{id}/unpublish", story + "/unpublish", headers: bearer, expect: .ok)
            let second = try await api.call(.post, "/api/v1/admin/articles", "/api/v1/admin/articles", json: #"{"headline": "Later", "lead": "L", "body": "B"}"#, headers: bearer, expect: .created)
            let later = "/api/v1/admin/articles/\(try #require(second["id"] as? String))"
            try await api.call(.post, "/api/v1/admin/articles/{id}/schedule", later + "/schedule", json: #"{"at": "2099-01-01T10:00:00Z"}"#, headers: bearer, expect: .ok)
            try await api.call(.post, "/api/v1/admin/articles/{id}/schedule", later + "/schedule", json: #"{"at": "tomorrow"}"#, headers: bearer, expect: .badRequest)

            let (upload, uploadType) = Multipart.body(fields: [], files: [("photos", "p.jpg", PhotoProcessor.synthetic(width: 400, height: 300, seed: 1))])
            let photos = try await api.call(.post, "/api/v1/admin/photos", "/api/v1/admin/photos", body: upload, contentType: uploadType, headers: bearer, expect: .created)
            let photo = try #require((photos["created"] as? [[String: Any]])?.first?["id"] as? String)
            let (svg, svgType) = Multipart.body(fields: [], files: [("photos", "p.svg", Array("<svg/>".utf8))])
            try await api.call(.post, "/api/v1/admin/photos", "/api/v1/admin/photos", body: svg, contentType: svgType, headers: bearer, expect: .unsupportedMediaType)
            try await api.call(.get, "/api/v1/admin/photos", "/api/v1/admin/photos?q=p.jpg", headers: bearer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/photos/{id}", "/api/v1/admin/photos/\(photo)", headers: bearer, expect: .ok)
            try await api.call(.get, "/api/v1/admin/photos/{id}", "/api/v1/admin/photos/\(UUID())", headers: bearer, expect: .notFound)
            try await api.call(.patch, "/api/v1/admin/photos/{id}", "/api/v1/admin/photos/\(photo)", json: #"{"altText": "A test picture", "focusX": 0.2}"#, headers: bearer, expect: .ok)
            try await api.call(.delete, "/api/v1/admin/photos/{id}", "/api/v1/admin/photos/\(photo)", headers: bearer, expect: .noContent)

            let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
            #expect(api.called == documented, "not called: \(documented.subtracting(api.called).sorted())")
        }
    }
}
