extension Builtin {
    /// `$now`, `$fromMillis` and `$toMillis` in their ISO 8601 forms; picture strings are not supported yet.
    static let dates: [Builtin] = [
        Builtin("now", "<s?s?:s>") { e, a, _ throws(JSONataError) in
            try checkNoPicture(a)
            return .string(iso8601(e.environment.now))
        },
        Builtin("fromMillis", "<n-s?s?:s>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue else { return nil }
            try checkNoPicture(Array(a.dropFirst()))
            return .string(iso8601(Int64(n.rounded(.down))))
        },
        Builtin("toMillis", "<s-s?:n>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue else { return nil }
            try checkNoPicture(Array(a.dropFirst()))
            guard let millis = parseISO8601(s) else {
                throw .init(code: "D3110", message: "The timestamp \(Value.quote(s)) is not an ISO 8601 date and time")
            }
            return .number(Double(millis))
        },
    ]

    private static func checkNoPicture(_ args: [Value?]) throws(JSONataError) {
        if args.contains(where: { $0 != nil }) {
            throw .init(code: "U0000", message: "Picture strings and time zones are not supported yet")
        }
    }

    /// `2017-11-07T15:12:37.121Z` for epoch milliseconds.
    static func iso8601(_ millis: Int64) -> String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let rest = millis - days * 86_400_000
        let (y, m, d) = civil(fromDays: days)
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
        return days(fromCivil: y, mo, d) * 86_400_000 + ms - offset
    }

    // Howard Hinnant's civil-date algorithms.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
