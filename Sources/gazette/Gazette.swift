import ArgumentParser

@main
struct Gazette: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "A news publication in one binary: the site, its discussion and its newsroom.",
        subcommands: [Serve.self, Migrate.self, Backup.self, Import.self, Export.self, Reindex.self, UserCommand.self, TokenCommand.self, RevisionsCommand.self]
    )
}
