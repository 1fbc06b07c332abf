import FluentKit
import Foundation
import GazetteCore

// Fluent records. They never leave this module: repositories turn them into GazetteCore structs.

/// Secrets the site makes once and keeps, shared by all nodes.
final class SiteSecretRecord: Model, @unchecked Sendable {
    static let schema = "site_secrets"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

    init() {}
}
