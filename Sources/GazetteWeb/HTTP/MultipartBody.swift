import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (file uploads), read whole up to a limit and split into its
/// text fields and files. A file's name is kept only as text to show; nothing here writes it
/// anywhere.
struct MultipartBody: Sendable {
    struct File: Sendable {
        var field: String
        var fileName: String
        var contentType: String
        var bytes: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    static let maxParts = 64
    static let maxFieldBytes = 100_000

    /// 415 when the body is not multipart, 413 past `maxBytes`, 400 when it cannot be parsed.
    static func read(_ request: Request, maxBytes: Int) async throws -> MultipartBody {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = boundary(in: type)
        else { throw Problem(.unsupportedMediaType, "Send the photos as multipart/form-data.") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw Problem(.contentTooLarge, "The upload is larger than \(maxBytes >> 20) MiB; send fewer or smaller files.")
        }
        return try parse(buffer, boundary: boundary)
    }

    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartBody {
        var body = MultipartBody()
        var headers: [(String, String)] = []
        var current = ByteBuffer()
        var parts = 0
        var failure: Problem?
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { chunk in current.writeBuffer(&chunk) }
        parser.onPartComplete = {
            defer { headers = []; current = ByteBuffer() }
            parts += 1
            guard parts <= maxParts else { failure = Problem(.contentTooLarge, "At most \(maxParts) parts in one upload."); return }
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            guard let name = parameter("name", in: disposition) else { return }
            if let fileName = parameter("filename", in: disposition) {
                let type = headers.first { $0.0 == "content-type" }?.1 ?? "application/octet-stream"
                body.files.append(File(field: name, fileName: fileName, contentType: type, bytes: Array(current.readableBytesView)))
            } else {
                guard current.readableBytes <= maxFieldBytes else { failure = Problem(.contentTooLarge, "The field \(name.prefix(40)) is too long."); return }
                body.fields[name] = String(buffer: current).replacingOccurrences(of: "\r\n", with: "\n")
            }
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw Problem(.badRequest, "The upload could not be read as multipart/form-data.")
        }
        if let failure { throw failure }
        return body
    }

    static func boundary(in contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType), (1...200).contains(value.count) else { return nil }
        return value
    }

    /// `name="value"` (or unquoted) from a header such as Content-Disposition.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals].lowercased() == name else { continue }
            var value = String(trimmed[trimmed.index(after: equals)...])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}
