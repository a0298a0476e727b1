import CortadoJSON
import CortadoStore

/// One log event as the store keeps it: kind `log-events:<group>`, ARN `<stream>/<sequence>`, named by
/// its key (timestamp, then sequence, zero-padded), so a group's list is in time order and every stream's
/// events are interleaved as FilterLogEvents returns them.
struct StoredLogEvent: Sendable, Equatable {
    var stream: String
    var sequence: Int64
    var timestamp: Int64
    var message: String
    var ingestionTime: Int64

    var key: String { LogEventKey.key(timestamp: timestamp, sequence: sequence) }

    /// The event id FilterLogEvents returns: the key and a digest of the stream's name, 56 digits.
    var eventId: String { key + LogEventKey.streamDigits(stream) }

    init(stream: String, sequence: Int64, timestamp: Int64, message: String, ingestionTime: Int64) {
        self.stream = stream
        self.sequence = sequence
        self.timestamp = timestamp
        self.message = message
        self.ingestionTime = ingestionTime
    }

    init?(_ record: ResourceRecord) {
        guard let slash = record.arn.lastIndex(of: "/"), let sequence = Int64(record.arn[record.arn.index(after: slash)...]),
            let o = (try? JSON(parsing: record.json))?.objectValue, let message = o["message"]?.stringValue,
            let timestamp = o["timestamp"]?.intValue
        else { return nil }
        self.stream = String(record.arn[..<slash])
        self.sequence = sequence
        self.timestamp = Int64(timestamp)
        self.message = message
        self.ingestionTime = record.creationDate
    }

    func record(group: String) -> ResourceRecord {
        let json: JSON = ["timestamp": .int(Int(timestamp)), "message": .string(message)]
        return ResourceRecord(
            kind: LogKind.events(group), arn: LogEventKey.eventArn(stream: stream, sequence: sequence), name: key, json: json.text,
            creationDate: ingestionTime)
    }

    /// The bytes AWS counts for an event in a batch or a page: the message in UTF-8 plus 26.
    var size: Int { message.utf8.count + 26 }
}

/// The sortable keys of log events and the tokens built on them.
enum LogEventKey {
    /// `v` in decimal, zero-padded to `width` digits (v >= 0).
    static func digits(_ v: Int64, _ width: Int) -> String {
        let s = String(max(v, 0))
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// An event's key: its timestamp, then its number in its stream, 19 digits each.
    static func key(timestamp: Int64, sequence: Int64) -> String { digits(timestamp, 19) + digits(sequence, 19) }

    /// A key before every event at `timestamp` or later and after every earlier one (numbers start at 1).
    static func position(at timestamp: Int64) -> String { key(timestamp: timestamp, sequence: 0) }

    /// Sorts before every key with this timestamp or a later one, after every earlier one: a seek target.
    static func bound(_ timestamp: Int64) -> String { digits(timestamp, 19) }

    /// Sorts after every key with this timestamp or an earlier one (an inclusive end), even at `Int64.max`.
    static func bound(after timestamp: Int64) -> String {
        timestamp < .max ? bound(timestamp + 1) : String(repeating: "9", count: 20)
    }

    static func timestamp(ofKey key: String) -> Int64 { Int64(key.prefix(19)) ?? 0 }

    static func sequence(ofKey key: String) -> Int64 { Int64(key.suffix(19)) ?? 0 }

    static func eventArn(stream: String, sequence: Int64) -> String { stream + "/" + digits(sequence, 19) }

    /// 18 digits of the stream name's FNV-1a hash: event ids differ between streams whose events share
    /// a timestamp and a number.
    static func streamDigits(_ stream: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return digits(Int64(hash % 1_000_000_000_000_000_000), 18)
    }

    static func isKey(_ s: Substring) -> Bool { s.utf8.count == 38 && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
