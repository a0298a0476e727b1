import CortadoJSON

/// One history event, as `GetExecutionHistory` returns it.
///
/// Payloads (`input`, `output`, `parameters`, assigned variable values) are kept as JSON values and
/// turned into JSON text only when the event is rendered, so a transition costs no serialisation.
public struct HistoryEvent: Sendable, Equatable {
    public var id: Int
    public var previousEventId: Int
    public var type: String
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    /// The details member name (`stateEnteredEventDetails`), nil for events without details.
    public var detailsKey: String?
    public var details: [(String, Detail)]

    public enum Detail: Sendable, Equatable {
        case string(String)
        case int(Int)
        /// A payload, rendered as JSON text with a `…Details: {"truncated": false}` sibling.
        case payload(JSON)
        /// A JSON value rendered as JSON text with no `…Details` sibling (TaskScheduled's parameters).
        case text(JSON)
        /// A JSON value rendered as itself (TaskScheduled's `taskCredentials`).
        case value(JSON)
        /// Assigned variables: each value rendered as JSON text.
        case variables([(String, JSON)])

        public static func == (a: Detail, b: Detail) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)): x == y
            case (.int(let x), .int(let y)): x == y
            case (.payload(let x), .payload(let y)), (.text(let x), .text(let y)), (.value(let x), .value(let y)): x == y
            case (.variables(let x), .variables(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
            default: false
            }
        }
    }

    public static func == (a: HistoryEvent, b: HistoryEvent) -> Bool {
        a.id == b.id && a.previousEventId == b.previousEventId && a.type == b.type && a.timestamp == b.timestamp
            && a.detailsKey == b.detailsKey && a.details.map(\.0) == b.details.map(\.0) && a.details.map(\.1) == b.details.map(\.1)
    }

    /// The event as the API returns it; `timestamp` as epoch seconds (the AWS JSON protocol's form).
    public func json(timestampAsSeconds: Bool = true) -> JSON {
        var o = JSONObject(minimumCapacity: 5)
        o.append(
            "timestamp",
            timestampAsSeconds ? .double(Double(timestamp) / 1000) : .string(Timestamp(epochMilliseconds: timestamp).formatted()))
        o.append("type", .string(type))
        o.append("id", .int(id))
        o.append("previousEventId", .int(previousEventId))
        if let detailsKey {
            var d = JSONObject(minimumCapacity: details.count + 1)
            for (k, v) in details {
                switch v {
                case .string(let s): d.append(k, .string(s))
                case .int(let i): d.append(k, .int(i))
                case .payload(let p):
                    d.append(k, .string(p.text))
                    d.append(k + "Details", ["truncated": false])
                case .text(let p):
                    d.append(k, .string(p.text))
                case .value(let v):
                    d.append(k, v)
                case .variables(let vars):
                    var vo = JSONObject(minimumCapacity: vars.count)
                    for (name, value) in vars { vo[name] = .string(value.text) }
                    d.append(k, .object(vo))
                    d.append(k + "Details", ["truncated": false])
                }
            }
            o.append(detailsKey, .object(d))
        }
        return .object(o)
    }
}
