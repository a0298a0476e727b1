/// One history event as stored: its ids and type for queries, and its rendered JSON for the API.
public struct HistoryEventRecord: Sendable, Equatable {
    public var id: Int
    public var previousEventId: Int
    public var type: String
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    /// The event as `GetExecutionHistory` returns it (the engine renders it once, at commit).
    public var json: String

    public init(id: Int, previousEventId: Int, type: String, timestamp: Int64, json: String) {
        self.id = id
        self.previousEventId = previousEventId
        self.type = type
        self.timestamp = timestamp
        self.json = json
    }
}
