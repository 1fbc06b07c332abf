import Foundation

/// The picture formats the photo desk takes. Decided by the file's first bytes, never by its
/// name or the type the browser claimed.
public enum PhotoFormat: String, Sendable, Codable, CaseIterable {
    case jpeg
    case png
    case webp

    public var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        }
    }

    /// The format of `bytes` by their signature, or why they are refused.
    public static func sniff(_ bytes: [UInt8]) throws(PhotoError) -> PhotoFormat {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) {
            return .webp
        }
        // SVG (and any XML or HTML) may carry script: refused by name so the newsroom knows why.
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.contains("<svg") || (trimmed.hasPrefix("<?xml") && head.contains("svg")) { throw .svgRefused }
        if bytes.starts(with: [0x47, 0x49, 0x46]) { throw .unsupported("GIF") }
        if bytes.count >= 12, bytes[4..<8].elementsEqual(Array("ftyp".utf8)) { throw .unsupported("HEIC/AVIF") }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { throw .unsupported("TIFF") }
        throw .notAPhoto
    }
}

/// Why a photo was refused. Each case reaches the newsroom as a 4xx with its message.
public enum PhotoError: Error, Equatable, Sendable {
    case empty
    case tooLarge(limit: Int)
    case notAPhoto
    case svgRefused
    case unsupported(String)
    case tooManyPixels(width: Int, height: Int, limit: Int)
    case tooSmall(width: Int, height: Int)
    case tooMuchMetadata(limit: Int)
    case damaged

    public var message: String {
        switch self {
        case .empty: "The file is empty."
        case .tooLarge(let limit): "The file is larger than \(limit / 1_048_576) MiB."
        case .notAPhoto: "The file is not a JPEG, PNG or WebP picture."
        case .svgRefused: "SVG files are not accepted: they can carry script. Upload a JPEG, PNG or WebP."
        case .unsupported(let kind): "\(kind) files are not accepted. Upload a JPEG, PNG or WebP."
        case .tooManyPixels(let width, let height, let limit):
            "The picture is \(width) × \(height) pixels; at most \(limit / 1_000_000) megapixels are accepted."
        case .tooSmall(let width, let height): "The picture is \(width) × \(height) pixels; at least 16 × 16 are needed."
        case .tooMuchMetadata(let limit): "The file carries more than \(limit / 1024) KiB of metadata."
        case .damaged: "The picture is damaged or incomplete and cannot be read."
        }
    }
}

/// Bounds on what an upload may cost.
public struct PhotoLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxPixels: Int
    public var maxMetadataBytes: Int

    public init(maxBytes: Int = 40 * 1_048_576, maxPixels: Int = 64_000_000, maxMetadataBytes: Int = 1_048_576) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
        self.maxMetadataBytes = maxMetadataBytes
    }
}
