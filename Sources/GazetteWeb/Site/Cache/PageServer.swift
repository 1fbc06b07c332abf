import Foundation
import HTTPTypes
import Hummingbird

/// How reader controllers answer with a page: from the page cache when the page is the same
/// for every reader, rendered for one reader (`private, no-store`, never kept) when not.
struct PageServer: Sendable {
    let cache: PageCache
    let now: @Sendable () -> Date
    /// The security headers of every public page (`SecurityHeaders.publicHeaders`), made part of each page once.
    let headers: HTTPFields

    /// The cache key of a page: its path and the query parameters it reads, in a fixed order,
    /// so that parameters a page ignores do not make copies of it.
    static func key(_ request: Request, reading names: [String] = []) -> String {
        var key = request.uri.path
        let query = request.uri.queryParameters
        var separator = "?"
        for name in names {
            guard let value = query.get(name) else { continue }
            key += separator + name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            separator = "&"
        }
        return key
    }

    /// The page every reader gets at this address; `slot` fills its per-response slot.
    func shared(
        _ request: Request, key: String, slot: (@Sendable (Date) -> String)? = nil, render: () async throws -> PublicDocument
    ) async throws -> Response {
        let now = now()
        let settings = cache.settings
        let target = Self.isPersonal(request) ? nil : request.uri.description
        let (page, hit) = try await cache.page(key, target: target, now: now) {
            try CachedPage(try await render(), settings: settings, now: now, headers: headers, slotValue: slot)
        }
        return page.response(for: request, now: now, cache: hit ? "hit" : "miss")
    }

    /// Whether a page would show something of this reader's own: an edit link of a comment
    /// they may still change (their edit cookie), or the notice after their own post, vote or
    /// report (`comment=`), or any page in the seconds after a write of theirs while a read
    /// replica may lag (`ReadRoutingResponder`). Such a request is never answered from the cache.
    static func isPersonal(_ request: Request) -> Bool {
        request.uri.queryParameters.get("comment") != nil || ArticleRenderer.hasEditCookie(request)
            || request.cookies[ReadRouting.cookieName] != nil
    }

    /// A page for this reader alone.
    func personal(
        _ request: Request, _ document: PublicDocument, status: HTTPResponse.Status = .ok, slot: (@Sendable (Date) -> String)? = nil
    ) throws -> Response {
        let now = now()
        return try CachedPage(document, settings: cache.settings, now: now, status: status, cacheControl: "private, no-store", headers: headers, slotValue: slot)
            .response(for: request, now: now, cache: "bypass")
    }
}
