import Foundation

/// The OpenAPI 3.1 description of all of `/api/v1`, served at `/api/v1/openapi.json`. A test
/// compares it with the router's routes (every route documented, nothing documented that is
/// not served) and calls every operation to check statuses, content types and bodies.
enum OpenAPIDocument {
    typealias JSONObject = [String: Any]

    static func ref(_ name: String) -> JSONObject { ["$ref": "#/components/schemas/\(name)"] }
    static func string(_ format: String? = nil) -> JSONObject { format.map { ["type": "string", "format": $0] } ?? ["type": "string"] }
    static func nullable(_ schema: JSONObject) -> JSONObject { ["oneOf": [schema, ["type": "null"]]] }
    static func array(_ items: JSONObject) -> JSONObject { ["type": "array", "items": items] }
    static var integer: JSONObject { ["type": "integer"] }
    static var boolean: JSONObject { ["type": "boolean"] }

    static func object(_ properties: [String: JSONObject], required: [String]? = nil) -> JSONObject {
        ["type": "object", "properties": properties, "required": (required ?? Array(properties.keys)).sorted()]
    }

    static var schemas: [String: JSONObject] {
        [
        "Named": object(["name": string(), "slug": string()]),
        "Rubric": object(["name": string(), "slug": string(), "label": string()]),
        "Paging": object(["page": integer, "limit": integer, "total": integer, "pages": integer]),
        "ArticleItem": object([
            "id": string("uuid"), "slug": string(), "url": string(), "headline": string(), "lead": string(),
            "rubric": nullable(ref("Rubric")), "tags": array(ref("Named")), "publishedAt": nullable(string("date-time")),
        ]),
        "ArticleList": object(["items": array(ref("ArticleItem")), "paging": ref("Paging")]),
        "Article": object([
            "id": string("uuid"), "slug": string(), "url": string(), "headline": string(), "lead": string(),
            "body": ["type": "string", "description": "Sanitised HTML"], "rubric": nullable(ref("Rubric")),
            "tags": array(ref("Named")), "authors": array(ref("Named")),
            "publishedAt": nullable(string("date-time")), "updatedAt": string("date-time"),
        ]),
        "SearchResults": object([
            "query": string(), "paging": ref("Paging"),
            "items": array(object(["article": ref("ArticleItem"), "snippet": ["type": "string", "description": "Escaped text with <mark> around matches"]])),
        ]),
        "Comment": object([
            "id": string("uuid"), "name": string(), "html": string(), "createdAt": string("date-time"),
            "editedAt": string("date-time"), "parentId": string("uuid"), "replyTo": string(), "score": integer,
            "deleted": boolean, "replies": array(ref("Comment")),
            "status": ["type": "string", "enum": ["published", "pending"], "description": "After an edit only"],
        ], required: ["id", "name", "html", "createdAt", "score", "deleted", "replies"]),
        "Thread": object(["items": array(ref("Comment")), "paging": ref("Paging"), "count": integer, "closed": boolean]),
        "NewComment": object([
            "name": ["type": "string", "minLength": 1, "maxLength": 60, "pattern": "\\S"],
            "email": string("email"),
            "text": ["type": "string", "minLength": 1, "maxLength": 5_000, "pattern": "\\S"],
            "parentId": string("uuid"),
        ], required: ["name", "text"]),
        "PostedComment": object([
            "status": ["type": "string", "enum": ["published", "pending"]], "message": string(), "comment": ref("Comment"),
            "editToken": ["type": "string", "description": "Shown once: send it as X-Edit-Token to edit or delete"],
        ]),
        "CommentEdit": object(["text": ["type": "string", "minLength": 1, "maxLength": 5_000, "pattern": "\\S"], "editToken": string()], required: ["text"]),
        "Vote": object(["value": ["type": "integer", "enum": [1, -1]]]),
        "Score": object(["id": string("uuid"), "score": integer]),
        "AdminStory": object([
            "id": string("uuid"), "slug": string(), "url": string(),
            "status": ["type": "string", "enum": ["draft", "in_review", "scheduled", "published", "unpublished"]],
            "version": integer, "headline": string(), "lead": string(), "body": ["type": "string", "description": "Markdown"],
            "bodyHTML": string(), "rubric": ref("Rubric"), "tags": array(ref("Named")), "authors": array(ref("Named")),
            "seoTitle": string(), "seoDescription": string(), "pinned": boolean, "breaking": boolean,
            "commentPolicy": ["type": "string", "enum": ["open", "premoderated", "closed"]],
            "publishedAt": string("date-time"), "scheduledAt": string("date-time"), "updatedAt": string("date-time"),
            "leadPhotoId": string("uuid"),
        ], required: ["id", "slug", "url", "status", "version", "headline", "lead", "body", "bodyHTML", "tags", "authors",
                      "seoTitle", "seoDescription", "pinned", "breaking", "commentPolicy", "updatedAt"]),
        "StoryInput": storyInput(required: ["headline"]),
        "StoryChange": storyInput(required: ["version"]),
        "Version": object(["version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647]], required: []),
        "Schedule": object([
            "at": ["type": "string", "format": "date-time", "description": "In the future"],
            "version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647],
        ], required: ["at"]),
        "ReadNext": object(["pinned": array(string()), "excluded": array(string())]),
        "Photo": object([
            "id": string("uuid"), "fileName": string(), "format": ["type": "string", "enum": ["jpeg", "png", "webp"]],
            "width": integer, "height": integer, "caption": string(), "credit": string(), "copyright": string(),
            "altText": ["type": "string", "description": "Needed before the photo appears in a published story"],
            "focusX": ["type": "number", "minimum": 0, "maximum": 1], "focusY": ["type": "number", "minimum": 0, "maximum": 1],
            "markdown": ["type": "string", "description": "The line that shows the photo in a story body"],
            "sizes": array(object(["name": string(), "url": string(), "width": integer, "height": integer], required: ["name", "url", "width", "height"])),
            "createdAt": string("date-time"), "updatedAt": string("date-time"),
        ], required: ["id", "fileName", "format", "width", "height", "caption", "credit", "copyright", "altText", "focusX", "focusY", "markdown", "sizes", "createdAt", "updatedAt"]),
        "PhotoList": object(["items": array(ref("Photo")), "paging": ref("Paging")], required: ["items", "paging"]),
        "PhotoUpload": object([
            "photos": ["type": "array", "items": ["type": "string", "contentMediaType": "application/octet-stream"], "description": "JPEG, PNG or WebP files"],
        ], required: ["photos"]),
        "PhotoUploaded": object([
            "created": array(ref("Photo")), "existing": array(ref("Photo")),
            "refused": array(object(["fileName": string(), "status": integer, "detail": string()], required: ["fileName", "status", "detail"])),
        ], required: ["created", "existing", "refused"]),
        "PhotoChange": object([
            "caption": ["type": "string", "maxLength": 1_000], "credit": ["type": "string", "maxLength": 300],
            "copyright": ["type": "string", "maxLength": 300], "altText": ["type": "string", "maxLength": 300],
            "focusX": ["type": "number", "minimum": 0, "maximum": 1], "focusY": ["type": "number", "minimum": 0, "maximum": 1],
        ], required: []),
        "Problem": object([
            "type": string(), "title": string(), "status": integer, "detail": string(),
            "fields": ["type": "object", "additionalProperties": ["type": "string"]],
        ], required: ["type", "title", "status", "detail"]),
    ]
    }

    /// A story's fields as clients send them; `required` differs between create and change.
    static func storyInput(required: [String]) -> JSONObject {
        object([
            "version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647, "description": "The version you edited (required on PATCH)"],
            "headline": ["type": "string", "minLength": 1, "maxLength": 300, "pattern": "\\S"],
            "lead": ["type": "string", "maxLength": 1_000], "body": ["type": "string", "maxLength": 200_000],
            "slug": ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 120],
            "rubric": ["type": "string", "maxLength": 80], "tags": array(["type": "string", "maxLength": 80]),
            "authors": array(["type": "string", "maxLength": 80]), "seoTitle": string(), "seoDescription": string(),
            "pinned": boolean, "breaking": boolean, "commentPolicy": ["type": "string", "enum": ["open", "premoderated", "closed"]],
            "leadPhotoId": ["type": "string", "description": "A library photo's id; empty for none"],
        ], required: required)
    }

    /// One operation: its responses by status (a schema name, or nil for no body).
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var parameters: [JSONObject] = []
        var body: String?
        var bodyType = "application/json"
        var bodyRequired = true
        var success: [Int: String?]
        var problems: [Int]
        var admin = false
    }

    static func pathParameter(_ name: String, format: String? = nil) -> JSONObject {
        ["name": name, "in": "path", "required": true, "schema": string(format)]
    }

    static func query(_ name: String, _ schema: JSONObject, _ description: String) -> JSONObject {
        ["name": name, "in": "query", "required": false, "schema": schema, "description": description]
    }

    static var paging: [JSONObject] {
        [
            query("page", ["type": "integer", "minimum": 1, "maximum": 1_000_000], "Page number"),
            query("limit", ["type": "integer", "minimum": 1, "maximum": 100], "Items per page"),
        ]
    }

    static var operations: [Operation] {
        let slug = pathParameter("slug")
        let id = pathParameter("id", format: "uuid")
        let editToken: JSONObject = ["name": "X-Edit-Token", "in": "header", "required": false, "schema": string(),
                                     "description": "The editToken the comment was posted with"]
        var all: [Operation] = [
            Operation(method: "get", path: Route.apiArticles.rawValue, summary: "Published stories, newest first", tag: "Content",
                      parameters: paging, success: [200: "ArticleList"], problems: [400]),
            Operation(method: "get", path: Route.apiArticle.rawValue, summary: "One published story", tag: "Content",
                      parameters: [slug], success: [200: "Article"], problems: [404]),
            Operation(method: "get", path: Route.apiSearch.rawValue, summary: "Search published stories", tag: "Content",
                      parameters: [query("q", string(), "Words; \"quoted phrase\", -excluded"), query("rubric", string(), "Rubric slug"),
                                   query("from", string("date"), "First day"), query("to", string("date"), "Last day")] + paging,
                      success: [200: "SearchResults"], problems: [400]),
            Operation(method: "get", path: Route.apiArticleComments.rawValue, summary: "A story's comment threads", tag: "Comments",
                      parameters: [slug, query("sort", ["type": "string", "enum": ["oldest", "newest", "top"]], "Order of threads")] + paging,
                      success: [200: "Thread"], problems: [400, 404]),
            Operation(method: "post", path: Route.apiArticleComments.rawValue, summary: "Post a comment (201 published, 202 waiting for moderation)",
                      tag: "Comments", parameters: [slug], body: "NewComment", success: [201: "PostedComment", 202: "PostedComment"],
                      problems: [400, 403, 404, 413, 415, 422, 429]),
            Operation(method: "patch", path: Route.apiComment.rawValue, summary: "Change your comment's text", tag: "Comments",
                      parameters: [id, editToken], body: "CommentEdit", success: [200: "Comment"], problems: [400, 403, 404, 413, 415, 422, 429]),
            Operation(method: "delete", path: Route.apiComment.rawValue, summary: "Delete your comment", tag: "Comments",
                      parameters: [id, editToken], success: [204: nil], problems: [403, 404, 429]),
            Operation(method: "post", path: Route.apiCommentVote.rawValue, summary: "Vote a comment up or down", tag: "Comments",
                      parameters: [id], body: "Vote", success: [200: "Score"], problems: [400, 404, 413, 415, 429]),
            Operation(method: "post", path: Route.apiCommentReport.rawValue, summary: "Report a comment to the moderators", tag: "Comments",
                      parameters: [id], success: [204: nil], problems: [404, 429]),
            Operation(method: "get", path: Route.apiOpenAPI.rawValue, summary: "This document", tag: "Content",
                      success: [200: nil], problems: []),
        ]
        let admin: [Operation] = [
            Operation(method: "post", path: Route.adminArticles.rawValue, summary: "Create a draft", tag: "Admin",
                      body: "StoryInput", success: [201: "AdminStory"], problems: [400, 401, 403, 413, 415], admin: true),
            Operation(method: "get", path: Route.adminArticle.rawValue, summary: "A story of any status", tag: "Admin",
                      parameters: [id], success: [200: "AdminStory"], problems: [401, 403, 404], admin: true),
            Operation(method: "patch", path: Route.adminArticle.rawValue, summary: "Change fields (send the version you edited)", tag: "Admin",
                      parameters: [id], body: "StoryChange", success: [200: "AdminStory"], problems: [400, 401, 403, 404, 409, 413, 415], admin: true),
            Operation(method: "post", path: Route.adminArticleSubmit.rawValue, summary: "Submit for review", tag: "Admin",
                      parameters: [id], body: "Version", bodyRequired: false, success: [200: "AdminStory"], problems: [400, 401, 403, 404, 409], admin: true),
            Operation(method: "post", path: Route.adminArticlePublish.rawValue, summary: "Publish now", tag: "Admin",
                      parameters: [id], body: "Version", bodyRequired: false, success: [200: "AdminStory"], problems: [400, 401, 403, 404, 409], admin: true),
            Operation(method: "post", path: Route.adminArticleSchedule.rawValue, summary: "Schedule", tag: "Admin",
                      parameters: [id], body: "Schedule", success: [200: "AdminStory"], problems: [400, 401, 403, 404, 409, 415], admin: true),
            Operation(method: "post", path: Route.adminArticleUnpublish.rawValue, summary: "Unpublish", tag: "Admin",
                      parameters: [id], body: "Version", bodyRequired: false, success: [200: "AdminStory"], problems: [400, 401, 403, 404, 409], admin: true),
            Operation(method: "put", path: Route.adminArticleReadNext.rawValue, summary: "Pin and exclude Read next stories", tag: "Admin",
                      parameters: [id], body: "ReadNext", success: [200: "ReadNext"], problems: [400, 401, 403, 404, 415], admin: true),
            Operation(method: "post", path: Route.adminPhotos.rawValue, summary: "Upload photos (201 when any is new; a file refused alone is its problem)", tag: "Photos",
                      body: "PhotoUpload", bodyType: "multipart/form-data", success: [200: "PhotoUploaded", 201: "PhotoUploaded"],
                      problems: [400, 401, 403, 413, 415, 422], admin: true),
            Operation(method: "get", path: Route.adminPhotos.rawValue, summary: "The photo library, newest first", tag: "Photos",
                      parameters: [query("q", string(), "Words in caption, credit, copyright, alt text or file name")] + paging,
                      success: [200: "PhotoList"], problems: [400, 401, 403], admin: true),
            Operation(method: "get", path: Route.adminPhoto.rawValue, summary: "One photo with its sizes", tag: "Photos",
                      parameters: [id], success: [200: "Photo"], problems: [401, 403, 404], admin: true),
            Operation(method: "patch", path: Route.adminPhoto.rawValue, summary: "Change caption, credit, copyright, alt text or focal point", tag: "Photos",
                      parameters: [id], body: "PhotoChange", success: [200: "Photo"], problems: [400, 401, 403, 404, 413, 415], admin: true),
            Operation(method: "delete", path: Route.adminPhoto.rawValue, summary: "Delete a photo no story uses", tag: "Photos",
                      parameters: [id], success: [204: nil], problems: [401, 403, 404, 409], admin: true),
        ]
        all += admin
        return all
    }

    static func json(publicBase: String) -> JSONObject {
        var paths: [String: JSONObject] = [:]
        for operation in operations {
            var responses: [String: Any] = [:]
            for (status, schema) in operation.success {
                var response: JSONObject = ["description": HTTPStatusText.phrase(status)]
                if let schema { response["content"] = ["application/json": ["schema": ref(schema)]] }
                if operation.path == Route.apiOpenAPI.rawValue { response["content"] = ["application/json": ["schema": ["type": "object"]]] }
                responses[String(status)] = response
            }
            for status in operation.problems + [500] {
                responses[String(status)] = ["description": HTTPStatusText.phrase(status), "content": ["application/problem+json": ["schema": ref("Problem")]]]
            }
            var entry: JSONObject = [
                "summary": operation.summary, "tags": [operation.tag],
                "operationId": operation.method + operation.path.replacingOccurrences(of: Route.apiVersionPrefix, with: "")
                    .split(whereSeparator: { "/{}.-".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
                "responses": responses,
            ]
            if !operation.parameters.isEmpty { entry["parameters"] = operation.parameters }
            if let body = operation.body {
                entry["requestBody"] = ["required": operation.bodyRequired, "content": [operation.bodyType: ["schema": ref(body)]]]
            }
            if operation.admin { entry["security"] = [["token": [String]()]] }
            paths[operation.path, default: [:]][operation.method] = entry
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Gazette API", "version": "1",
                "description": "Published stories, search and the discussion for everyone; the newsroom's story work with an API token. Errors are RFC 9457 problems.",
            ],
            "servers": [["url": publicBase]],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": ["token": ["type": "http", "scheme": "bearer", "description": "A token from `gazette token create`"]],
            ],
        ]
    }
}

/// Reason phrases for the statuses the API documents.
enum HTTPStatusText {
    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        default: return "Internal Server Error"
        }
    }
}
