import Foundation

/// The markup of a library photo in a story body, built from escaped parts (and sanitised
/// again with the rest of the body).
public enum PhotoMarkup {
    /// What a body photo takes on a page: the article column, or the screen when narrower.
    public static let bodySizes = "(min-width: 48rem) 44rem, 100vw"

    /// The id in `media:ID` or in a photo's own address (`/media/ID/…`), or nil.
    public static func photoID(inImageURL url: String) -> UUID? {
        if url.hasPrefix("media:") { return UUID(uuidString: String(url.dropFirst("media:".count))) }
        guard let range = url.range(of: Photo.pathPrefix) else { return nil }
        return UUID(uuidString: String(url[range.upperBound...].prefix(36)))
    }

    /// `srcset` of a photo's widths in one format.
    public static func srcset(_ photo: Photo, format: PhotoFormat) -> String {
        photo.widths.map { width in
            "\(photo.path(.width(width, format))) \(photo.size(of: .width(width, format)).width)w"
        }.joined(separator: ", ")
    }

    /// The middle width (about 960 px) as the fallback `src` for browsers without `srcset`.
    public static func fallback(_ photo: Photo) -> PhotoVariant {
        let widths = photo.widths
        return .width(widths.first(where: { $0 >= 960 }) ?? widths.last ?? PhotoVariant.widths[0], .jpeg)
    }

    public static func picture(_ photo: Photo, alt: String, sizes: String = bodySizes, lazy: Bool = true) -> String {
        let fallback = fallback(photo)
        let size = photo.size(of: fallback)
        let altText = photo.hasAltText ? photo.altText : alt
        return "<picture><source type=\"image/webp\" srcset=\"\(HTMLText.escape(srcset(photo, format: .webp)))\" sizes=\"\(sizes)\">"
            + "<img src=\"\(HTMLText.escape(photo.path(fallback)))\" srcset=\"\(HTMLText.escape(srcset(photo, format: .jpeg)))\" sizes=\"\(sizes)\""
            + " width=\"\(size.width)\" height=\"\(size.height)\" alt=\"\(HTMLText.escape(altText))\""
            + (lazy ? " loading=\"lazy\"" : "") + " decoding=\"async\"></picture>"
    }

    /// A photo alone in its paragraph: the picture with its caption and credit.
    public static func figure(_ photo: Photo, alt: String) -> String {
        var caption = ""
        if !photo.caption.isEmpty { caption += HTMLText.escape(photo.caption) }
        if !photo.creditLine.isEmpty { caption += (caption.isEmpty ? "" : " ") + "<small>" + HTMLText.escape(photo.creditLine) + "</small>" }
        return "<figure class=\"photo\">" + picture(photo, alt: alt) + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>"
    }
}
