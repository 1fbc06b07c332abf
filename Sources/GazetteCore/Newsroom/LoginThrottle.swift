import Foundation

/// Five failed log-ins for one account within 15 minutes lock it for 15 minutes.
public struct LoginThrottle: Sendable {
    /// Failures of one account from one client (its /64 for IPv6) that lock that pair.
    public var maxFailures = 5
    /// Failures from one client across all accounts (one password tried on many accounts).
    public var maxClientFailures = 20
    /// Failures of one account from everywhere that lock it for clients that never logged in
    /// to it: a botnet cannot guess freely, and the account's own people still get in.
    public var maxAccountFailures = 50
    public var window: TimeInterval = 15 * 60
    public var lockout: TimeInterval = 15 * 60

    public init() {}

    /// Seconds until the attempt may be made, or nil when it may be made now.
    /// `failures` are the times of failed attempts since the last success that counts.
    public func retryAfter(failures: [Date], limit: Int? = nil, now: Date) -> TimeInterval? {
        let limit = limit ?? maxFailures
        let recent = failures.filter { now.timeIntervalSince($0) < window + lockout }.sorted()
        // Find a run of `limit` failures within `window`; the lock runs from its last one.
        guard recent.count >= limit else { return nil }
        for end in stride(from: recent.count - 1, through: limit - 1, by: -1) {
            let start = recent[end - limit + 1]
            if recent[end].timeIntervalSince(start) <= window {
                let until = recent[end].addingTimeInterval(lockout)
                return until > now ? until.timeIntervalSince(now) : nil
            }
        }
        return nil
    }

    /// The three rules together: the pair, the client, and the account unless this client
    /// is one the account logged in from before.
    public func retryAfter(
        pairFailures: [Date], clientFailures: [Date], accountFailures: [Date], clientIsKnown: Bool, now: Date
    ) -> TimeInterval? {
        [
            retryAfter(failures: pairFailures, limit: maxFailures, now: now),
            retryAfter(failures: clientFailures, limit: maxClientFailures, now: now),
            clientIsKnown ? nil : retryAfter(failures: accountFailures, limit: maxAccountFailures, now: now),
        ].compactMap { $0 }.max()
    }
}
