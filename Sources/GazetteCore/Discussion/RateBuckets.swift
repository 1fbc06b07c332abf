import Foundation

/// Token buckets by key (client, story, comment), bounded in memory with constant-time work
/// per request: keys live in two generations, and when the current one is full the older one
/// is dropped whole. A key used in either generation moves to the current one, so only keys
/// idle for a whole generation are forgotten, and a forgotten bucket comes back full — which
/// is what an idle bucket is anyway, unless over `capacity` other keys arrived in between.
public struct RateBuckets: Sendable {
    public let capacity: Int
    private var current: [String: TokenBucket] = [:]
    private var previous: [String: TokenBucket] = [:]

    public init(capacity: Int = 50_000) {
        self.capacity = max(1, capacity)
    }

    /// Keys remembered now (at most twice `capacity`).
    public var count: Int { current.count + previous.count }

    /// nil when allowed, else the seconds to wait. `perMinute` 0 turns the limit off; the
    /// burst allowed is `burst`, by default the minute's worth, at least one.
    public mutating func take(_ key: String, perMinute: Double, burst: Double? = nil, now: Date) -> TimeInterval? {
        guard perMinute > 0 else { return nil }
        var bucket = current[key] ?? previous.removeValue(forKey: key)
            ?? TokenBucket(capacity: max(1, burst ?? perMinute), perSecond: perMinute / 60, now: now)
        let wait = bucket.take(now: now)
        if current[key] == nil, current.count >= capacity {
            previous = current
            current = [:]
            current.reserveCapacity(capacity)
        }
        current[key] = bucket
        return wait
    }
}

extension ClientAddress {
    /// The client behind the site's own proxies, keyed as limits and bans count it.
    public static func limitKey(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        limitKey(resolve(peer: peer, forwardedFor: forwardedFor, trustedProxies: trustedProxies))
    }

    /// The part of an address that limits and bans apply to: an IPv4 address whole, an IPv6
    /// address by its /64 (one subscriber's network; rotating inside it gains nothing).
    /// IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address.
    public static func limitKey(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let zoneless = address.split(separator: "%", maxSplits: 1).first.map(String.init) ?? address
        let bare = zoneless.hasPrefix("[") && zoneless.hasSuffix("]") ? String(zoneless.dropFirst().dropLast()) : zoneless
        guard bare.contains(":"), inet_pton(AF_INET6, bare, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
