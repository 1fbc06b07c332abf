import CPhoto
import Foundation

/// What an upload is, read from its bytes before anything is stored.
public struct PhotoInspection: Sendable, Equatable {
    public var format: PhotoFormat
    /// Upright size (after the EXIF orientation is applied).
    public var width: Int
    public var height: Int
    public var credits: EmbeddedCredits
}

/// Decoding, checking and resizing photos with libvips. Pure computation on byte arrays: the
/// caller decides where it runs (a bounded pool, never an event loop) and where bytes are kept.
///
/// Memory per call is bounded: the original is decoded once, shrunk while loading (JPEG
/// shrink-on-load) to at most 2,048 px on its long side, and every variant is made from that.
public enum PhotoProcessor {
    /// The long side of the largest variant.
    public static let masterSize = 2048
    /// Bumped when the variants' making changes, so their addresses change too.
    public static let recipe = 1

    private static let started: Bool = cphoto_start(1) == 0

    /// Checks an upload: its format by signature, its size in bytes and pixels, its metadata,
    /// and that it decodes completely. Returns what the form is prefilled with.
    public static func inspect(_ bytes: [UInt8], limits: PhotoLimits) throws(PhotoError) -> PhotoInspection {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= limits.maxBytes else { throw .tooLarge(limit: limits.maxBytes) }
        let format = try PhotoFormat.sniff(bytes)
        var credits = EmbeddedCredits()
        if format == .jpeg {
            let metadata = JPEGMetadata.read(bytes)
            guard metadata.metadataBytes <= limits.maxMetadataBytes else { throw .tooMuchMetadata(limit: limits.maxMetadataBytes) }
            credits = metadata.credits
        }
        precondition(started)
        let header: (Int, Int, Int, Int, String?)? = bytes.withUnsafeBytes { buffer in
            guard let image = cphoto_open(buffer.baseAddress, buffer.count, Int32(code(format))) else { return nil }
            defer { cphoto_release(image) }
            // PNG and WebP carry XMP (and EXIF, ICC) in chunks libvips reads with the header.
            var metadata = 0
            var xmp: String?
            for name in ["xmp-data", "exif-data", "icc-profile-data"] {
                var length = 0
                guard let data = cphoto_blob(image, name, &length) else { continue }
                metadata += length
                if name == "xmp-data" { xmp = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self) }
            }
            return (Int(cphoto_width(image)), Int(cphoto_height(image)), Int(cphoto_orientation(image)), metadata, xmp)
        }
        guard let (width, height, orientation, metadata, xmp) = header else { cphoto_clear_error(); throw .damaged }
        if format != .jpeg {
            guard metadata <= limits.maxMetadataBytes else { throw .tooMuchMetadata(limit: limits.maxMetadataBytes) }
            if let xmp { credits = EmbeddedCredits.xmp(xmp) }
        }
        // The header's claim is checked before a single pixel is decoded (decompression bombs).
        guard width > 0, height > 0, width <= 100_000, height <= 100_000, width * height <= limits.maxPixels else {
            throw .tooManyPixels(width: width, height: height, limit: limits.maxPixels)
        }
        guard width >= 16, height >= 16 else { throw .tooSmall(width: width, height: height) }
        let turned = (5...8).contains(orientation)
        return PhotoInspection(format: format, width: turned ? height : width, height: turned ? width : height, credits: credits)
    }

    /// Every variant of a photo, plus its placeholder: a tiny blurred WebP as a `data:` URL.
    /// Throws `.damaged` when the pixels do not decode (a truncated file).
    public static func render(
        _ bytes: [UInt8], focus: FocalPoint, variants: [PhotoVariant]
    ) throws(PhotoError) -> (files: [PhotoVariant: [UInt8]], placeholder: String) {
        precondition(started)
        let master = try makeMaster(bytes)
        defer { cphoto_release(master) }
        var files: [PhotoVariant: [UInt8]] = [:]
        for variant in variants {
            files[variant] = try render(variant, from: master, focus: focus)
        }
        return (files, try placeholder(from: master))
    }

    /// One variant (what a node that lacks it on disk makes again from the original).
    public static func render(_ bytes: [UInt8], focus: FocalPoint, variant: PhotoVariant) throws(PhotoError) -> [UInt8] {
        precondition(started)
        let master = try makeMaster(bytes)
        defer { cphoto_release(master) }
        return try render(variant, from: master, focus: focus)
    }

    /// A photo-like picture (sky, hills, sun) the project makes itself, for the demo and tests.
    public static func synthetic(width: Int, height: Int, seed: UInt32, format: PhotoFormat = .jpeg, orientation: Int = 1) -> [UInt8] {
        precondition(started)
        guard let image = cphoto_synthetic(Int32(width), Int32(height), seed) else { return [] }
        defer { cphoto_release(image) }
        if orientation != 1 {
            var pointer: UnsafeMutableRawPointer?
            var length = 0
            guard cphoto_encode_with_orientation(image, Int32(orientation), &pointer, &length) == 0, let pointer else { return [] }
            defer { cphoto_free(pointer) }
            return Array(UnsafeRawBufferPointer(start: pointer, count: length))
        }
        return (try? encode(image, format: format, quality: 88)) ?? []
    }

    /// Limits glibc's malloc arenas to `count` (see `gazette serve`): photo buffers cross the
    /// event loops, the photo thread and libvips's threads, and with an arena per thread the
    /// freed space stayed resident.
    public static func limitMallocArenas(to count: Int) {
        _ = cphoto_limit_malloc_arenas(Int32(count))
    }

    // MARK: - Steps

    private static func makeMaster(_ bytes: [UInt8]) throws(PhotoError) -> cphoto_image {
        let master = bytes.withUnsafeBytes { buffer in
            cphoto_master(buffer.baseAddress, buffer.count, Int32(masterSize), Int32(masterSize))
        }
        guard let master else { cphoto_clear_error(); throw .damaged }
        return master
    }

    private static func render(_ variant: PhotoVariant, from master: cphoto_image, focus: FocalPoint) throws(PhotoError) -> [UInt8] {
        let width = Int(cphoto_width(master)), height = Int(cphoto_height(master))
        let derived: cphoto_image?
        switch variant {
        case .width(let target, _):
            derived = target >= width ? nil : cphoto_resize(master, Int32(target))
            if target < width, derived == nil { throw .damaged }
        case .crop(let aspect):
            let box = aspect.crop(width: width, height: height, focus: focus)
            let outWidth = min(box.width, PhotoVariant.cropWidth)
            let outHeight = max(1, outWidth * box.height / box.width)
            derived = cphoto_crop(master, Int32(box.left), Int32(box.top), Int32(box.width), Int32(box.height), Int32(outWidth), Int32(outHeight))
            if derived == nil { throw .damaged }
        }
        defer { if let derived { cphoto_release(derived) } }
        return try encode(derived ?? master, format: variant.format, quality: variant.format == .webp ? 78 : 82)
    }

    private static func placeholder(from master: cphoto_image) throws(PhotoError) -> String {
        guard let small = cphoto_resize(master, 24) else { throw .damaged }
        defer { cphoto_release(small) }
        guard let blurred = cphoto_blur(small, 1.2) else { throw .damaged }
        defer { cphoto_release(blurred) }
        let bytes = try encode(blurred, format: .webp, quality: 40)
        return "data:image/webp;base64," + Data(bytes).base64EncodedString()
    }

    private static func encode(_ image: cphoto_image, format: PhotoFormat, quality: Int) throws(PhotoError) -> [UInt8] {
        var pointer: UnsafeMutableRawPointer?
        var length = 0
        guard cphoto_encode(image, Int32(code(format)), Int32(quality), &pointer, &length) == 0, let pointer else {
            cphoto_clear_error()
            throw .damaged
        }
        defer { cphoto_free(pointer) }
        let bytes = Array(UnsafeRawBufferPointer(start: pointer, count: length))
        return format == .webp ? withoutMetadataChunks(bytes) : bytes
    }

    /// libvips 8.14's WebP saver writes an EXIF block of its own even when told to strip (the
    /// tests caught it); the container's EXIF, XMP and ICC chunks are taken out here, and the
    /// extended header's flags for them cleared.
    static func withoutMetadataChunks(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)) else { return bytes }
        var out = Array(bytes[0..<12])
        var index = 12
        while index + 8 <= bytes.count {
            let fourCC = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            let size = Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16 | Int(bytes[index + 7]) << 24
            let end = min(bytes.count, index + 8 + size + (size & 1))
            if !["EXIF", "XMP ", "ICCP"].contains(fourCC) {
                var chunk = Array(bytes[index..<end])
                if fourCC == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x08 | 0x04 | 0x20) }
                out += chunk
            }
            index = end
        }
        let riffSize = out.count - 8
        out[4] = UInt8(riffSize & 0xFF); out[5] = UInt8(riffSize >> 8 & 0xFF)
        out[6] = UInt8(riffSize >> 16 & 0xFF); out[7] = UInt8(riffSize >> 24 & 0xFF)
        return out
    }

    private static func code(_ format: PhotoFormat) -> Int {
        switch format {
        case .jpeg: Int(CPHOTO_JPEG.rawValue)
        case .png: Int(CPHOTO_PNG.rawValue)
        case .webp: Int(CPHOTO_WEBP.rawValue)
        }
    }
}
