import Foundation
import GazetteCore

/// A photo in the library's grid.
struct PhotoCardModel {
    var url: String
    var thumbnail: String
    var thumbnailWidth: Int
    var thumbnailHeight: Int
    var alt: String
    var fileName: String
    var caption: String
    var credit: String
    var size: String
    var needsAltText: Bool
}

/// One file of an upload, as the report after it lists it.
struct UploadResultModel {
    var fileName: String
    var ok: Bool
    var message: String
    var url: String
}

struct MediaPage {
    var nr: NewsroomLayout
    var action: String
    var search: String
    var photos: [PhotoCardModel]
    var hasPhotos: Bool
    var total: Int
    var results: [UploadResultModel]
    var hasResults: Bool
    var maxMB: Int
    var pagination: PaginationModel?
}

struct PhotoSizeModel {
    var name: String
    var url: String
    var dimensions: String
}

struct PhotoUseModel {
    var headline: String
    var url: String
    var status: String
    var role: String
}

struct PhotoPage {
    var nr: NewsroomLayout
    var action: String
    var deleteAction: String
    var libraryURL: String
    var preview: String
    var previewWidth: Int
    var previewHeight: Int
    var fileName: String
    var dimensions: String
    var caption: String
    var credit: String
    var copyright: String
    var altText: String
    var focusX: String
    var focusY: String
    var markdown: String
    var sizes: [PhotoSizeModel]
    var uses: [PhotoUseModel]
    var inUse: Bool
    var mayDelete: Bool
    var hasErrors: Bool
    var errors: [String]
}

extension PhotoCardModel {
    init(_ photo: Photo) {
        let thumbnail = PhotoVariant.width(320, .jpeg)
        let size = photo.size(of: thumbnail)
        self.init(
            url: SiteURL.newsroomPhoto(photo.id).path, thumbnail: SiteURL.photo(photo, thumbnail).path,
            thumbnailWidth: size.width, thumbnailHeight: size.height, alt: photo.altText, fileName: photo.fileName,
            caption: photo.caption, credit: photo.credit, size: "\(photo.width) × \(photo.height)", needsAltText: !photo.hasAltText
        )
    }
}

extension PhotoPage {
    init(nr: NewsroomLayout, photo: Photo, edit: PhotoEdit, uses: [PhotoUse], mayDelete: Bool, errors: [String]) {
        let preview = PhotoVariant.width(960, .jpeg)
        let size = photo.size(of: preview)
        self.init(
            nr: nr, action: SiteURL.newsroomPhoto(photo.id).path, deleteAction: SiteURL.newsroomPhotoDelete(photo.id).path,
            libraryURL: SiteURL.newsroomMedia().path, preview: SiteURL.photo(photo, preview).path,
            previewWidth: size.width, previewHeight: size.height, fileName: photo.fileName,
            dimensions: "\(photo.width) × \(photo.height) px, \(photo.format.rawValue.uppercased()), \(photo.byteSize / 1024) KiB",
            caption: edit.caption, credit: edit.credit, copyright: edit.copyright, altText: edit.altText,
            focusX: String(Int((edit.focus.x * 100).rounded())), focusY: String(Int((edit.focus.y * 100).rounded())),
            markdown: photo.markdownReference,
            sizes: photo.variants.map { variant in
                let size = photo.size(of: variant)
                return PhotoSizeModel(name: variant.name, url: SiteURL.photo(photo, variant).path, dimensions: "\(size.width) × \(size.height)")
            },
            uses: uses.map {
                PhotoUseModel(headline: $0.headline, url: SiteURL.newsroomStory($0.storyID).path, status: $0.status.label, role: $0.role == .lead ? "lead photo" : "in the body")
            },
            inUse: !uses.isEmpty, mayDelete: mayDelete && uses.isEmpty, hasErrors: !errors.isEmpty, errors: errors
        )
    }
}
