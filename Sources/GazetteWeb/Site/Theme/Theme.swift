import Foundation
import GazetteCore
import Hummingbird
import Mustache

/// A theme: Mustache templates and static assets read from a folder at start-up, so a theme
/// can be changed without recompiling. Templates see view-model structs only.
public struct Theme: Sendable {
    let library: MustacheLibrary
    let assets: [String: Asset]

    struct Asset: Sendable {
        var contentType: String
        var bytes: ByteBuffer
        var etag: String
    }

    public enum LoadError: Error, CustomStringConvertible {
        case missingFolder(String)
        case template(String)
        case missingTemplate(String)
        case unknownAssetType(String)

        public var description: String {
            switch self {
            case .missingFolder(let path): return "theme folder \(path) does not exist"
            case .template(let detail): return "theme template error: \(detail)"
            case .missingTemplate(let name): return "theme has no template \(name).mustache"
            case .unknownAssetType(let file): return "theme asset \(file) has a type Gazette cannot serve (known: \(Theme.contentTypes.keys.sorted().joined(separator: ", ")))"
            }
        }
    }

    /// What a theme must have: reader pages only. The newsroom is not part of any theme.
    public static let readerTemplates = ["layout", "home", "article", "list", "error", "search", "comments", "comment"]

    /// The newsroom's own templates, shipped with Gazette and never replaced by a theme.
    static let newsroomTemplates = [
        "nr-layout", "nr-login", "nr-dashboard", "nr-stories", "nr-editor", "nr-revisions", "nr-taxonomy", "nr-comments",
    ]

    /// The theme that ships with Gazette.
    public static var defaultDirectory: String {
        Bundle.module.bundleURL.appendingPathComponent("themes/default").path
    }

    /// The newsroom's templates and assets.
    static var newsroomDirectory: String {
        Bundle.module.bundleURL.appendingPathComponent("newsroom").path
    }

    /// The newsroom's templates and assets, loaded like a theme.
    static func loadNewsroom() async throws -> Theme {
        try await load(from: newsroomDirectory, required: newsroomTemplates)
    }

    public static func load(from directory: String, required: [String] = readerTemplates) async throws -> Theme {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError.missingFolder(directory)
        }
        let library = try loadTemplates(from: directory)
        for name in required where library.getTemplate(named: name) == nil {
            throw LoadError.missingTemplate(name)
        }
        var assets: [String: Asset] = [:]
        let assetFolder = URL(fileURLWithPath: directory).appendingPathComponent("assets")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: assetFolder.path)) ?? []
        for file in files where !file.hasPrefix(".") {
            // An asset the theme ships but nobody could load is a mistake to report at start.
            guard let type = contentTypes[URL(fileURLWithPath: file).pathExtension.lowercased()] else {
                throw LoadError.unknownAssetType(file)
            }
            let data = try Data(contentsOf: assetFolder.appendingPathComponent(file))
            assets[file] = Asset(contentType: type, bytes: ByteBuffer(bytes: data), etag: "\"\(ContentHash.fnv1a(data))\"")
        }
        return Theme(library: library, assets: assets)
    }

    /// Every `.mustache` file under the folder, named by its path without the extension (as
    /// `MustacheLibrary(directory:)` names them), each with `HTMLText.escape` as its escaping:
    /// swift-mustache's own escapes by `Character` and so let a quote with a combining mark
    /// out of an attribute. The pragma that says so stands on a line of its own before the
    /// template, which Mustache removes with its line end.
    private static func loadTemplates(from directory: String) throws -> MustacheLibrary {
        _ = registerEscaping
        var library = MustacheLibrary()
        let folder = URL(fileURLWithPath: directory)
        let paths = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        for path in paths.sorted() where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            do {
                library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(escapingName) }}\n" + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw LoadError.template("\(path) line \(error.context.lineNumber - 1): \(error.error)")
            }
        }
        return library
    }

    private static let escapingName = "GAZETTE_HTML"
    private static let registerEscaping: Void = MustacheContentTypes.register(TemplateEscaping(), named: escapingName)

    private struct TemplateEscaping: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif",
        "ico": "image/x-icon", "woff2": "font/woff2", "woff": "font/woff", "txt": "text/plain; charset=utf-8",
        "json": "application/json", "map": "application/json",
    ]

    /// Renders a page with its template; a missing template is a server fault, not a blank page.
    func render(_ page: Any, template: String) throws -> String {
        guard let html = library.render(page, withTemplate: template) else {
            throw LoadError.missingTemplate(template)
        }
        return html
    }

    /// An asset with a long cache life (its URL carries its version) and `304` on a match.
    func assetResponse(_ file: String, request: Request) throws -> Response {
        guard let asset = assets[file] else { throw HTTPError(.notFound) }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag])
        }
        return Response(
            status: .ok,
            headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: asset.bytes)
        )
    }

    /// A version string for asset URLs so browsers may cache them for long.
    func assetVersion(_ file: String) -> String {
        assets[file].map { String($0.etag.dropFirst().dropLast()) } ?? "0"
    }
}
