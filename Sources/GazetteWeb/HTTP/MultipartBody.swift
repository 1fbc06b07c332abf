import Foundation
import HTTPTypes
import Hummingbird

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

    /// Splits a body into its parts (RFC 7578, RFC 2046 §5.1.1): the preamble before the first
    /// delimiter and the epilogue after the last are ignored. Written here because MultipartKit
    /// 4.7.1's parser indexes a 128-entry table with any header byte and traps on one above
    /// 0x7F — one crafted request stopped the whole server (schemathesis found it). Delimiters
    /// are found with Knuth–Morris–Pratt, so the work is linear in the body whatever it holds.
    static func parse(_ buffer: ByteBuffer, boundary: String) throws -> MultipartBody {
        try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    static func parse(_ bytes: [UInt8], boundary: String) throws -> MultipartBody {
        let malformed = Problem(.badRequest, "The upload could not be read as multipart/form-data.")
        let delimiter = Array("\r\n--\(boundary)".utf8)
        let search = Search(delimiter)
        // The first delimiter may open the body without the CRLF before it.
        var position: Int
        if bytes.starts(with: delimiter.dropFirst(2)) {
            position = delimiter.count - 2
        } else if let found = search.first(in: bytes, from: 0) {
            position = found + delimiter.count
        } else {
            throw malformed
        }
        var body = MultipartBody()
        var parts = 0
        while true {
            // After a delimiter: "--" ends the body; else optional padding and a CRLF.
            if bytes[position...].starts(with: [0x2D, 0x2D]) { return body }
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard bytes[position...].starts(with: [0x0D, 0x0A]) else { throw malformed }
            position += 2
            parts += 1
            guard parts <= maxParts else { throw Problem(.contentTooLarge, "At most \(maxParts) parts in one upload.") }
            guard let headerEnd = Search.headerEnd.first(in: bytes, from: position, limit: 16_384) else { throw malformed }
            let headers = try Self.headers(bytes[position..<headerEnd])
            let contentStart = headerEnd + 4
            guard let next = search.first(in: bytes, from: contentStart) else { throw malformed }
            let content = bytes[contentStart..<next]
            position = next + delimiter.count
            let disposition = headers["content-disposition"] ?? ""
            guard let name = parameter("name", in: disposition) else { continue }
            if let fileName = parameter("filename", in: disposition) {
                body.files.append(File(field: name, fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream", bytes: Array(content)))
            } else {
                guard content.count <= maxFieldBytes else { throw Problem(.contentTooLarge, "The field \(name.prefix(40)) is too long.") }
                body.fields[name] = String(decoding: content, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            }
        }
    }

    /// A part's header lines, names in lower case; a line without a colon is malformed.
    static func headers(_ block: ArraySlice<UInt8>) throws -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: block, as: UTF8.self).components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Problem(.badRequest, "The upload could not be read as multipart/form-data.") }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// Knuth–Morris–Pratt search for one byte pattern.
    struct Search {
        let pattern: [UInt8]
        let fallback: [Int]

        static let headerEnd = Search([0x0D, 0x0A, 0x0D, 0x0A])

        init(_ pattern: [UInt8]) {
            self.pattern = pattern
            var fallback = [0] + Array(repeating: 0, count: max(0, pattern.count - 1))
            var length = 0
            for index in pattern.indices.dropFirst() {
                while length > 0, pattern[index] != pattern[length] { length = fallback[length - 1] }
                if pattern[index] == pattern[length] { length += 1 }
                fallback[index] = length
            }
            self.fallback = fallback
        }

        /// Where the pattern first starts at or after `start` (and, with `limit`, within that
        /// many bytes of it).
        func first(in bytes: [UInt8], from start: Int, limit: Int = .max) -> Int? {
            var matched = 0
            let end = limit == .max ? bytes.count : min(bytes.count, start + limit)
            var index = start
            while index < end {
                while matched > 0, bytes[index] != pattern[matched] { matched = fallback[matched - 1] }
                if bytes[index] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index - pattern.count + 1 }
                index += 1
            }
            return nil
        }
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
