import FluentKit
import SQLKit

/// Token buckets shared by every node of a cluster (per-client and per-story comment limits,
/// vote and report limits): one row per key, taken in one atomic statement.
struct CreateRateBuckets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_buckets")
            .field("bucket", .string, .identifier(auto: false))
            .field("tokens", .double, .required)
            .field("updated_at", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_buckets").delete()
    }
}
