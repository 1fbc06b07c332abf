import FluentKit
import Foundation
import SQLKit

/// Token buckets in PostgreSQL, so a limit holds across every node: each take is one atomic
/// `INSERT … ON CONFLICT DO UPDATE … WHERE` (the row lock orders concurrent takes of a key).
/// Times are the nodes' clocks; a skew between nodes of s seconds gives a bucket up to
/// s × rate tokens more or less.
public struct SharedRateBuckets: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// nil when allowed, else the seconds to wait. Same meaning as `RateBuckets.take`.
    public func take(_ key: String, perMinute: Double, burst: Double? = nil, now: Date) async throws -> TimeInterval? {
        guard perMinute > 0 else { return nil }
        let capacity = max(1, burst ?? perMinute)
        let rate = perMinute / 60
        let time = now.timeIntervalSince1970
        let sql = store.writer as! any SQLDatabase
        let refill: SQLQueryString = "LEAST(\(bind: capacity), rate_buckets.tokens + GREATEST(0, \(bind: time) - rate_buckets.updated_at) * \(bind: rate))"
        let taken = try await sql.raw("""
            INSERT INTO rate_buckets (bucket, tokens, updated_at) VALUES (\(bind: key), \(bind: capacity - 1), \(bind: time))
            ON CONFLICT (bucket) DO UPDATE SET tokens = \(refill) - 1, updated_at = \(bind: time)
            WHERE \(refill) >= 1
            RETURNING tokens
            """).first()
        if taken != nil { return nil }
        let row = try await sql.raw("SELECT \(refill) AS tokens FROM rate_buckets WHERE bucket = \(bind: key)").first()
        let tokens = try row?.decode(column: "tokens", as: Double.self) ?? 0
        return max(0.001, (1 - tokens) / rate)
    }

    /// Removes buckets idle for a day (full again by then).
    public func prune(now: Date) async throws {
        try await (store.writer as! any SQLDatabase)
            .raw("DELETE FROM rate_buckets WHERE updated_at < \(bind: now.timeIntervalSince1970 - 86_400)").run()
    }
}
