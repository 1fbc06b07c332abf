import Foundation
import HTTPTypes
import Hummingbird

/// Counts and times every routed request by its route pattern (`/{slug}`, not the address,
/// so the number of series stays bounded), and names the request's id in `X-Request-Id`, the
/// same id every log line of the request carries. Requests answered in front of the router
/// (page cache, photo memory) are counted there.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: SiteMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = context.endpointPath ?? "unmatched"
        do {
            var response = try await next(request, context)
            metrics.request(route: route, method: request.method.rawValue, status: Int(response.status.code), duration: .now - start)
            response.headers[.requestID] = context.id
            return response
        } catch {
            metrics.request(route: route, method: request.method.rawValue, status: 500, duration: .now - start)
            throw error
        }
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
