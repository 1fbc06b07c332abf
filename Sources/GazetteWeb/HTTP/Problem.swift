import Foundation
import GazetteCore
import GazetteStore
import Hummingbird

/// The one error the web layer answers with: a status, a message for people, field errors,
/// headers (Retry-After, WWW-Authenticate) and extra members for clients. `ErrorMiddleware`
/// renders it as a themed page or an RFC 9457 `application/problem+json` body. Each domain
/// error converts into one (`ProblemConvertible`); anything else is a 500 whose text goes to
/// the log only.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    var detail: String
    var fields: [String: String] = [:]
    var headers: HTTPFields = [:]
    /// Extension members of the JSON body (RFC 9457 §3.2), e.g. who saved a conflicting version.
    var extensions: [String: ExtensionValue] = [:]

    enum ExtensionValue: Sendable, Encodable, Equatable {
        case text(String)
        case number(Int)
        case date(Date)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .date(let date): try container.encode(date)
            }
        }
    }

    init(_ status: HTTPResponse.Status, _ detail: String, fields: [String: String] = [:], headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.fields = fields
        self.headers = headers
    }

    var title: String { status == .notFound ? "Page not found" : status.reasonPhrase }

    /// Any error as the problem to show; internal errors become a 500 without their text.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let error as any ProblemConvertible: return error.problem
        case let error where Store.isUnavailable(error): return .databaseUnavailable
        default: return Problem(.internalServerError, "Something went wrong on our side. Please try again later.")
        }
    }

    /// The database cannot be reached (restarting, failing over, every connection busy): the
    /// request fails at once, and the client may try again shortly.
    static let databaseUnavailable = Problem(
        .serviceUnavailable, "The site cannot reach its database just now. Please try again in a few seconds.", headers: [.retryAfter: "5"]
    )

    /// The RFC 9457 body.
    struct Body: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var fields: [String: String]?
        var extensions: [String: ExtensionValue]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: Key(stringValue: "type"))
            try container.encode(title, forKey: Key(stringValue: "title"))
            try container.encode(status, forKey: Key(stringValue: "status"))
            try container.encode(detail, forKey: Key(stringValue: "detail"))
            if let fields { try container.encode(fields, forKey: Key(stringValue: "fields")) }
            for (name, value) in extensions { try container.encode(value, forKey: Key(stringValue: name)) }
        }
    }

    var body: Body {
        Body(title: title, status: Int(status.code), detail: detail, fields: fields.isEmpty ? nil : fields, extensions: extensions)
    }
}

/// A domain error that knows the problem it is for readers and clients.
protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension ContentError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notFound: return Problem(.notFound, message)
        case .invalid(let field, _): return Problem(.badRequest, message, fields: [field: message])
        }
    }
}

extension NewsroomError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .forbidden: return Problem(.forbidden, message)
        case .conflict(let savedBy, let savedAt, let currentVersion):
            var problem = Problem(.conflict, message)
            problem.extensions = ["savedBy": .text(savedBy), "savedAt": .date(savedAt), "currentVersion": .number(currentVersion)]
            return problem
        case .notAllowedTransition: return Problem(.conflict, message)
        case .tooManyAttempts(let wait):
            return Problem(.tooManyRequests, message, headers: [.retryAfter: String(Int(wait.rounded(.up)))])
        case .invalidCredentials: return Problem(.unauthorized, message)
        }
    }
}

extension ValidationFailed: ProblemConvertible {
    var problem: Problem { Problem(.badRequest, message, fields: problems) }
}

extension UserRepository.UserError: ProblemConvertible {
    var problem: Problem { Problem(.badRequest, description) }
}

extension DiscussionRepository.DiscussionError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notFound: return ContentError.notFound("The comment").problem
        case .editRefused(let message): return Problem(.forbidden, message)
        }
    }
}

extension MediaRepository.MediaError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .notFound: return ContentError.notFound("The photo").problem
        case .inUse(let uses):
            let names = uses.map { "\u{201C}\($0.headline)\u{201D}" }
            return Problem(.conflict, "The photo is used by \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? " and \(names.count - 3) more" : ""); take it out of those stories first.")
        case .refused(let error): return error.problem
        }
    }
}

extension PhotoError: ProblemConvertible {
    var problem: Problem {
        switch self {
        case .tooLarge: return Problem(.contentTooLarge, message)
        case .notAPhoto, .svgRefused, .unsupported: return Problem(.unsupportedMediaType, message)
        case .empty, .tooManyPixels, .tooSmall, .tooMuchMetadata, .damaged: return Problem(.unprocessableContent, message)
        }
    }
}

extension WorkPool.Busy: ProblemConvertible {
    var problem: Problem { Problem(.serviceUnavailable, "The site is busy. Please try again in a moment.", headers: [.retryAfter: "2"]) }
}

extension CSRFRejected: ProblemConvertible {
    var problem: Problem {
        Problem(.forbidden, "The form has expired or did not come from this site. Go back, reload the page and try again.")
    }
}

extension FormRejected: ProblemConvertible {
    var problem: Problem { Problem(.badRequest, message, fields: field.map { [$0: message] } ?? [:]) }
}

/// What a reader's comment or action ran into.
enum CommentProblem: Error, ProblemConvertible {
    case refused(CommentRefusal)
    case invalid([String: String])
    case closed
    case tooFast(retryAfter: TimeInterval, what: String)

    var problem: Problem {
        switch self {
        case .refused(let refusal): return Problem(.unprocessableContent, refusal.readerMessage)
        case .invalid(let fields): return Problem(.unprocessableContent, "Some fields need attention.", fields: fields)
        case .closed: return Problem(.forbidden, CommentRefusal.discussionClosed.readerMessage)
        case .tooFast(let wait, let what):
            let seconds = Int(wait.rounded(.up))
            return Problem(.tooManyRequests, "Too many \(what). Try again in \(seconds) seconds.", headers: [.retryAfter: String(seconds)])
        }
    }
}

extension HTTPError: ProblemConvertible {
    var problem: Problem {
        switch status {
        case .notFound: return Problem(.notFound, "There is no page at this address.", headers: headers)
        case .methodNotAllowed: return Problem(.methodNotAllowed, "This address does not accept that method.", headers: headers)
        default:
            let message = status.code >= 500 ? "Something went wrong on our side." : (body ?? status.reasonPhrase)
            return Problem(status, message, headers: headers)
        }
    }
}
