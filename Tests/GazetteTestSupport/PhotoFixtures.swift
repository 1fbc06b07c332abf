import Foundation
import GazetteCore

/// Hand-made hostile and metadata-carrying files, built byte by byte so each test states exactly
/// what the file holds.
public enum PhotoFixtures {
    public static func jpeg(width: Int = 640, height: Int = 400, seed: UInt32 = 1) -> [UInt8] {
        PhotoProcessor.synthetic(width: width, height: height, seed: seed)
    }

    /// `jpeg` with extra segments placed right after its start-of-image marker.
    public static func inserting(_ segments: [[UInt8]], into jpeg: [UInt8]) -> [UInt8] {
        Array(jpeg[0..<2]) + segments.flatMap { $0 } + Array(jpeg[2...])
    }

    public static func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
        let length = body.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    /// An IPTC block with caption, by-line, copyright and credit, as Photoshop writes it.
    public static func iptcSegment(caption: String, byline: String, copyright: String, credit: String) -> [UInt8] {
        func dataset(_ number: UInt8, _ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            return [0x1C, 2, number, UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
        }
        var iptc = dataset(0, "\u{0}\u{4}") + dataset(120, caption) + dataset(80, byline) + dataset(116, copyright) + dataset(110, credit)
        if iptc.count % 2 == 1 { iptc.append(0) }
        let size = iptc.count
        let resource = Array("8BIM".utf8) + [0x04, 0x04, 0, 0] + [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + iptc
        return segment(0xED, Array("Photoshop 3.0\u{0}".utf8) + resource)
    }

    public static func xmpSegment(description: String, creator: String, rights: String) -> [UInt8] {
        segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\u{0}".utf8) + Array(xmpPacket(description: description, creator: creator, rights: rights).utf8))
    }

    /// A PNG made by the program with an XMP packet in an `iTXt` chunk, as Photoshop and
    /// Lightroom write it.
    public static func pngWithXMP(description: String, creator: String, rights: String) -> [UInt8] {
        let png = PhotoProcessor.synthetic(width: 200, height: 150, seed: 5, format: .png)
        let data = Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array(xmpPacket(description: description, creator: creator, rights: rights).utf8)
        let typed = Array("iTXt".utf8) + data
        let length = data.count
        let chunk = [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + typed + crc32(typed)
        // After IHDR (signature 8 bytes, IHDR 25), before the picture data, where editors put it.
        return Array(png.prefix(33)) + chunk + Array(png.dropFirst(33))
    }

    public static func xmpPacket(description: String, creator: String, rights: String) -> String {
        """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
        <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">\
        <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(description)</rdf:li></rdf:Alt></dc:description>\
        <dc:creator><rdf:Seq><rdf:li>\(creator)</rdf:li></rdf:Seq></dc:creator>\
        <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">\(rights)</rdf:li></rdf:Alt></dc:rights>\
        </rdf:Description></rdf:RDF></x:xmpmeta>
        """
    }

    /// A valid EXIF block naming a camera maker and holding a GPS position (latitude ref "N").
    public static func exifWithGPS(maker: String) -> [UInt8] {
        // Big-endian TIFF: header, IFD0 with Make and GPSInfo, then the GPS IFD, then the text.
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8]
        func u16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let makeBytes = Array(maker.utf8) + [0]
        let ifd0Size = 2 + 2 * 12 + 4, gpsSize = 2 + 12 + 4
        let gpsOffset = 8 + ifd0Size, makeOffset = gpsOffset + gpsSize
        tiff += u16(2)
        tiff += u16(0x010F) + u16(2) + u32(makeBytes.count) + u32(makeOffset)
        tiff += u16(0x8825) + u16(4) + u32(1) + u32(gpsOffset)
        tiff += u32(0)
        tiff += u16(1) + u16(0x0001) + u16(2) + u32(2) + Array("N".utf8) + [0, 0, 0] + u32(0)
        tiff += makeBytes
        return segment(0xE1, Array("Exif\u{0}\u{0}".utf8) + tiff)
    }

    /// A PNG whose header claims `width` × `height` pixels but holds almost no data.
    public static func pngClaiming(width: Int, height: Int) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            let length = data.count
            return [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + typed + crc32(typed)
        }
        func u32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let header = u32(width) + u32(height) + [8, 2, 0, 0, 0]
        // A zlib stream of a few zero bytes: what a bomb's first bytes look like.
        let data: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", data) + chunk("IEND", [])
    }

    public static func crc32(_ bytes: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        return [UInt8(crc >> 24 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    public static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard bytes.count <= haystack.count else { return false }
        return (0...(haystack.count - bytes.count)).contains { haystack[$0..<$0 + bytes.count].elementsEqual(bytes) }
    }
}
