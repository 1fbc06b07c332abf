import Foundation
import GazetteCore
import Testing

@Suite("Rate buckets and client keys")
struct RateBucketsTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("memory stays bounded under a flood of new keys, and a busy key keeps its bucket")
    func bounded() {
        var buckets = RateBuckets(capacity: 1_000)
        for _ in 0..<5 { #expect(buckets.take("attacker", perMinute: 5, now: now) == nil) }
        for n in 0..<100_000 {
            _ = buckets.take("flood-\(n)", perMinute: 5, now: now)
            // The attacker keeps trying: its bucket moves with it and stays empty.
            if n % 500 == 0 { #expect(buckets.take("attacker", perMinute: 5, now: now) != nil) }
            #expect(buckets.count <= 2_000)
        }
    }

    @Test("a bucket refills at its rate; a burst can be set apart from the rate")
    func refill() {
        var buckets = RateBuckets()
        for _ in 0..<3 { #expect(buckets.take("k", perMinute: 0.5, burst: 3, now: now) == nil) }
        let wait = buckets.take("k", perMinute: 0.5, burst: 3, now: now)
        #expect(wait.map { abs($0 - 120) < 0.01 } == true)
        #expect(buckets.take("k", perMinute: 0.5, burst: 3, now: now.addingTimeInterval(121)) == nil)
        #expect(buckets.take("off", perMinute: 0, now: now) == nil)
    }

    @Test("IPv6 clients are limited by their /64; IPv4 and mapped IPv4 by the address", arguments: [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"), ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002::", "2001:db8:1:2::/64"), ("[2001:db8:1:2::9]", "2001:db8:1:2::/64"), ("fe80::1%eth0", "fe80:0:0:0::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"), ("192.0.2.7", "192.0.2.7"), ("unknown", "unknown"),
    ])
    func limitKey(address: String, key: String) {
        #expect(ClientAddress.limitKey(address) == key)
    }
}
