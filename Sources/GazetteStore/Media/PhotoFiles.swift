import Foundation
import GazetteCore

/// Where originals are kept: in a folder (SQLite: beside the database file) or in the
/// database (PostgreSQL: every node reads the same rows).
enum OriginalPlace: Sendable {
    case folder(URL)
    case database
}

/// A folder of files named by the program (a content hash, a variant name), never by an
/// upload's name. Writes go to a temporary file renamed into place, so a reader sees a whole
/// file or none.
struct FileShelf: Sendable {
    let root: URL

    func url(_ parts: String...) -> URL {
        parts.reduce(root) { $0.appendingPathComponent($1, isDirectory: false) }
    }

    func read(_ parts: String...) -> [UInt8]? {
        let url = parts.reduce(root) { $0.appendingPathComponent($1, isDirectory: false) }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return [UInt8](data)
    }

    func write(_ bytes: [UInt8], _ parts: String...) throws {
        let url = parts.reduce(root) { $0.appendingPathComponent($1, isDirectory: false) }
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        // rename(2) replaces atomically; FileManager's move refuses an existing target.
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    func remove(_ parts: String...) {
        let url = parts.reduce(root) { $0.appendingPathComponent($1, isDirectory: false) }
        try? FileManager.default.removeItem(at: url)
    }
}

extension DatabaseLocation {
    /// The default photo folder: beside a SQLite file (`site.sqlite` → `site-media/`); for
    /// PostgreSQL a cache of derived sizes in the temporary folder, one per database.
    public var defaultMediaDirectory: String {
        switch self {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            let stem = url.deletingPathExtension().lastPathComponent
            return url.deletingLastPathComponent().appendingPathComponent("\(stem)-media").path
        case .postgres(let url):
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return FileManager.default.temporaryDirectory.appendingPathComponent("gazette-media-\(String(hash, radix: 16))").path
        }
    }
}
