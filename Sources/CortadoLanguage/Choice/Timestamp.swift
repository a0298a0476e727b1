import CortadoJSON

/// An instant as Amazon States Language writes it: the RFC 3339 profile of ISO 8601.
///
/// Accepted text is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with an uppercase `T` and `Z` (AWS's
/// restriction), one to nine fraction digits, real calendar dates and offsets up to ±18:00.
/// The value is kept as whole seconds plus nanoseconds so that every accepted timestamp, years
/// 0000 through 9999, is exact.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    public var epochSeconds: Int64
    /// The fraction of the second, `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// Creates a timestamp; `nanoseconds` outside one second carries into `epochSeconds`.
    public init(epochSeconds: Int64, nanoseconds: Int64 = 0) {
        let (carry, rest) = Self.floorDivide(nanoseconds, 1_000_000_000)
        self.epochSeconds = epochSeconds + carry
        self.nanoseconds = Int32(rest)
    }

    public init(epochMilliseconds: Int64) {
        let (seconds, millis) = Self.floorDivide(epochMilliseconds, 1000)
        self.init(epochSeconds: seconds, nanoseconds: millis * 1_000_000)
    }

    /// Milliseconds since the epoch, rounded down.
    public var epochMilliseconds: Int64 {
        epochSeconds * 1000 + Int64(nanoseconds / 1_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    public var description: String { formatted() }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }
}

extension Timestamp {
    /// Parses an ASL timestamp such as `2016-03-14T01:59:00Z` or `2016-03-14T02:59:00.5+01:00`;
    /// nil for anything else (a date alone, a lowercase `t`/`z`, a missing offset, an impossible date).
    public static func parse(_ text: String) -> Timestamp? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
            let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.digits(2), scanner.take(UInt8(ascii: "T")),
            let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
            let minute = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
            let second = scanner.digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var nanos: Int64 = 0
        if scanner.take(UInt8(ascii: ".")) {
            var count = 0
            while let d = scanner.digit() {
                count += 1
                guard count <= 9 else { return nil }
                nanos = nanos * 10 + Int64(d)
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { nanos *= 10 }
        }

        var offsetSeconds: Int64 = 0
        if scanner.take(UInt8(ascii: "Z")) {
            offsetSeconds = 0
        } else {
            let sign: Int64
            if scanner.take(UInt8(ascii: "+")) {
                sign = 1
            } else if scanner.take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let oh = scanner.digits(2), scanner.take(UInt8(ascii: ":")), let om = scanner.digits(2),
                om < 60, oh * 60 + om <= 18 * 60
            else { return nil }
            offsetSeconds = sign * Int64(oh * 3600 + om * 60)
        }
        guard scanner.atEnd else { return nil }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(epochSeconds: local - offsetSeconds, nanoseconds: nanos)
    }

    /// The instant in UTC with milliseconds, as AWS prints context-object times:
    /// `2024-05-01T12:00:00.123Z`.
    public func formatted() -> String {
        let (days, secondOfDay) = Self.floorDivide(epochSeconds, 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        let millis = Int(nanoseconds / 1_000_000)
        let hour = Int(secondOfDay / 3600)
        let minute = Int(secondOfDay % 3600 / 60)
        let second = Int(secondOfDay % 60)
        // Written byte by byte: this runs for every context object that carries a time.
        guard (0...9999).contains(year) else {
            return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
                + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)).\(Self.pad(millis, 3))Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var v = value
                for k in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(hour, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(minute, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(second, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(millis, 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    static func isLeapYear(_ year: Int) -> Bool { CivilDate.isLeapYear(year) }

    static func daysInMonth(year: Int, month: Int) -> Int { CivilDate.daysInMonth(year: year, month: month) }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        CivilDate(year: year, month: month, day: day).daysSinceEpoch
    }

    /// The inverse of `daysSinceEpoch`.
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let date = CivilDate(daysSinceEpoch: days)
        return (date.year, date.month, date.day)
    }
}

/// Reads ASCII digits and punctuation from UTF-8 bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func digit() -> Int? {
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            return nil
        }
        defer { position += 1 }
        return Int(bytes[position] - UInt8(ascii: "0"))
    }

    /// Exactly `count` digits as a number.
    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
