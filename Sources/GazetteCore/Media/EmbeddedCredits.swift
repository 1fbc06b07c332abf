import Foundation

/// The caption, creator and copyright a photographer or agency embedded in the file (IPTC IIM
/// and XMP), read to prefill the photo form. Everything else in the metadata — camera, place,
/// dates — is dropped by the processing and never stored.
public struct EmbeddedCredits: Sendable, Equatable {
    public var caption = ""
    public var creator = ""
    public var copyright = ""
    public var credit = ""

    public init(caption: String = "", creator: String = "", copyright: String = "", credit: String = "") {
        self.caption = caption
        self.creator = creator
        self.copyright = copyright
        self.credit = credit
    }

    /// Values already found win; empty ones are filled from `other`.
    mutating func fill(from other: EmbeddedCredits) {
        if caption.isEmpty { caption = other.caption }
        if creator.isEmpty { creator = other.creator }
        if copyright.isEmpty { copyright = other.copyright }
        if credit.isEmpty { credit = other.credit }
    }

    /// IPTC IIM datasets (record 2): 120 caption, 80 by-line, 116 copyright notice, 110 credit.
    public static func iptc(_ bytes: ArraySlice<UInt8>) -> EmbeddedCredits {
        var credits = EmbeddedCredits()
        var index = bytes.startIndex
        while index + 5 <= bytes.endIndex {
            guard bytes[index] == 0x1C else { index += 1; continue }
            let record = bytes[index + 1], dataset = bytes[index + 2]
            let length = Int(bytes[index + 3]) << 8 | Int(bytes[index + 4])
            let start = index + 5
            // Extended lengths (high bit set) are not used for text; stop rather than guess.
            guard length & 0x8000 == 0, start + length <= bytes.endIndex else { break }
            if record == 2 {
                let value = clean(String(decoding: bytes[start..<start + length], as: UTF8.self))
                switch dataset {
                case 120 where credits.caption.isEmpty: credits.caption = value
                case 80 where credits.creator.isEmpty: credits.creator = value
                case 116 where credits.copyright.isEmpty: credits.copyright = value
                case 110 where credits.credit.isEmpty: credits.credit = value
                default: break
                }
            }
            index = start + length
        }
        return credits
    }

    /// XMP: `dc:description`, `dc:creator`, `dc:rights` and `photoshop:Credit`, whether written
    /// as elements (with `rdf:Alt`/`rdf:Seq` lists) or as attributes.
    public static func xmp(_ text: String) -> EmbeddedCredits {
        guard let root = try? XMLNode.parse(text) else { return EmbeddedCredits() }
        var credits = EmbeddedCredits()
        func visit(_ node: XMLNode) {
            for (name, value) in node.attributes {
                switch name {
                case "photoshop:Credit", "Credit": if credits.credit.isEmpty { credits.credit = clean(value) }
                default: break
                }
            }
            let first = firstText(node)
            switch (node.prefix, node.name) {
            case ("dc", "description") where credits.caption.isEmpty: credits.caption = first
            case ("dc", "creator") where credits.creator.isEmpty: credits.creator = first
            case ("dc", "rights") where credits.copyright.isEmpty: credits.copyright = first
            case ("photoshop", "Credit") where credits.credit.isEmpty: credits.credit = first
            default: node.children.forEach(visit)
            }
        }
        visit(root)
        return credits
    }

    private static func firstText(_ node: XMLNode) -> String {
        let own = clean(node.text)
        if !own.isEmpty { return own }
        for child in node.children {
            let found = firstText(child)
            if !found.isEmpty { return found }
        }
        return ""
    }

    /// Trimmed, without control characters, at most 1,000 characters.
    public static func clean(_ text: String) -> String {
        let scalars = text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespacesAndNewlines).prefix(1000))
    }
}

/// The metadata segments of a JPEG file, walked without decoding: how many bytes they carry,
/// and the IPTC (APP13 "Photoshop 3.0") and XMP (APP1 with Adobe's namespace) they hold.
public struct JPEGMetadata: Sendable {
    public var metadataBytes = 0
    public var credits = EmbeddedCredits()

    public static func read(_ bytes: [UInt8]) -> JPEGMetadata {
        var result = JPEGMetadata()
        var xmp = EmbeddedCredits(), iptc = EmbeddedCredits()
        var index = 2
        let xmpHeader = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
        let photoshopHeader = Array("Photoshop 3.0\0".utf8)
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { index += 2; continue }
            if marker == 0xDA || marker == 0xD9 { break }  // the picture data starts
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { break }
            let body = bytes[(index + 4)..<(index + 2 + length)]
            if (0xE1...0xEF).contains(marker) || marker == 0xFE { result.metadataBytes += length }
            if marker == 0xE1, body.starts(with: xmpHeader) {
                xmp.fill(from: EmbeddedCredits.xmp(String(decoding: body.dropFirst(xmpHeader.count), as: UTF8.self)))
            } else if marker == 0xED, body.starts(with: photoshopHeader) {
                iptc.fill(from: photoshopIPTC(body.dropFirst(photoshopHeader.count)))
            }
            index += 2 + length
        }
        // IPTC is what agencies fill in; XMP fills what it leaves empty.
        result.credits = iptc
        result.credits.fill(from: xmp)
        return result
    }

    /// The IPTC block (resource 0x0404) among Photoshop's "8BIM" image resources.
    static func photoshopIPTC(_ bytes: ArraySlice<UInt8>) -> EmbeddedCredits {
        var index = bytes.startIndex
        let signature = Array("8BIM".utf8)
        while index + 12 <= bytes.endIndex, bytes[index..<index + 4].elementsEqual(signature) {
            let resource = Int(bytes[index + 4]) << 8 | Int(bytes[index + 5])
            let nameLength = Int(bytes[index + 6])
            var cursor = index + 6 + ((nameLength + 2) & ~1)  // a padded Pascal string
            guard cursor + 4 <= bytes.endIndex else { break }
            let size = bytes[cursor..<cursor + 4].reduce(0) { $0 << 8 | Int($1) }
            cursor += 4
            guard size >= 0, cursor + size <= bytes.endIndex else { break }
            if resource == 0x0404 { return EmbeddedCredits.iptc(bytes[cursor..<cursor + size]) }
            index = cursor + size + (size & 1)
        }
        return EmbeddedCredits()
    }
}
