import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

struct RevisionRowModel {
    var id: String
    var version: Int
    var userName: String
    var when: String
    var action: String
    var status: String
    var restoreURL: String
    var isCurrent: Bool
    var fromChecked: Bool
    var toChecked: Bool
}

struct DiffLineModel {
    var kind: String
    var sign: String
    var text: String
}

struct DiffFieldModel {
    var label: String
    var lines: [DiffLineModel]
}

struct RevisionsPage {
    var nr: NewsroomLayout
    var headline: String
    var editorURL: String
    var currentVersion: Int
    var rows: [RevisionRowModel]
    var hasDiff: Bool
    var diffTitle: String
    var diff: [DiffFieldModel]
    var mayRestore: Bool
}

/// A story's revisions and a line diff between two of them (restoring one is the editor's).
struct RevisionsController: Sendable {
    typealias Context = GazetteRequestContext
    let newsroom: NewsroomService
    let pages: NewsroomPages

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(Route.newsroomRevisions.routerPath, use: revisions)
    }

    struct CompareQuery: Decodable {
        var from: String?
        var to: String?
    }

    @Sendable func revisions(_ request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("see revisions", \.writesStories)
        let story = try await newsroom.story(try context.uuid("id", "The story"), for: .read, by: identity.actor)
        let list = try await newsroom.revisions(of: story, by: identity.actor)
        let query = try FormBody.query(CompareQuery.self, request)
        let from = query.from.flatMap(UUID.init(uuidString:)).flatMap { id in list.first { $0.id == id } }
        let to = query.to.flatMap(UUID.init(uuidString:)).flatMap { id in list.first { $0.id == id } }
        var diff: [DiffFieldModel] = []
        if let from, let to {
            let old = Dictionary(uniqueKeysWithValues: from.content.diffableFields)
            for (label, new) in to.content.diffableFields where old[label] != new {
                let lines = LineDiff.diff(old[label] ?? "", new).map {
                    DiffLineModel(kind: $0.kind.rawValue, sign: $0.kind == .added ? "+" : $0.kind == .removed ? "−" : " ", text: $0.text)
                }
                diff.append(DiffFieldModel(label: label, lines: lines))
            }
        }
        let format = pages.timeFormat
        let page = RevisionsPage(
            nr: pages.layout(title: "Revisions", identity: identity, request: request),
            headline: story.headline, editorURL: SiteURL.newsroomStory(story.id).path, currentVersion: story.version,
            rows: list.enumerated().map { index, revision in
                RevisionRowModel(
                    id: revision.id.uuidString, version: revision.version, userName: revision.userName,
                    when: format.fullTime(revision.createdAt), action: revision.action, status: revision.status.label,
                    restoreURL: SiteURL.newsroomRevisionRestore(story.id, revision: revision.id).path,
                    isCurrent: revision.version == story.version,
                    fromChecked: from.map { $0.id == revision.id } ?? (index == 1),
                    toChecked: to.map { $0.id == revision.id } ?? (index == 0)
                )
            },
            hasDiff: from != nil && to != nil,
            diffTitle: from.flatMap { f in to.map { "Version \(f.version) → version \($0.version)" } } ?? "",
            diff: diff,
            mayRestore: NewsroomPolicy.may(.edit, on: story.accessFacts, by: identity.actor)
        )
        return try pages.render(page, "nr-revisions")
    }
}
