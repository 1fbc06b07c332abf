import Foundation
import Testing

/// The view models answer Mustache by name (`TemplateLookup.swift`) instead of by reflection;
/// a field added to a model but not to its lookup would render empty. This reads the sources
/// and checks each model's lookup names every stored field.
@Suite("Template lookups")
struct TemplateLookupTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/GazetteWeb").standardized

    static func swiftFiles() throws -> [String] {
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { try String(contentsOf: $0, encoding: .utf8) }
    }

    /// The stored fields of `struct name { … }` (top-level `var`/`let` lines of its body).
    static func fields(of name: String, in sources: [String]) -> [String]? {
        for source in sources {
            guard let start = source.range(of: "\nstruct \(name) {\n") else { continue }
            var depth = 1
            var fields: [String] = []
            for line in source[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if depth == 1, trimmed.hasPrefix("var ") || trimmed.hasPrefix("let "), !trimmed.contains("{") {
                    let name = trimmed.dropFirst(4).prefix { $0.isLetter || $0.isNumber }
                    fields.append(String(name))
                }
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                if depth == 0 { return fields }
            }
        }
        return nil
    }

    @Test("every field of every model with a lookup is answered by name")
    func complete() throws {
        let sources = try Self.swiftFiles()
        let lookup = try String(contentsOf: Self.sources.appendingPathComponent("Site/Theme/TemplateLookup.swift"), encoding: .utf8)
        let models = lookup.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("extension "), line.hasSuffix(": MustacheParent {") else { return nil }
            return String(line.dropFirst("extension ".count).prefix { $0 != ":" })
        }
        #expect(models.count >= 14)
        for model in models {
            let fields = try #require(Self.fields(of: model, in: sources), "no struct \(model)")
            #expect(!fields.isEmpty, "\(model)")
            let body = lookup.components(separatedBy: "extension \(model): MustacheParent {")[1].components(separatedBy: "\n}\n")[0]
            for field in fields {
                #expect(body.contains("case \"\(field)\":"), "\(model).\(field) is not in its lookup")
            }
        }
    }
}
