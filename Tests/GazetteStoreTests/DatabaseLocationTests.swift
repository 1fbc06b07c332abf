import GazetteStore
import Testing

@Suite("Database URLs")
struct DatabaseLocationTests {
    @Test("SQLite and PostgreSQL URLs are understood")
    func good() throws {
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/gazette/site.sqlite") == .sqlite(path: "/var/lib/gazette/site.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite://site.sqlite") == .sqlite(path: "site.sqlite"))
        #expect(try DatabaseLocation.parse("postgres://u:p@db:5432/news") == .postgres(url: "postgres://u:p@db:5432/news"))
        #expect(try DatabaseLocation.parse("postgresql://u@db/news") == .postgres(url: "postgresql://u@db/news"))
    }

    @Test("bad URLs are refused with a message that says what to write", arguments: [
        "mysql://u:p@h/db", "gazette.sqlite", "sqlite://", "postgres://u:p@/db", "postgres://u:p@h:5432/", "postgres://h/db", "",
    ])
    func bad(url: String) {
        do {
            _ = try DatabaseLocation.parse(url)
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.description.contains("sqlite:///") || error.description.contains("postgres://user:pass@host:port/db"), "\(error)")
        }
    }

    @Test("passwords never appear in messages")
    func redaction() {
        #expect(DatabaseLocation.postgres(url: "postgres://u:secret@h/db").description == "PostgreSQL postgres://u:***@h/db")
        do {
            _ = try DatabaseLocation.parse("postgres://u:secret@h:5432/")
        } catch {
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("a password never appears in the message about a URL that cannot be parsed", arguments: [
        "postgres://user:s3cr3t@[bad/db", "postgresql://user:s3cr3t@:5432", "postgres://user:s3cr3t@/db", "mysql://root:s3cr3t@db/news",
        "postgres://user:s3cr3t@h:5432/",
    ])
    func unparseableRedaction(url: String) {
        #expect(throws: StoreError.self) { try DatabaseLocation.parse(url) }
        do {
            _ = try DatabaseLocation.parse(url)
        } catch {
            #expect(!error.description.contains("s3cr3t"), "\(error)")
            #expect(error.description.contains("***"), "\(error)")
        }
    }
}
