/// `rate(value unit)`: every `value` minutes, hours or days from a start instant.
public struct RateSchedule: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable {
        case minute, hour, day

        var milliseconds: Int64 {
            switch self {
            case .minute: 60_000
            case .hour: 3_600_000
            case .day: 86_400_000
            }
        }
    }

    /// A positive count of `unit`s.
    public let value: Int
    public let unit: Unit

    /// The time between fires in milliseconds.
    public var period: Int64 { Int64(value) * unit.milliseconds }

    public init?(value: Int, unit: Unit) {
        // Periods are kept far from Int64's limit so `start + k × period` cannot overflow in practice.
        guard value > 0, value <= 1_000_000_000 else { return nil }
        self.value = value
        self.unit = unit
    }

    /// Reads `value unit`: a positive decimal value, then the singular unit when the value is 1 and the
    /// plural otherwise (`rate(1 hour)`, `rate(5 hours)`; `rate(1 hours)` and `rate(5 hour)` are invalid).
    init?(parsing body: Substring) {
        let tokens = body.split(whereSeparator: \.isWhitespace)
        guard tokens.count == 2, tokens[0].allSatisfy(\.isASCII), tokens[0].allSatisfy(\.isNumber),
            let value = Int(tokens[0])
        else { return nil }
        var name = String(tokens[1])
        if value != 1 {
            guard name.hasSuffix("s") else { return nil }
            name.removeLast()
        }
        guard let unit = Unit(rawValue: name) else { return nil }
        self.init(value: value, unit: unit)
    }

    /// The first `start + k × period` (`k ≥ 1`) strictly after `ms`.
    public func next(after ms: Int64, start: Int64) -> Int64? {
        let period = self.period
        let (elapsed, o1) = ms.subtractingReportingOverflow(start)
        guard !o1 else { return nil }
        let periods = elapsed < 0 ? 1 : elapsed / period + 1
        let (offset, o2) = periods.multipliedReportingOverflow(by: period)
        let (fire, o3) = start.addingReportingOverflow(offset)
        return o2 || o3 ? nil : fire
    }
}
