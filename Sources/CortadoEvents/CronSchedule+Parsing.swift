extension CronSchedule {
    /// One field's values and the syntax it allows (the user guide's table of fields and wildcards).
    struct Field {
        let range: ClosedRange<Int>
        let names: [String: Int]
        let allowsStep: Bool
        /// Whether a range may run past the end and wrap (`20-2` in hours); not for years.
        let wraps: Bool

        static let minutes = Field(range: 0...59, names: [:], allowsStep: true, wraps: true)
        static let hours = Field(range: 0...23, names: [:], allowsStep: true, wraps: true)
        static let dayOfMonth = Field(range: 1...31, names: [:], allowsStep: true, wraps: true)
        static let month = Field(
            range: 1...12,
            names: [
                "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
            ],
            allowsStep: true, wraps: true)
        static let dayOfWeek = Field(
            range: 1...7, names: ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7],
            allowsStep: false, wraps: true)
        static let year = Field(range: firstYear...lastYear, names: [:], allowsStep: true, wraps: false)

        /// One value: a number in range or a name (any case).
        func value(_ text: Substring) -> Int? {
            if let n = names[text.uppercased()] { return n }
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), range.contains(n)
            else { return nil }
            return n
        }

        /// The values of a list of `*`, `n`, `a-b` and (where allowed) `x/step` items, or nil when the
        /// text is not valid for this field.
        func values(_ text: Substring) -> [Int]? {
            var out: [Int] = []
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let vs = itemValues(item) else { return nil }
                out += vs
            }
            return out
        }

        func itemValues(_ item: Substring) -> [Int]? {
            var base = item
            var step = 1
            if let slash = item.firstIndex(of: "/") {
                guard allowsStep, let s = Int(item[item.index(after: slash)...]), s >= 1, s <= range.count else {
                    return nil
                }
                base = item[..<slash]
                step = s
            }
            let stepped = step != 1 || item.contains("/")
            let sequence: [Int]
            if base == "*" {
                sequence = Array(range)
            } else if let dash = base.firstIndex(of: "-") {
                guard let a = value(base[..<dash]), let b = value(base[base.index(after: dash)...]) else { return nil }
                if a <= b {
                    sequence = Array(a...b)
                } else {
                    guard wraps else { return nil }
                    sequence = Array(a...range.upperBound) + Array(range.lowerBound...b)
                }
            } else {
                guard let a = value(base) else { return nil }
                // `a/step` runs from a to the end of the field.
                sequence = stepped ? Array(a...range.upperBound) : [a]
            }
            return stride(from: 0, to: sequence.count, by: step).map { sequence[$0] }
        }
    }

    /// Reads the six fields between `cron(` and `)`; nil when AWS would answer
    /// `Parameter ScheduleExpression is not valid.`
    init?(parsing body: Substring) {
        let fields = body.split(whereSeparator: \.isWhitespace)
        guard fields.count == 6 else { return nil }
        guard let minutes = Field.minutes.values(fields[0]), let hours = Field.hours.values(fields[1]),
            let months = Field.month.values(fields[3]), let years = Field.year.values(fields[5]),
            let dayOfMonth = Self.dayOfMonth(fields[2]), let dayOfWeek = Self.dayOfWeek(fields[4])
        else { return nil }
        // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you
        // specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
        switch (dayOfMonth, dayOfWeek) {
        case (.unspecified, .unspecified): return nil
        case (.unspecified, _), (_, .unspecified): break
        default: return nil
        }
        self.minutes = minutes.reduce(0) { $0 | 1 << UInt64($1) }
        self.hours = hours.reduce(0) { $0 | 1 << UInt32($1) }
        self.months = months.reduce(0) { $0 | 1 << UInt16($1) }
        self.years = Set(years).sorted()
        self.dayOfMonth = dayOfMonth
        self.dayOfWeek = dayOfWeek
    }

    static func dayOfMonth(_ text: Substring) -> DayOfMonth? {
        switch text {
        case "?": return .unspecified
        case "L": return .last
        case "LW": return .lastWeekday
        default: break
        }
        if text.hasSuffix("W") {
            let n = text.dropLast()
            guard n.allSatisfy({ $0.isASCII && $0.isNumber }), let day = Field.dayOfMonth.value(n) else { return nil }
            return .nearestWeekday(day)
        }
        guard let days = Field.dayOfMonth.values(text) else { return nil }
        return .days(days.reduce(0) { $0 | 1 << UInt32($1) })
    }

    static func dayOfWeek(_ text: Substring) -> DayOfWeek? {
        switch text {
        case "?": return .unspecified
        case "L": return .last(7)
        default: break
        }
        // "If you use a '#' character, you can define only one expression in the day-of-week field."
        if let hash = text.firstIndex(of: "#") {
            guard let w = Field.dayOfWeek.value(text[..<hash]), let n = Int(text[text.index(after: hash)...]),
                (1...5).contains(n)
            else { return nil }
            return .nth(w, n)
        }
        if text.count > 1, text.hasSuffix("L") {
            guard let w = Field.dayOfWeek.value(text.dropLast()) else { return nil }
            return .last(w)
        }
        guard let days = Field.dayOfWeek.values(text) else { return nil }
        return .days(days.reduce(0) { $0 | 1 << UInt8($1) })
    }
}
