import CompressNIO
import Foundation
import GazetteStore
import NIOCore

/// A rendered page's bytes, made once, with slots for a value that differs per response
/// (the comment form's signed time token). The shared bytes around the slots are kept as
/// they are and as raw DEFLATE, each part compressed on its own and ended on a byte
/// boundary, so a gzip body for any slot value is the parts with the value between them as
/// a stored block and a new checksum: no compression per request.
struct PageBody: Sendable {
    /// The shared bytes; a slot stands between each two.
    let parts: [ByteBuffer]
    /// Each part as raw DEFLATE: all but the last end with a sync flush, the last is final.
    let deflated: [ByteBuffer]
    /// CRC-32 and length of each part, for the gzip trailer.
    let checksums: [UInt32]
    /// A strong validator of the shared bytes (the slot values are not part of it).
    let etag: String
    var hasSlots: Bool { parts.count > 1 }
    var byteCount: Int { parts.reduce(0) { $0 + $1.readableBytes } + deflated.reduce(0) { $0 + $1.readableBytes } }

    /// Marks where a slot goes in a rendered page. Random per process, so that no text a
    /// reader or an author wrote can make one.
    static let slotMarker = "gz-slot-" + Secrets.token(bytes: 12)

    init(_ text: String) throws {
        parts = Self.split(text, at: Self.slotMarker)
        var deflated: [ByteBuffer] = []
        for (index, part) in parts.enumerated() {
            deflated.append(try Gzip.compress(part, as: .deflate(), flush: index == parts.count - 1 ? .finish : .sync))
        }
        self.deflated = deflated
        checksums = parts.map { CRC32.checksum($0.readableBytesView) }
        var hash = ContentHash.FNV1a()
        for part in parts { hash.add(part.readableBytesView) }
        etag = "\"" + hash.value + "\""
    }

    /// The text's bytes cut at each marker (a byte search: Foundation's
    /// `components(separatedBy:)` took a tenth of a page's render).
    static func split(_ text: String, at marker: String) -> [ByteBuffer] {
        let bytes = Array(text.utf8)
        let needle = Array(marker.utf8)
        guard let first = needle.first else { return [ByteBuffer(bytes: bytes)] }
        var parts: [ByteBuffer] = []
        var start = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                parts.append(ByteBuffer(bytes: bytes[start..<index]))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(ByteBuffer(bytes: bytes[start...]))
        return parts
    }

    /// The page with `value` in every slot.
    func identity(filling value: String) -> ByteBuffer {
        guard hasSlots else { return parts[0] }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes } + value.utf8.count * (parts.count - 1))
        for (index, part) in parts.enumerated() {
            if index > 0 { buffer.writeString(value) }
            buffer.writeImmutableBuffer(part)
        }
        return buffer
    }

    /// The page as one gzip member with `value` in every slot.
    func gzip(filling value: String) -> ByteBuffer {
        let filler = Array(value.utf8.prefix(Int(UInt16.max)))
        let fillerChecksum = CRC32.checksum(filler)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(deflated.reduce(18) { $0 + $1.readableBytes } + (filler.count + 5) * (parts.count - 1))
        // Header: magic, DEFLATE, no flags, no time, no extra flags, unknown OS.
        buffer.writeBytes([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
        var checksum = checksums[0]
        var length = parts[0].readableBytes
        for index in deflated.indices {
            if index > 0 {
                // A stored block, not final: header bits 000 padded to the byte, LEN, NLEN.
                let count = UInt16(filler.count)
                buffer.writeInteger(UInt8(0))
                buffer.writeInteger(count, endianness: .little)
                buffer.writeInteger(~count, endianness: .little)
                buffer.writeBytes(filler)
                checksum = CRC32.combine(checksum, fillerChecksum, length: filler.count)
                checksum = CRC32.combine(checksum, checksums[index], length: parts[index].readableBytes)
                length += filler.count + parts[index].readableBytes
            }
            buffer.writeImmutableBuffer(deflated[index])
        }
        buffer.writeInteger(checksum, endianness: .little)
        buffer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return buffer
    }
}

/// CRC-32 as gzip writes it (the reflected 0xEDB88320 polynomial), and zlib's way of joining
/// the checksums of two pieces without reading them again.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// The CRC of A followed by B, from CRC(A), CRC(B) and B's length (zlib's `crc32_combine`).
    static func combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        guard length > 0 else { return first }
        return multiply(powerOfX(length), first) ^ second
    }

    /// a × b modulo the polynomial, both reflected.
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var b = b, product: UInt32 = 0
        var mask: UInt32 = 1 << 31
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ 0xEDB8_8320 : b >> 1
        }
        return product
    }

    /// x^(8 × bytes) modulo the polynomial.
    private static func powerOfX(_ bytes: Int) -> UInt32 {
        var power: UInt32 = 1 << 31  // x^0
        var square: UInt32 = 1 << 30  // x^1
        var n = bytes * 8
        while n > 0 {
            if n & 1 != 0 { power = multiply(square, power) }
            square = multiply(square, square)
            n >>= 1
        }
        return power
    }
}
