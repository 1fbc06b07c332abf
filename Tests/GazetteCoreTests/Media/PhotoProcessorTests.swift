import Foundation
import PropertyBased
import Testing
import GazetteTestSupport
@testable import GazetteCore

@Suite("Photo processing with libvips")
struct PhotoProcessorTests {
    let limits = PhotoLimits()

    @Test("a JPEG is read, and every variant has the promised size, format and no metadata")
    func variants() throws {
        let original = PhotoFixtures.jpeg(width: 1600, height: 1000)
        let inspection = try PhotoProcessor.inspect(original, limits: limits)
        #expect(inspection.format == .jpeg && inspection.width == 1600 && inspection.height == 1000)
        let variants = PhotoVariant.all(forWidth: 1600)
        #expect(variants.contains(.width(1600, .webp)) && !variants.contains(.width(2048, .webp)))
        let (files, placeholder) = try PhotoProcessor.render(original, focus: .centre, variants: variants)
        #expect(files.count == variants.count)
        for (variant, bytes) in files {
            let made = try PhotoProcessor.inspect(bytes, limits: limits)
            #expect(made.format == variant.format, "\(variant.name)")
            #expect(JPEGMetadata.read(bytes).metadataBytes == 0, "\(variant.name) keeps metadata")
            switch variant {
            case .width(let width, _): #expect(made.width == width && made.height == width * 1000 / 1600, "\(variant.name): \(made.width)×\(made.height)")
            case .crop(.wide): #expect(made.width == 1200 && made.height == 675)
            case .crop(.standard): #expect(made.width == 1200 && made.height == 900)
            case .crop(.square): #expect(made.width == 1000 && made.height == 1000)
            }
        }
        #expect(placeholder.hasPrefix("data:image/webp;base64,") && placeholder.count < 1200)
    }

    @Test("PNG and WebP uploads are read by their bytes, whatever they are called")
    func otherFormats() throws {
        let (files, _) = try PhotoProcessor.render(PhotoFixtures.jpeg(), focus: .centre, variants: [.width(320, .webp)])
        let webp = try #require(files[.width(320, .webp)])
        #expect(try PhotoProcessor.inspect(webp, limits: limits).format == .webp)
        let png = PhotoProcessor.synthetic(width: 300, height: 200, seed: 3, format: .png)
        let read = try PhotoProcessor.inspect(png, limits: limits)
        #expect(read.format == .png && read.width == 300 && read.height == 200)
    }

    @Test("the EXIF orientation is applied: a sideways photo comes out upright")
    func orientation() throws {
        let sideways = PhotoProcessor.synthetic(width: 400, height: 300, seed: 2, orientation: 6)
        let inspection = try PhotoProcessor.inspect(sideways, limits: limits)
        #expect(inspection.width == 300 && inspection.height == 400)
        let made = try PhotoProcessor.render(sideways, focus: .centre, variant: .width(320, .jpeg))
        let read = try PhotoProcessor.inspect(made, limits: limits)
        #expect(read.width == 300 && read.height == 400, "\(read.width)×\(read.height)")
    }

    @Test("location and camera data are stripped; IPTC and XMP credits prefill the form")
    func metadata() throws {
        let jpeg = PhotoFixtures.inserting([
            PhotoFixtures.exifWithGPS(maker: "SecretCam"),
            PhotoFixtures.iptcSegment(caption: "Firefighters at the dam", byline: "Ana Ruiz", copyright: "(c) Agency 2026", credit: "Agency"),
            PhotoFixtures.xmpSegment(description: "XMP caption", creator: "XMP creator", rights: "XMP rights"),
        ], into: PhotoFixtures.jpeg())
        #expect(PhotoFixtures.contains(jpeg, "SecretCam"))
        let inspection = try PhotoProcessor.inspect(jpeg, limits: limits)
        #expect(inspection.credits == EmbeddedCredits(caption: "Firefighters at the dam", creator: "Ana Ruiz", copyright: "(c) Agency 2026", credit: "Agency"))
        let (files, _) = try PhotoProcessor.render(jpeg, focus: .centre, variants: PhotoVariant.all(forWidth: 640))
        for (variant, bytes) in files {
            #expect(!PhotoFixtures.contains(bytes, "SecretCam"), "\(variant.name) keeps the camera")
            #expect(!PhotoFixtures.contains(bytes, "Exif"), "\(variant.name) keeps EXIF")
            #expect(!PhotoFixtures.contains(bytes, "Ana Ruiz"), "\(variant.name) keeps IPTC")
        }
        let png = PhotoFixtures.pngWithXMP(description: "Harbour at dusk", creator: "Mia Berg", rights: "(c) Mia Berg")
        #expect(try PhotoProcessor.inspect(png, limits: limits).credits == EmbeddedCredits(caption: "Harbour at dusk", creator: "Mia Berg", copyright: "(c) Mia Berg"))
        for (variant, bytes) in try PhotoProcessor.render(png, focus: .centre, variants: [.width(320, .webp), .width(320, .jpeg), .crop(.square)]).files {
            #expect(!PhotoFixtures.contains(bytes, "Mia Berg"), "\(variant.name) keeps the PNG's XMP")
        }
        let xmpOnly = PhotoFixtures.inserting([PhotoFixtures.xmpSegment(description: "Dawn over the port", creator: "Li Wei", rights: "CC BY 4.0")], into: PhotoFixtures.jpeg())
        #expect(try PhotoProcessor.inspect(xmpOnly, limits: limits).credits == EmbeddedCredits(caption: "Dawn over the port", creator: "Li Wei", copyright: "CC BY 4.0"))
    }

    @Test("hostile files are refused with their reason, before any pixel is decoded")
    func hostile() throws {
        let svg = Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8)
        #expect(throws: PhotoError.svgRefused) { try PhotoProcessor.inspect(svg, limits: limits) }
        #expect(throws: PhotoError.svgRefused) { try PhotoProcessor.inspect(Array("  <svg onload=alert(1)>".utf8), limits: limits) }
        #expect(throws: PhotoError.notAPhoto) { try PhotoProcessor.inspect(Array("<html><script>alert(1)</script>".utf8), limits: limits) }
        #expect(throws: PhotoError.unsupported("GIF")) { try PhotoProcessor.inspect(Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20), limits: limits) }
        #expect(throws: PhotoError.empty) { try PhotoProcessor.inspect([], limits: limits) }
        #expect(throws: PhotoError.tooLarge(limit: 1_048_576)) {
            try PhotoProcessor.inspect([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 2_000_000), limits: PhotoLimits(maxBytes: 1_048_576))
        }
        // A decompression bomb: 60,000 × 60,000 claimed in a 70-byte file.
        let bomb = PhotoFixtures.pngClaiming(width: 60_000, height: 60_000)
        #expect(bomb.count < 100)
        #expect(throws: PhotoError.tooManyPixels(width: 60_000, height: 60_000, limit: limits.maxPixels)) { try PhotoProcessor.inspect(bomb, limits: limits) }
        // A truncated JPEG: the header reads, the pixels do not.
        let whole = PhotoFixtures.jpeg(width: 900, height: 600)
        let cut = Array(whole.prefix(whole.count / 2))
        #expect(throws: PhotoError.damaged) { try PhotoProcessor.render(cut, focus: .centre, variants: [.width(320, .jpeg)]) }
        // Garbage after a JPEG signature.
        #expect(throws: PhotoError.damaged) { try PhotoProcessor.inspect([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x41, count: 500), limits: limits) }
        // Twenty 60 KB metadata segments.
        let padded = PhotoFixtures.inserting(Array(repeating: PhotoFixtures.segment(0xE2, [UInt8](repeating: 7, count: 60_000)), count: 20), into: PhotoFixtures.jpeg())
        #expect(throws: PhotoError.tooMuchMetadata(limit: limits.maxMetadataBytes)) { try PhotoProcessor.inspect(padded, limits: limits) }
        #expect(throws: PhotoError.tooSmall(width: 8, height: 8)) { try PhotoProcessor.inspect(PhotoProcessor.synthetic(width: 8, height: 8, seed: 1), limits: limits) }
    }

    @Test("crops have their shape, lie inside the picture and keep the focal point when they can")
    func cropsProperty() async {
        await propertyCheck(count: 300, input: Gen.int(in: 16...5000), Gen.int(in: 16...5000), Gen.double(in: -0.5...1.5), Gen.double(in: -0.5...1.5)) { width, height, x, y in
            let focus = FocalPoint(x: x, y: y)
            for aspect in PhotoAspect.allCases {
                let box = aspect.crop(width: width, height: height, focus: focus)
                #expect(box.left >= 0 && box.top >= 0 && box.left + box.width <= width && box.top + box.height <= height)
                let (rw, rh) = aspect.ratio
                #expect(abs(box.width * rh - box.height * rw) <= max(rw, rh), "\(aspect) \(box)")
                #expect(box.width == width || box.height == height || abs(box.width * rh - box.height * rw) <= max(rw, rh))
                let fx = Int(focus.x * Double(width)), fy = Int(focus.y * Double(height))
                let canCentreX = fx - box.width / 2 >= 0 && fx + box.width / 2 <= width
                if canCentreX { #expect(abs(box.left + box.width / 2 - fx) <= 1) }
                _ = fy
            }
        }
    }

    @Test("metadata readers and the format check never crash on arbitrary bytes")
    func arbitraryBytes() async {
        await propertyCheck(count: 400, input: Gen.uint8().array(of: 0...400)) { bytes in
            _ = try? PhotoFormat.sniff(bytes)
            _ = JPEGMetadata.read([0xFF, 0xD8] + bytes)
            _ = EmbeddedCredits.iptc(bytes[...])
            _ = JPEGMetadata.photoshopIPTC(bytes[...])
        }
    }

    @Test("variant names round-trip, and unknown names are refused")
    func variantNames() {
        for variant in PhotoVariant.all(forWidth: 4000) { #expect(PhotoVariant(name: variant.name) == variant) }
        for name in ["w641.webp", "w640.gif", "../w640.jpg", "16x9.webp", "", "w.jpg"] { #expect(PhotoVariant(name: name) == nil, "\(name)") }
    }
}
