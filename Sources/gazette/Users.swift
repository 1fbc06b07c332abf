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
        subcommands: [Add.self, Passwd.self, List.self, SetRole.self, Disable.self, Enable.self, Remove.self]
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
                print("\(user.email)\t\(user.role.rawValue)\t\(user.name)\(user.disabledAt == nil ? "" : "\tdisabled")")
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Give a person another role; it applies from their next request.")
        @Option(help: "E-mail address of the person.") var email: String
        @Option(help: "admin, editor, author or moderator.") var role: Role
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStore(store, label: "gazette.user") { try await $0.users.setRole(email: email, role: role) }
            print("\(email) is now \(role.rawValue).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a person logging in; their sessions and tokens end at once.")
        @Option(help: "E-mail address of the person.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStore(store, label: "gazette.user") { try await $0.users.disable(email: email) }
            print("Disabled \(email); their sessions and tokens have ended.")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled person log in again.")
        @Option(help: "E-mail address of the person.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStore(store, label: "gazette.user") { try await $0.users.enable(email: email) }
            print("Enabled \(email).")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a person with their sessions and tokens; their stories and revisions stay.")
        @Option(help: "E-mail address of the person.") var email: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await withStore(store, label: "gazette.user") { try await $0.users.remove(email: email) }
            print("Removed \(email).")
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage Admin API tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; it is printed once, on the last line.")
        @Option(help: "What the token is for, e.g. the system that uses it.") var name: String
        @Option(help: "The role the token acts with: admin, editor, author or moderator.") var role: Role
        @Option(help: "E-mail of the person the token belongs to: disabling or removing them ends it.") var user: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let (secret, token) = try await withStore(store, label: "gazette.token") { store in
                try await store.users.createToken(name: name, role: role, userEmail: user)
            }
            print("Created token \"\(token.name)\" with role \(token.role.rawValue). Keep it secret; it is not shown again:")
            print(secret)
        }
    }
}

extension TokenCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, name, owner, created (secrets are never shown).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await withStore(store, label: "gazette.token") { try await $0.users.tokens() }
            if tokens.isEmpty { print("No tokens.") }
            let format = ISO8601DateFormatter()
            for token in tokens {
                print("\(token.id.uuidString)\t\(token.role.rawValue)\t\(token.name)\t\(token.userEmail ?? "-")\t\(format.string(from: token.createdAt))")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (from `gazette token list`); it stops working at once.")
        @Option(help: "The token's id.") var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw CLIError("'\(id)' is not a token id (see gazette token list)") }
            try await withStore(store, label: "gazette.token") { try await $0.users.revokeToken(id: uuid) }
            print("Revoked token \(uuid.uuidString).")
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
