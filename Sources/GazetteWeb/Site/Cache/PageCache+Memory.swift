import Foundation
import Hummingbird

/// A GET for an address the page cache served before is answered from memory at once,
/// without routing or middleware (the cached page carries its own security headers, encoding
/// and validators; `MemoryAnswers`). A request that may be the reader's own
/// (`PageServer.isPersonal`) is never answered here.
extension PageCache: MemoryAnswering {
    var route: String { "page-cache" }

    func answer(to request: Request, now: Date) -> MemoryAnswer? {
        guard settings.capacityBytes > 0, !PageServer.isPersonal(request), let page = page(target: request.uri.description, now: now) else { return nil }
        return page.answer(for: request, now: now, cache: "hit")
    }
}
