import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Random tokens, token hashes and password hashes.
public enum Secrets {
    /// A random token for cookies and API keys: 32 bytes from the system's CSPRNG, base64url.
    public static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Base64url without padding (RFC 4648 §5), written out: tokens and signatures are made
    /// for every comment posted, and three string replacements cost more than the hashing.
    static func base64URL(_ bytes: some Collection<UInt8>) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index < input.count {
            let b0 = UInt32(input[index])
            let b1 = index + 1 < input.count ? UInt32(input[index + 1]) : 0
            let b2 = index + 2 < input.count ? UInt32(input[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            let characters = min(input.count - index, 3) + 1
            for position in 0..<characters { out.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3f)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What the database keeps of a token: its SHA-256, hex.
    public static func hash(token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// A short digest of a comment's text, so "the same text again" is an indexed lookup
    /// instead of comparing whole texts.
    static func textDigest(_ text: String) -> String {
        String(hex(SHA256.hash(data: Data(text.utf8))).prefix(32))
    }

    /// The SHA-256 of bytes, hex: a photo original's name and identity.
    static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex; `String(format:)` per byte is slow on Linux.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// bcrypt runs for a noticeable time by design, so it runs on a pool of its own (the
    /// store's `passwords`), neither on an event loop nor beside SQLite's blocking calls.
    static func hashPassword(_ password: String, cost: UInt8, on pool: WorkPool) async throws -> String {
        try await pool.run { Bcrypt.hash(password, cost: cost) }
    }

    static func verifyPassword(_ password: String, hash: String, on pool: WorkPool) async throws -> Bool {
        try await pool.run { Bcrypt.verify(password, hash: hash) }
    }

    /// HMAC-SHA256 of `message` under `key`, base64url: signs tokens that need no storage.
    public static func sign(_ message: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return base64URL(Data(mac))
    }

    /// A client address as stored: keyed hash, never the address itself.
    public static func clientHash(_ address: String, key: String) -> String {
        String(sign("client|" + address, key: key).prefix(32))
    }

    /// Compares secrets in time that does not depend on where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
