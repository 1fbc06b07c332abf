import Foundation

/// Where the site's data lives, parsed from `--database-url` / `GAZETTE_DATABASE_URL`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLite = DatabaseLocation.sqlite(path: "gazette.sqlite")

    /// Accepts `sqlite:///absolute/path.sqlite`, `sqlite://relative.sqlite`,
    /// `postgres://user:pass@host:port/db` and `postgresql://…`.
    public static func parse(_ text: String) throws(StoreError) -> DatabaseLocation {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sqlite://") {
            let path = String(trimmed.dropFirst("sqlite://".count))
            guard !path.isEmpty, path != "/" else {
                throw .badDatabaseURL("\(trimmed): no SQLite file named (use sqlite:///path/to/file.sqlite)")
            }
            return .sqlite(path: path)
        }
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty else {
                throw .badDatabaseURL("\(redacted(trimmed)): not a valid PostgreSQL URL (use postgres://user:pass@host:port/db)")
            }
            if components.path.count <= 1 {
                throw .badDatabaseURL("\(redacted(trimmed)): no database name (use postgres://user:pass@host:port/db)")
            }
            if components.user == nil {
                throw .badDatabaseURL("\(redacted(trimmed)): no user name (use postgres://user:pass@host:port/db)")
            }
            return .postgres(url: trimmed)
        }
        let scheme = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? trimmed
        throw .badDatabaseURL("unsupported database URL '\(redacted(trimmed))' (scheme '\(scheme)'): use sqlite:///path/to/file.sqlite or postgres://user:pass@host:port/db")
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite file \(path)"
        case .postgres(let url): return "PostgreSQL \(Self.redacted(url))"
        }
    }

    /// The URL with its password replaced, for messages and logs — also when the URL cannot
    /// be parsed, which is when it is printed in an error: the password is whatever lies
    /// between the first `:` of the part before the last `@` and that `@`.
    static func redacted(_ url: String) -> String {
        if var components = URLComponents(string: url), components.password != nil {
            components.password = "***"
            if let string = components.string { return string }
        }
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
    }
}

/// Errors of the store, each with a message fit to show an operator.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case badDatabaseURL(String)
    case unavailable(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .badDatabaseURL(let message): return message
        case .unavailable(let message): return message
        case .conflict(let message): return message
        }
    }
}
