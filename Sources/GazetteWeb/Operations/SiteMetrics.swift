import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The figures an operator watches, through swift-metrics into a Prometheus registry of
/// this application's own (so several applications in one test process never mix). `gazette
/// serve` also makes it the process's metrics backend, so libraries that report through
/// swift-metrics land in the same `/metrics`.
public final class SiteMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    /// Values read when `/metrics` is asked for (cache size, replica lag, pool settings).
    private let samplers = Mutex<[@Sendable () async -> Void]>([])

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let fast: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
                                .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
        factory.defaultDurationHistogramBuckets = fast
        self.factory = factory
    }

    /// One answered request: counted by route pattern, method and status, timed by route.
    func request(route: String, method: String, status: Int, duration: Duration) {
        meter(route: route, method: method, status: status).record(duration)
    }

    /// The counter and timer of one route, method and status, for a hot path to keep: finding
    /// them in the registry costs more than counting.
    func meter(route: String, method: String, status: Int) -> RequestMeter {
        RequestMeter(
            counter: Counter(
                label: "gazette_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
            ),
            timer: Metrics.Timer(label: "gazette_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
        )
    }

    /// Something that happened, by name and labels (comments, scheduler runs, resyncs).
    func count(_ label: String, _ dimensions: [(String, String)] = [], by amount: Int = 1) {
        Counter(label: label, dimensions: dimensions, factory: factory).increment(by: amount)
    }

    func gauge(_ label: String, _ dimensions: [(String, String)] = [], _ value: Double) {
        Gauge(label: label, dimensions: dimensions, factory: factory).record(value)
    }

    func time(_ label: String, _ duration: Duration) {
        Metrics.Timer(label: label, factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Adds a value that is read at each scrape.
    func sample(_ sampler: @escaping @Sendable () async -> Void) {
        samplers.withLock { $0.append(sampler) }
    }

    /// The Prometheus text format, after reading the sampled values.
    func exposition() async -> [UInt8] {
        for sampler in samplers.withLock({ $0 }) { await sampler() }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}

/// What `SiteMetrics.request` records, made once.
struct RequestMeter: Sendable {
    let counter: CoreMetrics.Counter
    let timer: Metrics.Timer

    func record(_ duration: Duration) {
        counter.increment()
        timer.recordNanoseconds(SiteMetrics.nanoseconds(duration))
    }
}
