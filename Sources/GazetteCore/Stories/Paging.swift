/// A page of a list. Pages count from 1.
public struct PageQuery: Sendable, Equatable {
    public static let maxLimit = 100
    public var page: Int
    public var limit: Int

    public init(page: Int = 1, limit: Int = 20) {
        self.page = page
        self.limit = limit
    }

    public var offset: Int { (page - 1) * limit }

    /// Reads `page` and `limit` as sent in a query string; absent values take the defaults.
    public static func parse(page: String?, limit: String?, defaultLimit: Int) throws(ContentError) -> PageQuery {
        var request = PageQuery(page: 1, limit: defaultLimit)
        if let page {
            // Keep the page number small enough that the offset cannot overflow.
            guard let value = Int(page), value >= 1, value <= 1_000_000 else {
                throw .invalid(field: "page", reason: "must be a whole number from 1 to 1000000")
            }
            request.page = value
        }
        if let limit {
            guard let value = Int(limit), value >= 1, value <= maxLimit else {
                throw .invalid(field: "limit", reason: "must be a whole number from 1 to \(maxLimit)")
            }
            request.limit = value
        }
        return request
    }
}

public struct PagedList<Item: Sendable>: Sendable {
    public var items: [Item]
    public var request: PageQuery
    public var total: Int

    public init(items: [Item], request: PageQuery, total: Int) {
        self.items = items
        self.request = request
        self.total = total
    }

    public var pageCount: Int { max(1, (total + request.limit - 1) / request.limit) }
    public var hasNext: Bool { request.page < pageCount }
    public var hasPrevious: Bool { request.page > 1 }

    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> PagedList<T> {
        PagedList<T>(items: try items.map(transform), request: request, total: total)
    }
}
