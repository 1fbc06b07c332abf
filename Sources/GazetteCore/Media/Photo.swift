import Foundation

/// A photo in the library, as pages, feeds and the newsroom show it.
public struct Photo: Sendable, Equatable, Codable {
    public var id: UUID
    /// Changes whenever the variants would (another original, focal point or recipe), so each
    /// variant's address can be cached forever.
    public var key: String
    public var fileName: String
    public var format: PhotoFormat
    public var byteSize: Int
    /// Upright size of the original.
    public var width: Int
    public var height: Int
    public var caption: String
    public var credit: String
    public var copyright: String
    public var altText: String
    public var focus: FocalPoint
    /// A tiny blurred picture as a `data:` URL, shown while the photo loads.
    public var placeholder: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, key: String, fileName: String, format: PhotoFormat, byteSize: Int, width: Int, height: Int,
        caption: String = "", credit: String = "", copyright: String = "", altText: String = "",
        focus: FocalPoint = .centre, placeholder: String = "", createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.key = key
        self.fileName = fileName
        self.format = format
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.caption = caption
        self.credit = credit
        self.copyright = copyright
        self.altText = altText
        self.focus = focus
        self.placeholder = placeholder
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A published story may only show a photo that says what it shows.
    public var hasAltText: Bool { !altText.trimmingWhitespace.isEmpty }

    public var variants: [PhotoVariant] { PhotoVariant.all(forWidth: masterSize.width) }

    /// The size of the largest variant (the master the others are made from).
    public var masterSize: (width: Int, height: Int) {
        let long = max(width, height)
        guard long > PhotoProcessor.masterSize else { return (width, height) }
        let scale = Double(PhotoProcessor.masterSize) / Double(long)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    /// The pixel size of a variant's file.
    public func size(of variant: PhotoVariant) -> (width: Int, height: Int) {
        let master = masterSize
        switch variant {
        case .width(let target, _):
            let width = min(target, master.width)
            return (width, max(1, Int((Double(master.height) * Double(width) / Double(master.width)).rounded())))
        case .crop(let aspect):
            let box = aspect.crop(width: master.width, height: master.height, focus: focus)
            let width = min(box.width, PhotoVariant.cropWidth)
            return (width, max(1, width * box.height / box.width))
        }
    }

    /// The widths pages list in `srcset`.
    public var widths: [Int] { PhotoVariant.availableWidths(forWidth: masterSize.width) }

    /// "Caption. Photo: Credit" pieces as the page prints them.
    public var creditLine: String {
        credit.trimmingWhitespace.isEmpty ? "" : credit.trimmingWhitespace
    }

    /// The last part of every variant's address: `/media/{id}/{key}/{variant}`.
    public func path(_ variant: PhotoVariant) -> String {
        "\(Self.pathPrefix)\(id.uuidString.lowercased())/\(key)/\(variant.name)"
    }

    /// Story bodies are rendered in the store, which cannot ask the web layer's `SiteURL`;
    /// this is `Route.photoVariant`'s beginning, and a test keeps the two the same.
    public static let pathPrefix = "/media/"

    /// The reference a story body uses: `![alt](media:ID)`.
    public var markdownReference: String {
        "![\(altText.replacingOccurrences(of: "]", with: ""))](media:\(id.uuidString.lowercased()))"
    }

    /// Photo ids referenced in Markdown as `media:ID` or by a photo's address, in order of
    /// first appearance (a superset of those the renderer places: it is what is looked up).
    /// `addresses: false` keeps only the explicit `media:ID` ones (an address may be another
    /// site's).
    public static func references(in markdown: String, addresses: Bool = true) -> [UUID] {
        var found: [UUID] = []
        for marker in addresses ? ["media:", pathPrefix] : ["media:"] {
            var rest = markdown[...]
            while let range = rest.range(of: marker) {
                let candidate = rest[range.upperBound...].prefix(36)
                if let id = UUID(uuidString: String(candidate)), !found.contains(id) { found.append(id) }
                rest = rest[range.upperBound...]
            }
        }
        return found
    }
}

/// What the newsroom edits of a photo.
public struct PhotoEdit: Sendable, Equatable, Codable {
    public var caption: String
    public var credit: String
    public var copyright: String
    public var altText: String
    public var focus: FocalPoint

    public init(caption: String = "", credit: String = "", copyright: String = "", altText: String = "", focus: FocalPoint = .centre) {
        self.caption = caption
        self.credit = credit
        self.copyright = copyright
        self.altText = altText
        self.focus = focus
    }

    public init(_ photo: Photo) {
        self.init(caption: photo.caption, credit: photo.credit, copyright: photo.copyright, altText: photo.altText, focus: photo.focus)
    }

    public static let captionMaxLength = 1000
    public static let fieldMaxLength = 300

    /// Every problem at once, keyed by field.
    public func problems() -> [String: String] {
        var problems: [String: String] = [:]
        if caption.count > Self.captionMaxLength { problems["caption"] = "At most \(Self.captionMaxLength) characters." }
        if credit.count > Self.fieldMaxLength { problems["credit"] = "At most \(Self.fieldMaxLength) characters." }
        if copyright.count > Self.fieldMaxLength { problems["copyright"] = "At most \(Self.fieldMaxLength) characters." }
        if altText.count > Self.fieldMaxLength { problems["altText"] = "At most \(Self.fieldMaxLength) characters." }
        return problems
    }

    /// Trimmed, control characters removed.
    public var cleaned: PhotoEdit {
        PhotoEdit(
            caption: EmbeddedCredits.clean(caption), credit: EmbeddedCredits.clean(credit),
            copyright: EmbeddedCredits.clean(copyright), altText: EmbeddedCredits.clean(altText), focus: focus
        )
    }
}

/// A story that shows a photo.
public struct PhotoUse: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case lead
        case inline
    }

    public var storyID: UUID
    public var headline: String
    public var status: StoryStatus
    public var role: Role

    public init(storyID: UUID, headline: String, status: StoryStatus, role: Role) {
        self.storyID = storyID
        self.headline = headline
        self.status = status
        self.role = role
    }
}
