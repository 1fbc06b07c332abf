import Foundation
import Hummingbird
import Synchronization

/// What a cached page shows, so that a write empties exactly the pages it changed.
enum PageTag: Hashable, Sendable {
    /// The story's article page (every sort and page of its comments) and its comments feed.
    case story(UUID)
    /// Pages that show the story as an item: its headline, lead, time, rubric and address.
    case listed(UUID)
    /// Lists that show the story's comment count.
    case commentCount(UUID)
    /// The story's article page, for its Read next list.
    case readNext(UUID)
    /// Pages of all stories by time: the home pages, the site's feeds, the news sitemap.
    case latest
    /// A rubric's, tag's or author's pages and feeds.
    case rubric(String), tag(String), author(String)
    /// The sitemap index and its sitemaps.
    case sitemaps
}

/// How the site's own pages may be kept by browsers and caches in front (`Cache-Control`).
public struct PageCacheSettings: Sendable, Equatable {
    /// The memory the rendered pages may take; 0 turns the cache off.
    public var capacityBytes = 64 << 20
    /// `max-age` of public pages: how long a browser or CDN may show one without asking.
    public var maxAge = 0
    /// `stale-while-revalidate` of public pages.
    public var staleWhileRevalidate = 60

    public init() {}

    var pageCacheControl: String { "public, max-age=\(maxAge), stale-while-revalidate=\(staleWhileRevalidate)" }
}

/// Rendered public pages in memory, by address: served as bytes with their gzip variant and
/// validators made once; bounded in bytes, the least recently used going first; emptied by
/// tag when a committed write changes what a page shows (`invalidate`, the one entry point
/// for this node's events and, in cluster mode, other nodes'). A page rendered while a write
/// that touches it committed is served but not kept, so nothing stale stays after the write.
final class PageCache: Sendable {
    let settings: PageCacheSettings
    private let state: Mutex<State>

    private struct Entry {
        var page: CachedPage
        var lastUse: UInt64
        /// Request targets (path and query as sent) that were served this page.
        var aliases: Set<String> = []
    }

    /// Addresses as sent that one page may answer to (its key, tracking parameters…).
    private static let aliasLimit = 8

    private struct State {
        var entries: [String: Entry] = [:]
        /// Request target as sent → key, so a hit needs no routing (`MemoryAnswers`).
        var keysByTarget: [String: String] = [:]
        var keysByTag: [PageTag: Set<String>] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        /// Counts invalidations; a render remembers the count it started at.
        var generation: UInt64 = 0
        /// The latest invalidations (nil tags: everything), for renders still running.
        var recent: [(generation: UInt64, tags: Set<PageTag>?)] = []
        var hits = 0
        var misses = 0
    }

    /// Invalidations remembered for renders in flight; a render older than these is not kept.
    private static let recentLimit = 512

    init(settings: PageCacheSettings) {
        self.settings = settings
        state = Mutex(State())
    }

    struct Statistics: Sendable, Equatable {
        var pages: Int
        var bytes: Int
        var hits: Int
        var misses: Int
    }

    var statistics: Statistics {
        state.withLock { Statistics(pages: $0.entries.count, bytes: $0.bytes, hits: $0.hits, misses: $0.misses) }
    }

    func contains(_ key: String) -> Bool { state.withLock { $0.entries[key] != nil } }

    // MARK: Serving

    /// The cached page for `key` if it is still good, else `render`'s, kept for the next
    /// request when nothing it shows changed meanwhile. `target` is the request's path and
    /// query as sent, remembered so the next request for it is found before routing.
    func page(_ key: String, target: String? = nil, now: Date, render: () async throws -> CachedPage) async throws -> (CachedPage, hit: Bool) {
        guard settings.capacityBytes > 0 else { return (try await render(), false) }
        let (cached, generation) = lookup(key, target: target, now: now)
        if let cached { return (cached, true) }
        let page = try await render()
        keep(page, as: key, target: target, renderedAfter: generation)
        return (page, false)
    }

    /// The page a request target was served before, if it is still kept and good.
    func page(target: String, now: Date) -> CachedPage? {
        state.withLock { state in
            guard let key = state.keysByTarget[target] else { return nil }
            return Self.hit(key, in: &state, now: now)
        }
    }

    private func lookup(_ key: String, target: String?, now: Date) -> (CachedPage?, UInt64) {
        state.withLock { state in
            if let page = Self.hit(key, in: &state, now: now) {
                if let target { Self.alias(target, to: key, in: &state) }
                return (page, state.generation)
            }
            state.misses += 1
            return (nil, state.generation)
        }
    }

    private static func hit(_ key: String, in state: inout State, now: Date) -> CachedPage? {
        state.clock &+= 1
        guard let entry = state.entries[key] else { return nil }
        if let expires = entry.page.expires, expires <= now {
            remove(key, from: &state)
            return nil
        }
        state.entries[key]?.lastUse = state.clock
        state.hits += 1
        return entry.page
    }

    private static func alias(_ target: String, to key: String, in state: inout State) {
        guard state.keysByTarget[target] != key, let entry = state.entries[key], entry.aliases.count < aliasLimit else { return }
        if let old = state.keysByTarget[target] { state.entries[old]?.aliases.remove(target) }
        state.keysByTarget[target] = key
        state.entries[key]?.aliases.insert(target)
    }

    private func keep(_ page: CachedPage, as key: String, target: String?, renderedAfter generation: UInt64) {
        let size = page.byteCount + key.utf8.count
        guard size <= settings.capacityBytes / 4 else { return }
        state.withLock { state in
            if state.generation != generation {
                let missed = state.recent.filter { $0.generation > generation }
                // Too many invalidations since the render began to know: do not keep it.
                guard missed.count == state.generation - generation else { return }
                if missed.contains(where: { $0.tags.map { !$0.isDisjoint(with: page.tags) } ?? true }) { return }
            }
            Self.remove(key, from: &state)
            state.entries[key] = Entry(page: page, lastUse: state.clock)
            for tag in page.tags { state.keysByTag[tag, default: []].insert(key) }
            if let target { Self.alias(target, to: key, in: &state) }
            state.bytes += size
            if state.bytes > settings.capacityBytes { Self.evict(&state, to: settings.capacityBytes * 9 / 10) }
        }
    }

    private static func remove(_ key: String, from state: inout State) {
        guard let entry = state.entries.removeValue(forKey: key) else { return }
        for target in entry.aliases where state.keysByTarget[target] == key { state.keysByTarget[target] = nil }
        state.bytes -= entry.page.byteCount + key.utf8.count
        for tag in entry.page.tags {
            state.keysByTag[tag]?.remove(key)
            if state.keysByTag[tag]?.isEmpty == true { state.keysByTag[tag] = nil }
        }
    }

    /// Drops the least recently used pages until they take at most `target` bytes.
    private static func evict(_ state: inout State, to target: Int) {
        let byAge = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }.map(\.key)
        for key in byAge where state.bytes > target { remove(key, from: &state) }
    }

    // MARK: Invalidation

    /// Empties every page that shows any of `tags`.
    func invalidate(_ tags: Set<PageTag>) {
        guard !tags.isEmpty else { return }
        state.withLock { state in
            Self.record(tags, in: &state)
            for tag in tags {
                for key in state.keysByTag[tag] ?? [] { Self.remove(key, from: &state) }
            }
        }
    }

    /// Empties the whole cache (a change whose pages cannot be named, such as a renamed rubric).
    func invalidateAll() {
        state.withLock { state in
            Self.record(nil, in: &state)
            state.entries = [:]
            state.keysByTarget = [:]
            state.keysByTag = [:]
            state.bytes = 0
        }
    }

    private static func record(_ tags: Set<PageTag>?, in state: inout State) {
        state.generation += 1
        state.recent.append((state.generation, tags))
        if state.recent.count > recentLimit { state.recent.removeFirst(state.recent.count - recentLimit) }
    }
}
