import Foundation

/// A token bucket: `capacity` requests at once, refilled at `perSecond`.
public struct TokenBucket: Sendable, Equatable {
    public var capacity: Double
    public var perSecond: Double
    var tokens: Double
    var updated: Date

    public init(capacity: Double, perSecond: Double, now: Date) {
        self.capacity = capacity
        self.perSecond = perSecond
        self.tokens = capacity
        self.updated = now
    }

    /// Takes one token; returns nil when allowed, else the seconds until one is free.
    public mutating func take(now: Date) -> TimeInterval? {
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(updated)) * perSecond)
        updated = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / perSecond
    }

    /// Full again: the bucket can be forgotten.
    public func isFull(at now: Date) -> Bool {
        tokens + max(0, now.timeIntervalSince(updated)) * perSecond >= capacity
    }
}
