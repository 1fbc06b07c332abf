import Hummingbird

/// The request context of every route. Later layers (sessions, readers) add their state here.
public struct GazetteRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
