import Foundation
import GazetteCore
import Hummingbird

/// JSON request bodies for the APIs.
enum JSONBody {
    /// Decodes a JSON body; other content types and malformed JSON are clear 4xx errors.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Send JSON with Content-Type: application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1_000_000)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The request body is larger than 1 MB.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ContentError.invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), reason: "has the wrong type")
        } catch let DecodingError.keyNotFound(key, _) {
            throw ContentError.invalid(field: key.stringValue, reason: "is required")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw ContentError.invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), reason: "is not valid (times are ISO 8601)")
        } catch {
            throw ContentError.invalid(field: "body", reason: "is not valid JSON")
        }
    }

}
