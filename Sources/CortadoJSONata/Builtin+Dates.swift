import CortadoJSON

extension Builtin {
    /// `$now`, `$fromMillis` and `$toMillis`: ISO 8601, or XPath F&O 3.1 date/time pictures and `±HHMM` time zones.
    static let dates: [Builtin] = [
        Builtin("now", "<s?s?:s>") { e, a, _ throws(JSONataError) in
            .string(try formatMillis(e.environment.now, picture: a[0]?.stringValue, zone: a[1]?.stringValue))
        },
        Builtin("fromMillis", "<n-s?s?:s>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue else { return nil }
            // JavaScript's dates end 8.64e15 ms either side of 1970; past them its Date is invalid.
            guard n.magnitude <= 8.64e15 else { throw .init(code: "RangeError", message: "Invalid time value") }
            return .string(try formatMillis(Int64(n.rounded(.down)), picture: a[1]?.stringValue, zone: a[2]?.stringValue))
        },
        Builtin("toMillis", "<s-s?:n>") { e, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            if let picture = a[1]?.stringValue {
                return try DateTimePicture(picture).parse(s, now: e.environment.now).map { .number(Double($0)) }
            }
            guard let millis = parseISO8601(s) else {
                throw .init(code: "D3110", message: "The timestamp \(Value.quote(s)) is not an ISO 8601 date and time")
            }
            return .number(Double(millis))
        },
    ]

    /// ISO 8601 in UTC without picture or zone, as JSONata prints it; otherwise the picture (ISO 8601 by default) at
    /// the zone's offset.
    private static func formatMillis(_ millis: Int64, picture: String?, zone: String?) throws(JSONataError) -> String {
        if picture == nil, zone == nil { return iso8601(millis) }
        let offset = zone.flatMap(DateTimePicture.offset) ?? 0
        return try DateTimePicture(picture ?? DateTimePicture.iso8601).format(millis, offset: offset)
    }

    /// `2017-11-07T15:12:37.121Z` for epoch milliseconds.
    static func iso8601(_ millis: Int64) -> String {
        let days = CivilDate.floorDivide(millis, 86_400_000)
        let rest = millis - days * 86_400_000
        let date = CivilDate(daysSinceEpoch: days)
        let (y, m, d) = (Int64(date.year), Int64(date.month), Int64(date.day))
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3_600_000, 2)):\(pad(rest / 60_000 % 60, 2)):"
            + "\(pad(rest / 1000 % 60, 2)).\(pad(rest % 1000, 3))Z"
    }

    /// Epoch milliseconds of `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`.
    static func parseISO8601(_ s: String) -> Int64? {
        let c = Array(s.utf8)
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= c.count else { return nil }
            var v: Int64 = 0
            for k in i..<i + width {
                guard (48...57).contains(c[k]) else { return nil }
                v = v * 10 + Int64(c[k] - 48)
            }
            i += width
            return v
        }
        func skip(_ ch: UInt8) -> Bool {
            guard i < c.count, c[i] == ch else { return false }
            i += 1
            return true
        }
        guard let y = number(4), skip(45), let mo = number(2), skip(45), let d = number(2), (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var ms: Int64 = 0
        var offset: Int64 = 0
        if skip(84) || skip(32) {
            guard let h = number(2), skip(58), let mi = number(2), h < 24, mi < 60 else { return nil }
            ms = (h * 60 + mi) * 60_000
            if skip(58) {
                guard let sec = number(2), sec < 61 else { return nil }
                ms += sec * 1000
                if skip(46) {
                    var scale: Int64 = 100
                    var any = false
                    while i < c.count, (48...57).contains(c[i]) {
                        ms += Int64(c[i] - 48) * scale
                        scale /= 10
                        i += 1
                        any = true
                    }
                    guard any else { return nil }
                }
            }
            if skip(90) {
            } else if i < c.count, c[i] == 43 || c[i] == 45 {
                let sign: Int64 = c[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = skip(58)
                guard let om = number(2) else { return nil }
                offset = sign * (oh * 60 + om) * 60_000
            }
        }
        guard i == c.count else { return nil }
        return CivilDate(year: Int(y), month: Int(mo), day: Int(d)).daysSinceEpoch * 86_400_000 + ms - offset
    }
}
