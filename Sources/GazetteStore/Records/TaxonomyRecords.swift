import FluentKit
import Foundation
import GazetteCore

final class RubricRecord: Model, @unchecked Sendable {
    static let schema = "rubrics"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "label") var label: String

    init() {}

    init(name: String, slug: String, label: String) {
        self.name = name
        self.slug = slug
        self.label = label
    }

    var domain: Rubric { Rubric(id: id!, name: name, slug: slug, label: label) }
}

final class TagRecord: Model, @unchecked Sendable {
    static let schema = "tags"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String

    init() {}

    init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }

    var domain: Tag { Tag(id: id!, name: name, slug: slug) }
}

final class AuthorRecord: Model, @unchecked Sendable {
    static let schema = "authors"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "bio") var bio: String

    init() {}

    init(name: String, slug: String, bio: String = "") {
        self.name = name
        self.slug = slug
        self.bio = bio
    }

    var domain: Author { Author(id: id!, name: name, slug: slug, bio: bio) }
}
