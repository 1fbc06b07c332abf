import Foundation
import GazetteCore
import GazetteStore
import Hummingbird
import Logging

/// Turns every error into a response a person can read: a themed HTML page, or a JSON problem
/// under `/api/`. Internal error text goes to the log, never to the client.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageBuilder

    struct Problem: Encodable {
        struct Detail: Encodable {
            var status: Int
            var message: String
        }
        var error: Detail
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ConflictResponse {
            return error.response
        } catch is LoginRequired {
            let next = request.method == .get ? request.uri.string : "/newsroom"
            var components = URLComponents()
            components.path = "/newsroom/login"
            components.queryItems = [URLQueryItem(name: "next", value: next)]
            return .seeOther(components.string ?? "/newsroom/login")
        } catch {
            let (status, message) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            var response: Response
            if request.uri.path.hasPrefix("/api/") {
                response = try JSON(value: Problem(error: .init(status: Int(status.code), message: message)), status: status)
                    .response(from: request, context: context)
            } else {
                response = errorPage(status: status, message: message).response
            }
            if let error = error as? HTTPError {
                // Headers the error names (Retry-After, WWW-Authenticate) travel with it.
                for field in error.headers { response.headers.append(field) }
            }
            if error is WorkPool.Busy { response.headers[.retryAfter] = "2" }
            if case NewsroomError.tooManyAttempts(let wait) = error {
                response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            }
            return response
        }
    }

    func errorPage(status: HTTPResponse.Status, message: String) -> HTML {
        let title = status == .notFound ? "Page not found" : status.reasonPhrase
        let page = ErrorPage(
            layout: pages.layout(title: title, canonicalPath: "/"),
            status: Int(status.code), title: title, message: message
        )
        // If the theme itself fails there is still a readable page.
        let html = (try? pages.theme.render(page, template: "error"))
            ?? "<!doctype html><title>\(status.code)</title><p>\(HTMLText.escape(message))</p>"
        return HTML(body: html, status: status)
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as ContentError:
            switch error {
            case .notFound: return (.notFound, error.message)
            case .invalid: return (.badRequest, error.message)
            }
        case let error as NewsroomError:
            switch error {
            case .forbidden: return (.forbidden, error.message)
            case .conflict: return (.conflict, error.message)
            case .notAllowedTransition: return (.conflict, error.message)
            case .tooManyAttempts: return (.tooManyRequests, error.message)
            case .invalidCredentials: return (.unauthorized, error.message)
            }
        case let error as ValidationFailed:
            return (.badRequest, error.message)
        case let error as UserRepository.UserError:
            return (.badRequest, error.description)
        case is WorkPool.Busy:
            return (.serviceUnavailable, "The site is busy. Please try again in a moment.")
        case is CSRFRejected:
            return (.forbidden, "The form has expired or did not come from this site. Go back, reload the page and try again.")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return (.notFound, "There is no page at this address.")
            case .methodNotAllowed: return (.methodNotAllowed, "This address does not accept that method.")
            default:
                let message = error.body ?? error.status.reasonPhrase
                return (error.status, error.status.code >= 500 ? "Something went wrong on our side." : message)
            }
        default:
            return (.internalServerError, "Something went wrong on our side. Please try again later.")
        }
    }
}
