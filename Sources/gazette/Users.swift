import ArgumentParser
import Foundation
import GazetteCore
import GazetteStore
#if canImport(Glibc)
import Glibc
#endif

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage newsroom people: admin, editor, author, moderator.",
        subcommands: [Add.self, Passwd.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person. Asks for the password, or reads it from standard input with --password-stdin.")

        @Option(help: "E-mail address; the log-in name.") var email: String
        @Option(help: "Name as shown in the newsroom and in revisions.") var name: String
        @Option(help: "admin, editor, author or moderator.") var role: Role
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let password = try readPassword(fromStdin: passwordStdin, confirm: true)
            let user = try await withStore(store, label: "gazette.user") { store in
                try await store.users.add(email: email, name: name, role: role, password: password)
            }
            print("Added \(user.name) <\(user.email)> as \(user.role.rawValue).")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a person's password; their sessions end.")

        @Option(help: "E-mail address of the person.") var email: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let password = try readPassword(fromStdin: passwordStdin, confirm: true)
            try await withStore(store, label: "gazette.user") { store in
                try await store.users.setPassword(email: email, password: password)
            }
            print("Password changed for \(email).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List newsroom people.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let users = try await withStore(store, label: "gazette.user") { try await $0.users.list() }
            if users.isEmpty { print("No users yet. Add the first admin with: gazette user add --email E --name N --role admin") }
            for user in users {
                print("\(user.email)\t\(user.role.rawValue)\t\(user.name)")
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage Admin API tokens.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; it is printed once, on the last line.")
        @Option(help: "What the token is for, e.g. the system that uses it.") var name: String
        @Option(help: "The role the token acts with: admin, editor, author or moderator.") var role: Role
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let (secret, token) = try await withStore(store, label: "gazette.token") { store in
                try await store.users.createToken(name: name, role: role)
            }
            print("Created token \"\(token.name)\" with role \(token.role.rawValue). Keep it secret; it is not shown again:")
            print(secret)
        }
    }
}

struct RevisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "Story revisions are kept without limit; this prunes them on request.",
        subcommands: [Prune.self]
    )

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep only the newest N revisions of every story.")
        @Option(help: "How many revisions to keep per story (at least 1).") var keep: Int
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
        }

        func run() async throws {
            let removed = try await withStore(store, label: "gazette.revisions") { try await $0.newsroom.pruneRevisions(keep: keep) }
            print("Removed \(removed) old revisions.")
        }
    }
}

/// Reads a password without echo from the terminal, or one line from standard input.
func readPassword(fromStdin: Bool, confirm: Bool) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password on standard input") }
        return line
    }
    guard isatty(STDIN_FILENO) == 1 else { throw CLIError("standard input is not a terminal: use --password-stdin") }
    guard let first = getpass("Password: ").map({ String(cString: $0) }), !first.isEmpty else { throw CLIError("no password given") }
    if confirm {
        guard let second = getpass("Password again: ").map({ String(cString: $0) }), second == first else {
            throw CLIError("the passwords differ")
        }
    }
    return first
}
