import Foundation

/// A point of interest in a photo, as fractions of its width and height from the top left.
/// Crops keep it as near their centre as the picture allows.
public struct FocalPoint: Sendable, Equatable, Codable {
    public var x: Double
    public var y: Double

    public static let centre = FocalPoint(x: 0.5, y: 0.5)

    /// Values outside 0…1 (or not numbers) are clamped to the picture.
    public init(x: Double, y: Double) {
        self.x = x.isFinite ? min(max(x, 0), 1) : 0.5
        self.y = y.isFinite ? min(max(y, 0), 1) : 0.5
    }
}

/// The shapes structured data and social cards ask for (Google: 16×9, 4×3 and 1×1).
public enum PhotoAspect: String, Sendable, CaseIterable, Codable {
    case wide = "16x9"
    case standard = "4x3"
    case square = "1x1"

    public var ratio: (width: Int, height: Int) {
        switch self {
        case .wide: (16, 9)
        case .standard: (4, 3)
        case .square: (1, 1)
        }
    }

    /// The largest rectangle of this shape inside `width` × `height`, centred on `focus` as far
    /// as the edges allow: (left, top, width, height) in pixels.
    public func crop(width: Int, height: Int, focus: FocalPoint) -> (left: Int, top: Int, width: Int, height: Int) {
        let (rw, rh) = ratio
        var cropWidth = width, cropHeight = width * rh / rw
        if cropHeight > height {
            cropHeight = height
            cropWidth = min(width, height * rw / rh)
        }
        cropWidth = max(1, cropWidth)
        cropHeight = max(1, cropHeight)
        func place(_ size: Int, within total: Int, at fraction: Double) -> Int {
            let centre = Int((fraction * Double(total)).rounded())
            return min(max(centre - size / 2, 0), total - size)
        }
        return (place(cropWidth, within: width, at: focus.x), place(cropHeight, within: height, at: focus.y), cropWidth, cropHeight)
    }
}

/// One file derived from an original: a width in a format, or a crop of a shape. Its name is
/// the last part of its address (`w640.webp`, `16x9.jpg`).
public enum PhotoVariant: Hashable, Sendable {
    case width(Int, PhotoFormat)
    case crop(PhotoAspect)

    /// The widths pages choose from with `srcset`; none is wider than the original.
    public static let widths = [320, 640, 960, 1280, 1600, 2048]
    /// Crops are this wide (1,200 px is what Google asks of article images), or narrower when
    /// the original is.
    public static let cropWidth = 1200

    public var name: String {
        switch self {
        case .width(let width, let format): "w\(width).\(format.fileExtension)"
        case .crop(let aspect): "\(aspect.rawValue).jpg"
        }
    }

    public var format: PhotoFormat {
        switch self {
        case .width(_, let format): format
        case .crop: .jpeg
        }
    }

    public init?(name: String) {
        if let aspect = PhotoAspect.allCases.first(where: { "\($0.rawValue).jpg" == name }) {
            self = .crop(aspect)
            return
        }
        guard name.hasPrefix("w"), let dot = name.firstIndex(of: ".") else { return nil }
        let digits = name[name.index(after: name.startIndex)..<dot]
        let ext = name[name.index(after: dot)...]
        guard let width = Int(digits), Self.widths.contains(width),
              let format = [PhotoFormat.webp, .jpeg].first(where: { $0.fileExtension == ext }) else { return nil }
        self = .width(width, format)
    }

    /// Every variant a photo of `width` pixels has: the listed widths below it plus its own
    /// width when it is narrower than the widest listed, in WebP and JPEG, and the crops.
    public static func all(forWidth width: Int) -> [PhotoVariant] {
        availableWidths(forWidth: width).flatMap { [PhotoVariant.width($0, .webp), .width($0, .jpeg)] }
            + PhotoAspect.allCases.map(PhotoVariant.crop)
    }

    /// The listed widths a photo `width` pixels wide can fill without enlarging; at least the
    /// smallest, so every photo has one.
    public static func availableWidths(forWidth width: Int) -> [Int] {
        let fitting = widths.filter { $0 <= width }
        return fitting.isEmpty ? [widths[0]] : fitting
    }
}
