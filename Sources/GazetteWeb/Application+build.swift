import Foundation
import GazetteCore
import GazetteStore
import Hummingbird
import Logging
import ServiceLifecycle

/// Assembles the whole application: store, theme, routes. `gazette serve` and the tests both
/// call this, so the tests exercise what runs in production.
public func buildApplication(config: AppConfig, logger: Logger) async throws -> some ApplicationProtocol {
    let theme = try await Theme.load(from: config.themeDirectory ?? Theme.defaultDirectory)
    let store = try await Store.open(config.database, logger: logger)
    do {
        try await store.migrate()
        if config.loadDemo {
            let created = try await store.loadDemoContent(now: config.now(), timeZone: config.site.timeZone)
            logger.info(created > 0 ? "demo content loaded: \(created) stories" : "site has stories; demo content not loaded")
        }
        if try await store.users.count() == 0 {
            logger.notice("No one can log in to the newsroom yet. Create the first admin with: gazette user add --email you@example.org --name \"Your Name\" --role admin")
        }
    } catch {
        await store.shutdown()
        throw error
    }
    let secret = try await store.discussion.siteSecret("client-hash")
    let router = buildRouter(store: store, theme: theme, config: config, secret: secret)
    var services: [any Service] = [store]
    if config.schedulerInterval > 0 {
        services.append(SchedulerService(store: store, interval: config.schedulerInterval, now: config.now, logger: logger))
    }
    return Application(
        responder: HeadResponder(inner: router.buildResponder()),
        server: GuardedHTTP1Channel.builder(limits: config.connections),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Gazette"),
        services: services,
        logger: logger
    )
}

func buildRouter(store: Store, theme: Theme, config: AppConfig, secret: String) -> Router<GazetteRequestContext> {
    let pages = PageBuilder(site: config.site, theme: theme, now: config.now)
    let comments = CommentService(
        store: store, settings: config.discussion, limiter: RateLimiter(), secret: secret, trustedProxies: config.trustedProxies
    )
    let readNext = ReadNextService(store: store, refreshInterval: config.readNextRefreshInterval, now: config.now, logger: Logger(label: "gazette.readnext"))
    let articles = ArticleRenderer(store: store, pages: pages, comments: comments, readNext: readNext)
    let router = Router(context: GazetteRequestContext.self)
    router.add(middleware: SecurityHeaders(https: config.secureCookies))
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.get(RouterPath(SiteURL.Pattern.healthz)) { _, _ in "ok" }
    SiteController(store: store, pages: pages, articles: articles, secureCookies: config.secureCookies).addRoutes(to: router)
    CommentController(store: store, comments: comments, articles: articles, config: config).addRoutes(to: router)
    CommentAPIController(store: store, comments: comments, config: config).addRoutes(to: router)
    ContentAPIController(store: store).addRoutes(to: router)
    SearchController(store: store, pages: pages).addRoutes(to: router)
    AdminAPIController(store: store, config: config).addRoutes(to: router)
    NewsroomController(store: store, pages: pages, config: config).addRoutes(to: router)
    return router
}
