import Foundation
import GazetteCore
import GazetteStore
import Hummingbird
import Logging
import ServiceLifecycle

/// Assembles the whole application: store, event bus, services, theme, routes. `gazette
/// serve` and the tests both call this, so the tests exercise what runs in production.
/// `subscribers` are added to the event bus after the application's own (tests listen there).
public func buildApplication(
    config: AppConfig, logger: Logger, subscribers: [any EventSubscriber] = [], metrics: SiteMetrics = SiteMetrics()
) async throws -> some ApplicationProtocol {
    let theme = try await Theme.load(from: config.themeDirectory ?? Theme.defaultDirectory)
    let newsroomTemplates = try await Theme.loadNewsroom()
    let store = try await Store.open(config.database, logger: logger, mediaDirectory: config.mediaDirectory, pool: config.operations.pool)
    do {
        if config.operations.migrate {
            try await store.migrate()
        } else if case let pending = try await store.pendingMigrations(), !pending.isEmpty {
            throw StoreError.unavailable(
                "the database schema is behind this program (\(pending.count) migrations pending, first \(pending[0])): run gazette migrate once, then start the nodes"
            )
        }
        if config.loadDemo {
            let created = try await store.loadDemoContent(now: config.now(), timeZone: config.site.timeZone, photos: config.demoPhotos)
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
    let events = EventBus()
    let cache = PageCache(settings: config.pageCache)
    let photos = PhotoMemory(capacityBytes: config.photoCacheBytes)
    let readNext = ReadNextService(
        store: store, settings: config.readNext, resyncInterval: config.readNextResyncInterval, now: config.now, logger: Logger(label: "gazette.readnext"),
        listsChanged: { ids in
            guard let ids else { return cache.invalidateAll() }
            cache.invalidate(Set(ids.map(PageTag.readNext)))
        }
    )
    events.subscribe(readNext)
    events.subscribe(cache)
    events.subscribe(photos)
    events.subscribe(PhotoFilesSubscriber(media: store.media))
    // Other nodes hear of this node's writes after its own caches have dropped what they changed.
    let cluster = ClusterEvents.forStore(store, bus: events, metrics: metrics, cache: cache, photos: photos, readNext: readNext)
    if let cluster { events.subscribe(cluster) }
    for subscriber in subscribers { events.subscribe(subscriber) }
    OperationsMetrics.sample(metrics: metrics, store: store, cache: cache, photos: photos)
    let router = buildRouter(
        store: store, events: events, readNext: readNext, cache: cache, photos: photos, theme: theme, newsroomTemplates: newsroomTemplates,
        config: config, secret: secret, metrics: metrics, cluster: cluster
    )
    var services: [any Service] = [store, readNext]
    if let cluster { services.append(cluster) }
    if config.schedulerInterval > 0 {
        services.append(SchedulerService(store: store, events: events, interval: config.schedulerInterval, now: config.now, logger: logger, metrics: metrics))
    }
    let answers = MemoryAnswers(answerers: [cache, photos], now: config.now, metrics: metrics)
    let serverName = "Gazette"
    return Application(
        responder: ReadRoutingResponder(
            inner: HeadResponder(inner: MemoryResponder(inner: router.buildResponder(), answers: answers)),
            replica: store.hasReplica, readOwnWritesSeconds: config.operations.readOwnWritesSeconds, secureCookies: config.secureCookies
        ),
        server: GuardedHTTP1Channel.builder(limits: config.connections, answers: answers, serverName: serverName),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: serverName),
        services: services,
        logger: logger
    )
}

func buildRouter(
    store: Store, events: EventBus, readNext: ReadNextService, cache: PageCache, photos: PhotoMemory = PhotoMemory(capacityBytes: 0),
    theme: Theme, newsroomTemplates: Theme, config: AppConfig, secret: String, metrics: SiteMetrics = SiteMetrics(),
    cluster: ClusterEvents? = nil
) -> Router<GazetteRequestContext> {
    let pages = PageBuilder(site: config.site, theme: theme, publicBase: config.publicBase, now: config.now)
    let server = PageServer(cache: cache, now: config.now, headers: SecurityHeaders<GazetteRequestContext>.publicHeaders(https: config.secureCookies))
    let stories = StoryService(store: store)
    let comments = CommentService(
        store: store, events: events, settings: config.discussion,
        // On PostgreSQL the buckets are shared by every node.
        limiter: RateLimiter(shared: store.isPostgres ? SharedRateBuckets(store: store) : nil),
        secret: secret, trustedProxies: config.trustedProxies, metrics: metrics
    )
    let newsroom = NewsroomService(
        store: store, events: events, readNextSettings: config.readNext, defaultCommentPolicy: config.discussion.defaultPolicy, now: config.now
    )
    let accounts = AccountService(store: store, bcryptCost: config.bcryptCost, sessionLifetime: config.sessionLifetime, now: config.now)
    let media = MediaService(store: store, events: events, limits: config.photoLimits, now: config.now)
    let articles = ArticleRenderer(pages: pages, comments: comments, readNext: readNext, server: server)
    let router = Router(context: GazetteRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: SecurityHeaders(https: config.secureCookies))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.add(middleware: OldAddressMiddleware(stories: stories))
    OperationsController(store: store, readNext: readNext, cluster: cluster, metrics: metrics).addRoutes(to: router)
    HomeController(stories: stories, pages: pages, server: server).addRoutes(to: router)
    ArticleController(stories: stories, articles: articles).addRoutes(to: router)
    ListController(stories: stories, pages: pages, server: server).addRoutes(to: router)
    FeedController(stories: stories, comments: comments, site: config.site, publicBase: config.publicBase, server: server).addRoutes(to: router)
    SitemapController(
        stories: stories, site: config.site, publicBase: config.publicBase, now: config.now, server: server, storiesPerSitemap: config.sitemapPageSize
    ).addRoutes(to: router)
    CommentController(stories: stories, comments: comments, articles: articles, config: config).addRoutes(to: router)
    SearchController(stories: stories, pages: pages).addRoutes(to: router)
    ContentAPIController(stories: stories, publicBase: config.publicBase).addRoutes(to: router)
    CommentAPIController(stories: stories, comments: comments, config: config).addRoutes(to: router)
    AdminAPIController(newsroom: newsroom, accounts: accounts).addRoutes(to: router)
    PhotoController(media: store.media, memory: photos).addRoutes(to: router)
    AdminPhotosController(media: media, accounts: accounts).addRoutes(to: router)
    NewsroomRoutes(
        newsroom: newsroom, comments: comments, accounts: accounts, media: media,
        pages: NewsroomPages(templates: newsroomTemplates, site: config.site, now: config.now),
        secureCookies: config.secureCookies, trustedProxies: config.trustedProxies
    ).addRoutes(to: router)
    return router
}
