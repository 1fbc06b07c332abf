import Foundation
import GazetteCore
import Hummingbird

/// JSON request bodies for the APIs.
enum JSONBody {
    /// Decodes a JSON body; other content types and malformed JSON are clear 4xx errors.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        try requireJSON(request)
        return try decode(T.self, from: try await collect(request))
    }

    /// For options that may be left out: an empty body (as many clients send with
    /// `Content-Type: application/json` anyway) is nil, not an error.
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        let buffer = try await collect(request)
        if buffer.readableBytesView.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return nil }
        try requireJSON(request)
        return try decode(T.self, from: buffer)
    }

    private static func requireJSON(_ request: Request) throws {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw HTTPError(.unsupportedMediaType, message: "Send JSON with Content-Type: application/json.")
        }
    }

    private static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: 1_000_000)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The request body is larger than 1 MB.")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
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
