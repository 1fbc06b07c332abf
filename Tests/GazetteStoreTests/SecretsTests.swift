import Foundation
@testable import GazetteStore
import Testing

@Suite("Secrets")
struct SecretsTests {
    @Test("base64url matches Foundation's base64 with the URL alphabet and no padding, for every length")
    func base64URL() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Secrets.base64URL(bytes) == expected, "length \(length)")
        }
        // RFC 4648 test vectors, and the two characters that differ from plain base64.
        #expect(Secrets.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Secrets.base64URL(Array("fo".utf8)) == "Zm8")
        #expect(Secrets.base64URL([0xfb, 0xff]) == "-_8")
        #expect(Secrets.token().count == 43)
    }
}
