import CortadoJSON
import CortadoStore

/// The slice of CloudWatch Logs (`X-Amz-Target: Logs_20140328.<Action>`) that reads what targets and
/// functions write: log groups, streams and events, kept as store documents (docs/architecture/events.md).
public final class LogsService: Sendable {
    public let store: any ExecutionStore
    public let clock: any EngineClock
    public let configuration: EngineConfiguration

    public init(store: any ExecutionStore, clock: any EngineClock, configuration: EngineConfiguration) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
    }

    /// Runs one action. Every error comes back as an `AWSError`.
    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        .failure(.unknownOperation(action))
    }

    /// Appends events to a stream, creating the stream if needed; the group must exist.
    public func append(group: String, stream: String, events: [(timestamp: Int64, message: String)]) async throws {
        throw AWSError("ResourceNotFoundException", "The specified log group does not exist.")
    }

    /// Creates the group if it does not exist.
    public func ensureGroup(_ name: String) async throws {}
}
