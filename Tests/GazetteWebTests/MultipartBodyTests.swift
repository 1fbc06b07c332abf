import Foundation
import GazetteTestSupport
@testable import GazetteWeb
import NIOCore
import PropertyBased
import Testing

@Suite("multipart/form-data bodies")
struct MultipartBodyTests {
    static let boundary = "871c07f65d1f037bf0d199165445b205"

    @Test("what a browser sends comes back: fields, files with their names and bytes")
    func roundTrip() throws {
        let jpeg = PhotoFixtures.jpeg(width: 64, height: 48, seed: 1)
        let (buffer, type) = Multipart.body(fields: [("_csrf", "token"), ("note", "two\r\nlines")], files: [("photos", "a b.jpg", jpeg), ("photos", "empty.txt", [])])
        let body = try MultipartBody.parse(buffer, boundary: try #require(MultipartBody.boundary(in: type)))
        #expect(body.fields == ["_csrf": "token", "note": "two\nlines"])
        #expect(body.files.map(\.fileName) == ["a b.jpg", "empty.txt"])
        #expect(body.files[0].bytes == jpeg && body.files[1].bytes.isEmpty)
    }

    @Test("the body that stopped the server with MultipartKit 4.7.1 is a 400")
    func crashInput() {
        let body = Array("--\(Self.boundary)\r\n".utf8) + [0xF1, 0x93, 0x80, 0x89, 0xF1, 0x98, 0xB2, 0xAB, 0xC3, 0x9B, 0x4C] + Array("--\(Self.boundary)--\r\n".utf8)
        #expect(throws: Problem.self) { try MultipartBody.parse(body, boundary: Self.boundary) }
        for text in ["", "--\(Self.boundary)", "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "garbage"] {
            #expect(throws: Problem.self, "\(text)") { try MultipartBody.parse(Array(text.utf8), boundary: Self.boundary) }
        }
    }

    static let pieces: [String] = [
        "--\(boundary)", "\r\n", "--", "Content-Disposition: form-data; name=\"f\"", "; filename=\"x.jpg\"", "Content-Type: image/jpeg",
        "\u{00FF}\u{0080}", "\r\n\r\n", "data", ":", " ", "\u{10FFFF}", "--\(boundary)--", "\r", "\n", "name=", "\"",
    ]

    @Test("arbitrary pieces and bytes give a body or a 400, never a crash, in linear time")
    func property() async {
        await propertyCheck(count: 500, input: Gen<String?>.element(of: Self.pieces).array(of: 0...40)) { pieces in
            let bytes = Array(pieces.compactMap { $0 }.joined().utf8)
            do {
                _ = try MultipartBody.parse(bytes, boundary: Self.boundary)
            } catch {
                #expect(error is Problem)
            }
        }
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...300)) { bytes in
            _ = try? MultipartBody.parse(Array("--\(Self.boundary)\r\n".utf8) + bytes, boundary: Self.boundary)
        }
        // Near-matches of the delimiter over and over: still quick.
        let near = Array(String(repeating: "\r\n--\(Self.boundary.dropLast())", count: 20_000).utf8)
        let start = ContinuousClock.now
        _ = try? MultipartBody.parse(Array("--\(Self.boundary)\r\n\r\n\r\n".utf8) + near, boundary: Self.boundary)
        #expect(ContinuousClock.now - start < .seconds(5), "quadratic delimiter search")
    }
}
