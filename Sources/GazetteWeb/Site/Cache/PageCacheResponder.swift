import Foundation
import Hummingbird

/// In front of the router: a GET for an address the page cache served before is answered
/// from memory at once, without routing or middleware (the cached page carries its own
/// security headers, encoding and validators). Anything else, and any request that may be
/// the reader's own (`PageServer.isPersonal`), goes on to the router.
struct PageCacheResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner
    let cache: PageCache
    let now: @Sendable () -> Date
    let metrics: SiteMetrics

    func respond(to request: Request, context: Context) async throws -> Response {
        if request.method == .get, cache.settings.capacityBytes > 0, !PageServer.isPersonal(request) {
            let start = ContinuousClock.now
            let now = now()
            if let page = cache.page(target: request.uri.description, now: now) {
                let response = page.response(for: request, now: now, cache: "hit")
                metrics.request(route: "page-cache", method: "GET", status: Int(response.status.code), duration: .now - start)
                return response
            }
        }
        return try await inner.respond(to: request, context: context)
    }
}
