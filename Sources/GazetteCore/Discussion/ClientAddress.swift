import Foundation

/// Which address a request comes from: the connection's peer, or the last address in
/// `X-Forwarded-For` that is not a trusted proxy, when (and only when) the peer is one.
public enum ClientAddress {
    public static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // Walk from the nearest hop back; the first address not ours is the client.
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return hop
        }
        return hops.first ?? peer
    }
}
