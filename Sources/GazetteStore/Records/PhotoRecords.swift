import FluentKit
import Foundation
import GazetteCore

final class PhotoRecord: Model, @unchecked Sendable {
    static let schema = "photos"
    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "variant_key") var variantKey: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "format") var format: String
    @Field(key: "byte_size") var byteSize: Int
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "caption") var caption: String
    @Field(key: "credit") var credit: String
    @Field(key: "copyright") var copyright: String
    @Field(key: "alt_text") var altText: String
    @Field(key: "focus_x") var focusX: Double
    @Field(key: "focus_y") var focusY: Double
    @Field(key: "placeholder") var placeholder: String
    /// Caption, credit, copyright, alt text and file name in lower case: what the library's
    /// search box looks in.
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func domain() throws -> Photo {
        Photo(
            id: id!, key: variantKey, fileName: fileName, format: try PhotoFormat(stored: format), byteSize: byteSize,
            width: width, height: height, caption: caption, credit: credit, copyright: copyright, altText: altText,
            focus: FocalPoint(x: focusX, y: focusY), placeholder: placeholder, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    func apply(_ edit: PhotoEdit) {
        caption = edit.caption
        credit = edit.credit
        copyright = edit.copyright
        altText = edit.altText
        focusX = edit.focus.x
        focusY = edit.focus.y
        searchText = [caption, credit, copyright, altText, fileName].joined(separator: " ").lowercased()
    }
}

/// An original's bytes, for PostgreSQL (where every node must be able to read it).
final class PhotoOriginalRecord: Model, @unchecked Sendable {
    static let schema = "photo_originals"
    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "bytes") var bytes: Data

    init() {}
}

/// A story showing a photo: its lead photo, or one in its body.
final class StoryPhotoRecord: Model, @unchecked Sendable {
    static let schema = "story_photos"
    @ID(key: .id) var id: UUID?
    @Field(key: "story_id") var storyID: UUID
    @Field(key: "photo_id") var photoID: UUID
    @Field(key: "role") var role: String

    init() {}
}
