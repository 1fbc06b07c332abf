import GazetteCore
import Synchronization

/// Where an event was committed: by this process, or by another node sharing the store
/// (cluster mode delivers those through PostgreSQL).
public enum EventOrigin: Sendable, Equatable {
    case thisNode
    case otherNode
}

/// Something that reacts to committed changes: Read next, the page cache, the cross-node
/// notifier, live updates.
public protocol EventSubscriber: Sendable {
    /// Called after the write committed and before its response goes out, so a reader who
    /// loads a page after the write returns sees its effect. Keep it short; slow work belongs
    /// in the subscriber's own task.
    func receive(_ events: [SiteEvent], from origin: EventOrigin) async
}

/// The in-process event bus. Services publish the events their writes return, once the
/// transaction has committed (never from inside one: a rolled-back write announces
/// nothing); every subscriber gets them in order of subscription. Another node's events
/// come in through the same `publish`, marked `.otherNode`, so each subscriber has one
/// entry point whatever the origin.
public final class EventBus: Sendable {
    private let subscribers = Mutex<[any EventSubscriber]>([])

    public init() {}

    public func subscribe(_ subscriber: any EventSubscriber) {
        subscribers.withLock { $0.append(subscriber) }
    }

    public func publish(_ events: [SiteEvent], from origin: EventOrigin = .thisNode) async {
        guard !events.isEmpty else { return }
        for subscriber in subscribers.withLock({ $0 }) {
            await subscriber.receive(events, from: origin)
        }
    }

    /// Publishes a write's events and hands back its result.
    public func publish<Value>(_ committed: Committed<Value>) async -> Value {
        await publish(committed.events)
        return committed.value
    }
}
