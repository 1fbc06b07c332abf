import Foundation
import Hummingbird

/// The newsroom in the browser: log-in, dashboard, stories, editor, revisions, rubrics,
/// tags, authors and the comment queue, behind the session middleware. Every route checks
/// the role on the server; the newsroom's templates and assets are its own, not the theme's.
struct NewsroomRoutes: Sendable {
    let newsroom: NewsroomService
    let comments: CommentService
    let accounts: AccountService
    let media: MediaService
    let pages: NewsroomPages
    let secureCookies: Bool
    let trustedProxies: Set<String>

    func addRoutes(to router: Router<GazetteRequestContext>) {
        router.get(Route.newsroomAsset.routerPath) { request, context in
            try pages.templates.assetResponse(try context.parameters.require("file"), request: request)
        }
        let group = router.group().add(middleware: NewsroomSessionMiddleware(accounts: accounts))
        LoginController(accounts: accounts, pages: pages, secureCookies: secureCookies, trustedProxies: trustedProxies).addRoutes(to: group)
        DashboardController(newsroom: newsroom, comments: comments, pages: pages).addRoutes(to: group)
        EditorController(newsroom: newsroom, pages: pages).addRoutes(to: group)
        RevisionsController(newsroom: newsroom, pages: pages).addRoutes(to: group)
        TaxonomyController(newsroom: newsroom, pages: pages).addRoutes(to: group)
        ModerationController(comments: comments, pages: pages).addRoutes(to: group)
        MediaController(media: media, pages: pages).addRoutes(to: group)
    }
}
