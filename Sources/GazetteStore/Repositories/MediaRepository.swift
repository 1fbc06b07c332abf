import FluentKit
import Foundation
import GazetteCore
import SQLKit

/// The photo library: uploads checked and processed off the event loops, originals kept where
/// every node can read them, variants cached on this node's disk, usage by stories recorded
/// with each story save, and edits that re-render the bodies showing a photo.
public struct MediaRepository: Sendable {
    let store: Store

    public struct Added: Sendable {
        public var photo: Photo
        /// False when the same file was in the library already (it is that photo).
        public var created: Bool
    }

    public enum MediaError: Error, Equatable, Sendable {
        case notFound
        case inUse([PhotoUse])
        case refused(PhotoError)
    }

    // MARK: Adding

    /// Checks, processes and stores one upload. The variants are made before anything is
    /// stored, so a file that fails halfway leaves nothing behind; the original is written
    /// before its row, and removed again if the row cannot be.
    public func add(
        _ bytes: [UInt8], fileName: String, limits: PhotoLimits, prefill: PhotoEdit? = nil, by uploader: UUID?, now: Date = Date()
    ) async throws -> Committed<Added> {
        let sha = Secrets.sha256(bytes)
        if let existing = try await PhotoRecord.query(on: store.db).filter(\.$sha256 == sha).first() {
            return Committed(Added(photo: try existing.domain(), created: false))
        }
        let processed: (PhotoInspection, [PhotoVariant: [UInt8]], String)
        do {
            processed = try await store.photoWork.run { () throws -> (PhotoInspection, [PhotoVariant: [UInt8]], String) in
                let inspection = try PhotoProcessor.inspect(bytes, limits: limits)
                let probe = Photo(id: UUID(), key: "", fileName: "", format: inspection.format, byteSize: 0, width: inspection.width, height: inspection.height, createdAt: now, updatedAt: now)
                let focus = prefill?.focus ?? .centre
                let (files, placeholder) = try PhotoProcessor.render(bytes, focus: focus, variants: probe.variants)
                return (inspection, files, placeholder)
            }
        } catch let error as PhotoError {
            throw MediaError.refused(error)
        }
        let (inspection, files, placeholder) = processed
        let record = PhotoRecord()
        record.id = UUID()
        record.sha256 = sha
        record.fileName = Self.displayName(fileName, format: inspection.format)
        record.format = inspection.format.rawValue
        record.byteSize = bytes.count
        record.width = inspection.width
        record.height = inspection.height
        // What the file says of itself fills what the caller left empty.
        let credits = inspection.credits
        var edit = prefill ?? PhotoEdit()
        if edit.caption.isEmpty { edit.caption = credits.caption }
        if edit.credit.isEmpty { edit.credit = [credits.creator, credits.credit].filter { !$0.isEmpty }.joined(separator: " / ") }
        if edit.copyright.isEmpty { edit.copyright = credits.copyright }
        record.apply(edit.cleaned)
        record.variantKey = Self.variantKey(sha: sha, focus: edit.focus)
        record.placeholder = placeholder
        record.uploadedBy = uploader
        record.createdAt = now
        record.updatedAt = now
        try writeOriginal(bytes, sha: sha)
        let cache = store.variantShelf
        for (variant, file) in files { try? cache.write(file, record.variantKey, variant.name) }
        do {
            try await store.writer.transaction { db in
                if case .database = store.originalPlace {
                    let original = PhotoOriginalRecord()
                    original.id = sha
                    original.bytes = Data(bytes)
                    try await original.create(on: db)
                }
                try await record.create(on: db)
            }
        } catch {
            // Another upload of the same file may have won the race: that photo is this one.
            if let existing = try? await PhotoRecord.query(on: store.db).filter(\.$sha256 == sha).first() {
                return Committed(Added(photo: try existing.domain(), created: false))
            }
            removeOriginal(sha: sha)
            throw error
        }
        return Committed(Added(photo: try record.domain(), created: true))
    }

    // MARK: Reading

    public func photo(id: UUID) async throws -> Photo? {
        try await PhotoRecord.find(id, on: store.db)?.domain()
    }

    public func photos(ids: [UUID]) async throws -> [UUID: Photo] {
        try await Self.photos(ids: ids, on: store.db)
    }

    static func photos(ids: [UUID], on db: any Database) async throws -> [UUID: Photo] {
        guard !ids.isEmpty else { return [:] }
        let records = try await PhotoRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(uniqueKeysWithValues: try records.map { ($0.id!, try $0.domain()) })
    }

    /// The library, newest first; `search` matches caption, credit, copyright, alt text and
    /// file name (every word must appear).
    public func list(search: String = "", page: PageQuery) async throws -> PagedList<Photo> {
        var query = PhotoRecord.query(on: store.db)
        for word in search.lowercased().split(whereSeparator: \.isWhitespace).prefix(8) {
            query = query.filter(\.$searchText, .custom("LIKE"), "%\(Self.likeEscaped(String(word)))%")
        }
        let total = try await query.copy().count()
        let records = try await query.sort(\.$createdAt, .descending).sort(\.$id).offset(page.offset).limit(page.limit).all()
        return PagedList(items: try records.map { try $0.domain() }, request: page, total: total)
    }

    /// The stories that show a photo, by role.
    public func uses(of id: UUID) async throws -> [PhotoUse] {
        let rows = try await (store.db as! any SQLDatabase).raw("""
            SELECT sp.story_id AS story_id, sp.role AS role, s.headline AS headline, s.status AS status
            FROM story_photos sp JOIN stories s ON s.id = sp.story_id
            WHERE sp.photo_id = \(bind: id) ORDER BY s.headline, sp.story_id, sp.role
            """).all()
        return try rows.map { row in
            PhotoUse(
                storyID: try row.decode(column: "story_id", as: UUID.self), headline: try row.decode(column: "headline", as: String.self),
                status: try StoryStatus(stored: try row.decode(column: "status", as: String.self)),
                role: try PhotoUse.Role(stored: try row.decode(column: "role", as: String.self))
            )
        }
    }

    /// The original's bytes.
    public func original(of photo: Photo) async throws -> [UInt8]? {
        guard let sha = try await PhotoRecord.find(photo.id, on: store.db)?.sha256 else { return nil }
        return try await original(sha: sha)
    }

    /// Puts an original back where this store keeps originals (a site import); false when it
    /// is there already. The bytes must have the hash they are filed under.
    func restoreOriginal(_ bytes: [UInt8], sha: String) async throws -> Bool {
        let actual = Secrets.sha256(bytes)
        guard actual == sha else { throw SiteExport.ImportError(description: "a photo original does not have the hash \(sha.prefix(16))…") }
        if try await original(sha: sha) != nil { return false }
        switch store.originalPlace {
        case .folder(let folder): try FileShelf(root: folder).write(bytes, sha)
        case .database:
            let record = PhotoOriginalRecord()
            record.id = sha
            record.bytes = Data(bytes)
            try await record.create(on: store.writer)
        }
        return true
    }

    func original(sha: String) async throws -> [UInt8]? {
        switch store.originalPlace {
        case .folder(let folder): return FileShelf(root: folder).read(sha)
        case .database: return try await PhotoOriginalRecord.find(sha, on: store.db).map { [UInt8]($0.bytes) }
        }
    }

    /// A variant this node has on disk, by its key and name (both checked by the caller).
    public func cachedVariant(key: String, name: String) -> [UInt8]? {
        store.variantShelf.read(key, name)
    }

    /// A variant's bytes: from this node's disk, or made again from the original (a node
    /// that never saw the upload, a cleared cache, another focal point).
    public func variant(_ variant: PhotoVariant, of photo: Photo) async throws -> [UInt8]? {
        let shelf = store.variantShelf
        if let cached = shelf.read(photo.key, variant.name) { return cached }
        guard photo.variants.contains(variant), let original = try await original(of: photo) else { return nil }
        let focus = photo.focus
        let made = try await store.photoWork.run { try PhotoProcessor.render(original, focus: focus, variant: variant) }
        try? shelf.write(made, photo.key, variant.name)
        return made
    }

    // MARK: Changing

    /// New caption, credit, alt text or focal point. Stories showing the photo in their body
    /// are rendered again; every story showing it announces a change, so its pages refresh.
    /// Alt text cannot be removed while a published or scheduled story shows the photo.
    public func update(id: UUID, _ edit: PhotoEdit, now: Date = Date()) async throws -> Committed<Photo> {
        let edit = edit.cleaned
        var problems = edit.problems()
        guard let record = try await PhotoRecord.find(id, on: store.db) else { throw MediaError.notFound }
        let uses = try await uses(of: id)
        if edit.altText.isEmpty, uses.contains(where: { [.published, .scheduled].contains($0.status) }) {
            problems["altText"] = "A published or scheduled story shows this photo: it needs alt text."
        }
        guard problems.isEmpty else { throw ValidationFailed(problems) }
        record.apply(edit)
        let oldKey = record.variantKey
        record.variantKey = Self.variantKey(sha: record.sha256, focus: edit.focus)
        record.updatedAt = now
        let storyIDs = Array(Set(uses.map(\.storyID)))
        let inlineIDs = Set(uses.filter { $0.role == .inline }.map(\.storyID))
        let photo = try record.domain()
        var rendered: [(story: UUID, body: String, html: String)] = []
        for storyID in inlineIDs {
            guard let body = try await StoryRecord.find(storyID, on: store.db)?.body else { continue }
            var photos = try await photos(ids: Photo.references(in: body))
            photos[id] = photo
            rendered.append((storyID, body, try await store.renderBody(body, photos: photos)))
        }
        let bodies = rendered
        try await store.writer.transaction { db in
            try await record.save(on: db)
            for (storyID, body, html) in bodies {
                // Only over the body it was rendered from: a save in between keeps its own.
                try await StoryRecord.query(on: db).filter(\.$id == storyID).filter(\.$body == body)
                    .set(\.$bodyHTML, to: html).set(\.$bodyText, to: SearchSnippet.plainText(fromHTML: html)).update()
            }
        }
        // Another focal point: this node's files of the old crops are of no more use (their
        // addresses answer 301 to the new ones).
        if oldKey != record.variantKey { try? FileManager.default.removeItem(at: store.variantShelf.url(oldKey)) }
        var events: [StoryEvent] = []
        for story in try await store.stories.stories(ids: storyIDs) {
            let facts = StoryFacts(story)
            events.append(.changed(facts, before: facts))
        }
        return Committed(photo, storyEvents: events)
    }

    /// Deletes a photo no story shows; its original and this node's variants go with it.
    public func delete(id: UUID) async throws -> Committed<Void> {
        guard let record = try await PhotoRecord.find(id, on: store.db) else { throw MediaError.notFound }
        let uses = try await uses(of: id)
        guard uses.isEmpty else { throw MediaError.inUse(uses) }
        let sha = record.sha256, key = record.variantKey
        try await store.writer.transaction { db in
            try await PhotoRecord.query(on: db).filter(\.$id == id).delete()
            try await PhotoOriginalRecord.query(on: db).filter(\.$id == sha).delete()
        }
        removeOriginal(sha: sha)
        forgetVariants(key: key)
        return Committed((), events: [.photo(.deleted(photoID: id, variantKey: key))])
    }

    /// Removes this node's files of a variant key (another node deleted the photo).
    public func forgetVariants(key: String) {
        try? FileManager.default.removeItem(at: store.variantShelf.url(key))
    }

    // MARK: Stories' use of photos

    /// Records which photos a story shows (its lead photo and those its body names), inside
    /// the story's own save.
    static func recordUse(storyID: UUID, lead: UUID?, body: String, on db: any Database) async throws {
        try await StoryPhotoRecord.query(on: db).filter(\.$storyID == storyID).delete()
        let inline = Photo.references(in: body)
        let wanted = Set(inline + (lead.map { [$0] } ?? []))
        guard !wanted.isEmpty else { return }
        let existing = Set(try await PhotoRecord.query(on: db).filter(\.$id ~~ Array(wanted)).all(\.$id))
        var rows: [(UUID, PhotoUse.Role)] = []
        if let lead, existing.contains(lead) { rows.append((lead, .lead)) }
        rows += inline.filter(existing.contains).map { ($0, .inline) }
        for (photoID, role) in rows {
            let use = StoryPhotoRecord()
            use.id = UUID()
            use.storyID = storyID
            use.photoID = photoID
            use.role = role.rawValue
            try await use.create(on: db)
        }
    }

    /// Problems with the photos a story names, keyed by field: photos that do not exist, and
    /// (when the story is or goes public) photos without alt text.
    public func problems(lead: UUID?, body: String, public isPublic: Bool) async throws -> [String: String] {
        let inline = Photo.references(in: body)
        let photos = try await photos(ids: inline + (lead.map { [$0] } ?? []))
        var problems: [String: String] = [:]
        if let lead {
            if let photo = photos[lead] {
                if isPublic, !photo.hasAltText { problems["leadPhoto"] = "Give the lead photo (\(photo.fileName)) alt text in the photo library before publishing." }
            } else {
                problems["leadPhoto"] = "There is no such photo in the library."
            }
        }
        // Only a `media:ID` that names no photo is a mistake; `/media/…` may be another site's.
        let missing = Photo.references(in: body, addresses: false).filter { photos[$0] == nil }
        if !missing.isEmpty { problems["body"] = "The body names a photo that is not in the library (media:\(missing[0].uuidString.lowercased()))." }
        if isPublic, let bare = inline.compactMap({ photos[$0] }).first(where: { !$0.hasAltText }) {
            problems["body"] = "Give the photo \(bare.fileName) alt text in the photo library before publishing."
        }
        return problems
    }

    // MARK: Helpers

    static func variantKey(sha: String, focus: FocalPoint) -> String {
        let text = "\(sha)|\(String(format: "%.4f", focus.x))|\(String(format: "%.4f", focus.y))|\(PhotoProcessor.recipe)"
        return String(Secrets.sha256(Array(text.utf8)).prefix(16))
    }

    /// The upload's name as shown in the library: its last path part, printable characters
    /// only, at most 120. It is never used as a path.
    static func displayName(_ name: String, format: PhotoFormat) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = EmbeddedCredits.clean(last)
        return cleaned.isEmpty ? "photo.\(format.fileExtension)" : String(cleaned.prefix(120))
    }

    static func likeEscaped(_ word: String) -> String {
        word.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    private func writeOriginal(_ bytes: [UInt8], sha: String) throws {
        if case .folder(let folder) = store.originalPlace { try FileShelf(root: folder).write(bytes, sha) }
    }

    private func removeOriginal(sha: String) {
        if case .folder(let folder) = store.originalPlace { FileShelf(root: folder).remove(sha) }
    }
}
