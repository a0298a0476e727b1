import CortadoJSON
import CortadoStore

/// A log stream as the store keeps it (kind `log-stream:<group>`, named after the stream). Its events
/// are numbered 1, 2, 3, ... in the order they were appended; `sequence` is the last number used.
struct LogStreamDocument: Sendable, Equatable {
    var creationTime: Int64
    var sequence: Int64 = 0
    var firstEventTimestamp: Int64?
    var lastEventTimestamp: Int64?
    var lastIngestionTime: Int64?

    init(creationTime: Int64) {
        self.creationTime = creationTime
    }

    init(_ record: ResourceRecord) {
        let o = (try? JSON(parsing: record.json))?.objectValue ?? [:]
        func time(_ key: String) -> Int64? { o[key]?.intValue.map(Int64.init) }
        creationTime = record.creationDate
        sequence = time("sequence") ?? 0
        firstEventTimestamp = time("firstEventTimestamp")
        lastEventTimestamp = time("lastEventTimestamp")
        lastIngestionTime = time("lastIngestionTime")
    }

    func record(group: String, name: String, arn: String) -> ResourceRecord {
        var o: JSONObject = ["sequence": .int(Int(sequence))]
        if let firstEventTimestamp { o["firstEventTimestamp"] = .int(Int(firstEventTimestamp)) }
        if let lastEventTimestamp { o["lastEventTimestamp"] = .int(Int(lastEventTimestamp)) }
        if let lastIngestionTime { o["lastIngestionTime"] = .int(Int(lastIngestionTime)) }
        return ResourceRecord(kind: LogKind.streams(group), arn: arn, name: name, json: JSON.object(o).text, creationDate: creationTime)
    }

    /// The sequence token AWS still returns (and ignores on input): the last event's number, 56 digits.
    var sequenceToken: String { LogEventKey.digits(sequence, 56) }

    /// The stream as DescribeLogStreams shows it.
    func described(name: String, arn: String) -> JSON {
        var o: JSONObject = [
            "logStreamName": .string(name), "creationTime": .int(Int(creationTime)), "arn": .string(arn),
            // AWS has reported 0 for streams since 2019 (the member is deprecated).
            "storedBytes": 0,
        ]
        if let firstEventTimestamp, let lastEventTimestamp, let lastIngestionTime {
            o["firstEventTimestamp"] = .int(Int(firstEventTimestamp))
            o["lastEventTimestamp"] = .int(Int(lastEventTimestamp))
            o["lastIngestionTime"] = .int(Int(lastIngestionTime))
            o["uploadSequenceToken"] = .string(sequenceToken)
        }
        return .object(o)
    }
}
