import ArgumentParser
import Foundation
import GazetteStore
import GazetteWeb
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the site.",
        discussion: "Migrations run at start. Every option can also be set with a GAZETTE_* variable."
    )

    @Option(help: "Address to listen on (env GAZETTE_HOST). Default: 127.0.0.1.")
    var host: String?

    @Option(help: "Port to listen on (env GAZETTE_PORT). Default: 8080.")
    var port: Int?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Load the demo content into an empty site (does nothing to a site that has stories).")
    var demo = false

    @Option(name: .customLong("time-zone"), help: "The site's time zone, e.g. Europe/Berlin (env GAZETTE_TIME_ZONE). Default: UTC.")
    var timeZone: String?

    @Option(name: .customLong("site-name"), help: "The publication's name (env GAZETTE_SITE_NAME). Default: Gazette.")
    var siteName: String?

    @Option(name: .customLong("theme-dir"), help: "A theme folder to use instead of the built-in theme (env GAZETTE_THEME_DIR).")
    var themeDirectory: String?

    @Option(name: .customLong("public-url"), help: "The site's public address, e.g. https://news.example.org (env GAZETTE_PUBLIC_URL); https marks session cookies Secure.")
    var publicURL: String?

    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig()
        config.host = host ?? environment["GAZETTE_HOST"] ?? config.host
        if let port {
            config.port = port
        } else if let text = environment["GAZETTE_PORT"] {
            guard let value = Int(text) else { throw CLIError("GAZETTE_PORT '\(text)' is not a port number") }
            config.port = value
        }
        guard (1...65_535).contains(config.port) else { throw CLIError("port \(config.port) is outside 1–65535") }
        config.database = try store.location(environment: environment)
        config.loadDemo = demo || environment["GAZETTE_DEMO"] == "1"
        if let name = timeZone ?? environment["GAZETTE_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: name) else {
                throw CLIError("unknown time zone '\(name)' (use a name such as Europe/Berlin or UTC)")
            }
            config.site.timeZone = zone
        }
        if let name = siteName ?? environment["GAZETTE_SITE_NAME"], !name.isEmpty { config.site.name = name }
        config.themeDirectory = themeDirectory ?? environment["GAZETTE_THEME_DIR"]
        if let url = publicURL ?? environment["GAZETTE_PUBLIC_URL"], !url.isEmpty {
            guard let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                  components.host?.isEmpty == false
            else { throw CLIError("public URL '\(url)' is not an http(s) address") }
            config.publicURL = url
        }
        return config
    }

    func run() async throws {
        let config = try config()
        let logger = makeLogger("gazette")
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(config: config, logger: logger)
        } catch let error as StoreError {
            throw CLIError(error.description)
        } catch let error as Theme.LoadError {
            throw CLIError(error.description)
        }
        logger.info("Gazette serving \(config.database) on http://\(config.host):\(config.port)")

        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = try store.location()
        try await withStore(store, label: "gazette.migrate") { _ in }
        print("\(location) is up to date.")
    }
}
