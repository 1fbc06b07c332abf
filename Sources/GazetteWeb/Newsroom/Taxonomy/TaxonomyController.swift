import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

struct TaxonomyRowModel {
    var id: String
    var name: String
    var slug: String
    var label: String
    var bio: String
    var publicURL: String
}

struct TaxonomyPage {
    var nr: NewsroomLayout
    var kind: String
    var title: String
    var action: String
    var hasLabel: Bool
    var hasBio: Bool
    var rows: [TaxonomyRowModel]
    var hasError: Bool
    var error: String
}

/// Rubrics, tags and author profiles: the public pages' own names and texts.
struct TaxonomyController: Sendable {
    typealias Context = GazetteRequestContext
    let newsroom: NewsroomService
    let pages: NewsroomPages

    struct EntryForm: CSRFProtectedForm {
        var _csrf: String?
        var id: String?
        var name: String?
        var label: String?
        var bio: String?
    }

    func addRoutes(to group: RouterGroup<Context>) {
        for kind in TaxonomyKind.allCases {
            group.get(kind.route.routerPath) { request, context in try await list(kind, request: request, context: context) }
            group.post(kind.route.routerPath) { request, context in try await save(kind, request: request, context: context) }
        }
    }

    @Sendable func list(_ kind: TaxonomyKind, request: Request, context: Context) async throws -> HTML {
        let identity = try context.require("manage \(kind.rawValue)", \.managesTaxonomy)
        return try await page(kind, identity: identity, request: request, error: nil)
    }

    private func page(_ kind: TaxonomyKind, identity: Identity, request: Request, error: String?) async throws -> HTML {
        let rows: [TaxonomyRowModel]
        switch kind {
        case .rubrics:
            rows = try await newsroom.rubrics().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: $0.label, bio: "", publicURL: SiteURL.rubric(slug: $0.slug).path)
            }
        case .tags:
            rows = try await newsroom.tags().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: "", bio: "", publicURL: SiteURL.tag(slug: $0.slug).path)
            }
        case .authors:
            rows = try await newsroom.authors().map {
                TaxonomyRowModel(id: $0.id.uuidString, name: $0.name, slug: $0.slug, label: "", bio: $0.bio, publicURL: SiteURL.author(slug: $0.slug).path)
            }
        }
        let title = kind.rawValue.capitalized
        let model = TaxonomyPage(
            nr: pages.layout(title: title, identity: identity, request: request), kind: kind.rawValue, title: title,
            action: SiteURL.newsroomTaxonomy(kind).path, hasLabel: kind == .rubrics, hasBio: kind == .authors, rows: rows,
            hasError: error != nil, error: error ?? ""
        )
        return try pages.render(model, "nr-taxonomy", status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func save(_ kind: TaxonomyKind, request: Request, context: Context) async throws -> Response {
        let identity = try context.require("manage \(kind.rawValue)", \.managesTaxonomy)
        let form = try await identity.decode(EntryForm.self, request)
        let entry = NewsroomService.TaxonomyEntry(
            id: form.id.flatMap(UUID.init(uuidString:)), name: form.name ?? "", label: form.label ?? "", bio: form.bio ?? ""
        )
        do {
            try await newsroom.saveTaxonomy(kind, entry, by: identity.actor)
        } catch let error as ValidationFailed {
            return try await page(kind, identity: identity, request: request, error: error.problems.values.sorted().joined(separator: " ")).response
        }
        return .seeOther(SiteURL.newsroomTaxonomy(kind, notice: .updated).path)
    }
}
