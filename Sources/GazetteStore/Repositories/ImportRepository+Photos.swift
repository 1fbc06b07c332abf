import Foundation
import GazetteCore

/// The photos an import took, by the export's key and by their path in the uploads folder.
struct ImportedPhotoMap: Sendable {
    var byKey: [String: UUID] = [:]
    var byPath: [String: UUID] = [:]

    /// The story with its lead photo found and its body's images pointing to the library.
    func applied(to story: ImportedStory, marker: String?) -> ImportedStory {
        var story = story
        story.leadPhotoID = story.leadPhotoKey.flatMap { byKey[$0] }
        if let marker, !byPath.isEmpty {
            story.body = ImportedImages.rewrite(story.body) { url in
                ImportedImages.uploadsPath(of: url, marker: marker).flatMap { byPath[$0] }
            }
        }
        return story
    }
}

extension ImportRepository {
    /// Takes every photo the export describes and every image its stories show from the
    /// uploads folder, through the same checks and processing as an upload. A file that is
    /// missing or refused is a skip with its reason; the same file a second time is the
    /// photo it became the first time.
    func importPhotos(
        _ bundle: ImportBundle, from uploads: URL, now: Date, progress: (Progress) -> Void, into report: inout ImportReport
    ) async throws -> ImportedPhotoMap {
        var wanted = bundle.photos
        if let marker = bundle.uploadsMarker {
            let described = Set(wanted.map(\.path))
            var seen = described
            for story in bundle.stories {
                for url in ImportedImages.destinations(in: story.body) {
                    guard let path = ImportedImages.uploadsPath(of: url, marker: marker), seen.insert(path).inserted else { continue }
                    wanted.append(ImportedPhoto(key: "\(bundle.source):image:\(path)", path: path))
                }
            }
        }
        var map = ImportedPhotoMap()
        let limits = PhotoLimits()
        for (index, photo) in wanted.enumerated() {
            if index % 20 == 0 { progress(.photos(done: index, of: wanted.count)) }
            if let id = map.byPath[photo.path] {
                map.byKey[photo.key] = id
                continue
            }
            guard let file = Self.file(photo.path, in: uploads) else {
                report.photos.skipped += 1
                report.skips.append(.init("photo \(photo.path.prefix(80))", "not in the uploads folder"))
                continue
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            guard size <= limits.maxBytes, let data = FileManager.default.contents(atPath: file.path) else {
                report.photos.skipped += 1
                report.skips.append(.init("photo \(photo.path.prefix(80))", PhotoError.tooLarge(limit: limits.maxBytes).message))
                continue
            }
            let prefill = PhotoEdit(caption: photo.caption, credit: photo.credit, altText: photo.altText)
            do {
                let added = try await store.media.add([UInt8](data), fileName: file.lastPathComponent, limits: limits, prefill: prefill, by: nil, now: now).value
                if added.created { report.photos.created += 1 } else { report.photos.skipped += 1 }
                map.byKey[photo.key] = added.photo.id
                map.byPath[photo.path] = added.photo.id
            } catch let error as MediaRepository.MediaError {
                report.photos.skipped += 1
                if case .refused(let reason) = error {
                    report.skips.append(.init("photo \(photo.path.prefix(80))", reason.message))
                }
            }
        }
        progress(.photos(done: wanted.count, of: wanted.count))
        return map
    }

    /// The file at `path` inside `folder`, or nil: a path that climbs out of the folder (`..`,
    /// an absolute path, a link pointing elsewhere) is treated as missing.
    static func file(_ path: String, in folder: URL) -> URL? {
        let parts = path.split(separator: "/")
        guard !parts.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let file = parts.reduce(root) { $0.appendingPathComponent(String($1)) }.resolvingSymlinksInPath()
        guard file.path.hasPrefix(root.path + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return file
    }
}
