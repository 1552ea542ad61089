public import Hummingbird
public import NIOCore

/// The request context of the replay server: Hummingbird's core storage plus the connection,
/// which the `reset` fault closes abruptly.
public struct ReplayRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// Creates the context for a request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
