import CortadoJSON

/// A date/time picture of `$fromMillis`, `$now` and `$toMillis` (XPath F&O 3.1 §9.8.4, `fn:format-dateTime`):
/// literal text and `[...]` markers such as `[Y0001]`, `[MNn,*-3]`, `[D1o]` or `[Z01:01t]`.
struct DateTimePicture {
    enum Part {
        case literal(String)
        case marker(Marker)
    }

    /// One `[...]` marker: the component letter, how it is presented and its width.
    struct Marker {
        enum Presentation {
            case integer(IntegerPicture)
            case name(IntegerPicture.WordCase)
            /// The fraction of a second (`[f001]`): digits after a point, not an integer.
            case fraction(digits: Int, significant: Bool)
            /// `[Z01:01]` and `[z]`: the pattern of hour and minute digits.
            case timezone(pattern: String, zulu: Bool)
        }

        var component: Character
        var presentation: Presentation
        var minimumWidth: Int? = nil
        var maximumWidth: Int? = nil
        /// Digits a numeric component takes when the next part is another marker (`[Y0001][M01]`).
        var fixedDigits: Int? = nil
    }

    /// JSONata's form when only a time zone is given: ISO 8601 with the offset.
    static let iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    var parts: [Part] = []

    init(_ picture: String) throws(JSONataError) {
        let c = Array(picture)
        var literal = ""
        var i = 0
        while i < c.count {
            if c[i] == "[", i + 1 < c.count, c[i + 1] == "[" {
                literal.append("[")
                i += 2
            } else if c[i] == "]", i + 1 < c.count, c[i + 1] == "]" {
                literal.append("]")
                i += 2
            } else if c[i] == "[" {
                guard let close = c[(i + 1)...].firstIndex(of: "]") else {
                    throw .init(code: "D3135", message: "No matching closing bracket ']' in date/time picture string")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.marker(try Self.marker(String(c[(i + 1)..<close].filter { !$0.isWhitespace }))))
                i = close + 1
            } else {
                literal.append(c[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        // A numeric marker followed directly by another takes as many digits as its pattern shows.
        for k in parts.indices.dropLast() {
            guard case .marker(var m) = parts[k], case .marker = parts[k + 1] else { continue }
            switch m.presentation {
            case .integer(let p):
                if case .decimal(let pattern) = p.primary { m.fixedDigits = max(pattern.width, m.minimumWidth ?? 0) }
            case .fraction(let digits, _): m.fixedDigits = digits
            default: break
            }
            parts[k] = .marker(m)
        }
    }

    private static func marker(_ text: String) throws(JSONataError) -> Marker {
        guard let component = text.first else {
            throw .init(code: "D3132", message: "Unknown component specifier \"\" in date/time picture string")
        }
        guard "YMDdFWwXxHhPmsfZzCE".contains(component) else {
            throw .init(code: "D3132", message: "Unknown component specifier \(Value.quote(String(component))) in date/time picture string")
        }
        var modifiers = String(text.dropFirst())
        var minimum: Int? = nil
        var maximum: Int? = nil
        if let comma = modifiers.lastIndex(of: ",") {
            let width = modifiers[modifiers.index(after: comma)...]
            modifiers = String(modifiers[..<comma])
            let bounds = width.split(separator: "-", omittingEmptySubsequences: false)
            minimum = bounds.first.flatMap { Int($0) }
            maximum = bounds.count > 1 ? Int(bounds[1]) : nil
        }
        var second: Character? = nil
        if modifiers.count > 1, let last = modifiers.last, "oct".contains(last) {
            second = last
            modifiers.removeLast()
        }
        if modifiers.isEmpty {
            switch component {
            case "F", "P", "C", "E": modifiers = "n"
            case "m", "s": modifiers = "01"
            case "Z", "z": modifiers = "01:01"
            default: modifiers = "1"
            }
        }
        let presentation: Marker.Presentation
        switch modifiers {
        case "N", "n", "Nn":
            guard "MFPCE".contains(component) else {
                throw .init(
                    code: "D3133",
                    message:
                        "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(Value.quote(String(component)))"
                )
            }
            presentation = .name(modifiers == "N" ? .upper : modifiers == "n" ? .lower : .title)
        default:
            if component == "Z" || component == "z" {
                if modifiers.filter(\.isNumber).count > 4 {
                    throw .init(code: "D3134", message: "The timezone integer format specifier cannot have more than four digits")
                }
                presentation = .timezone(pattern: modifiers, zulu: second == "t")
            } else if component == "f", modifiers.allSatisfy({ $0.isNumber || $0 == "#" }) {
                let digits = modifiers.filter(\.isNumber).count
                presentation = .fraction(digits: max(digits, minimum ?? 0), significant: modifiers == "1" && minimum == nil)
            } else {
                let primary = try IntegerPicture.primary(modifiers)
                presentation = .integer(IntegerPicture(primary: primary, ordinal: second == "o"))
            }
        }
        return Marker(component: component, presentation: presentation, minimumWidth: minimum, maximumWidth: maximum)
    }

    // MARK: Formatting

    /// The instant `millis` seen at `offset` minutes east of UTC, as the picture shows it.
    func format(_ millis: Int64, offset: Int) -> String {
        let local = millis + Int64(offset) * 60_000
        let dayCount = CivilDate.floorDivide(local, 86_400_000)
        let inDay = Int(local - dayCount * 86_400_000)
        let fields = Fields(date: CivilDate(daysSinceEpoch: dayCount), millisInDay: inDay)
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .marker(let m): out += Self.format(m, fields, offset: offset)
            }
        }
        return out
    }

    /// The calendar and clock fields of a local time.
    struct Fields {
        var date: CivilDate
        var hour: Int
        var minute: Int
        var second: Int
        var millisecond: Int

        init(date: CivilDate, millisInDay: Int) {
            self.date = date
            hour = millisInDay / 3_600_000
            minute = millisInDay / 60_000 % 60
            second = millisInDay / 1000 % 60
            millisecond = millisInDay % 1000
        }

        /// The Thursday of the date's Monday-to-Sunday week: it decides the week's year (ISO) or month.
        var thursday: CivilDate { CivilDate(daysSinceEpoch: date.daysSinceEpoch + Int64(4 - date.weekday)) }

        func value(_ component: Character) -> Int {
            switch component {
            case "Y": date.year
            case "M": date.month
            case "D": date.day
            case "d": date.dayOfYear
            case "F": date.weekday
            case "W": (thursday.dayOfYear - 1) / 7 + 1
            case "X": thursday.year
            case "w": (thursday.day - 1) / 7 + 1
            case "x": thursday.month
            case "H": hour
            case "h": hour % 12 == 0 ? 12 : hour % 12
            case "m": minute
            case "s": second
            case "f": millisecond
            default: 0
            }
        }
    }

    private static func format(_ m: Marker, _ fields: Fields, offset: Int) -> String {
        switch m.presentation {
        case .name(let style):
            var name: String
            switch m.component {
            case "M": name = months[fields.date.month - 1]
            case "F": name = days[fields.date.weekday - 1]
            case "P": name = fields.hour < 12 ? "am" : "pm"
            case "C": name = "ISO"
            default: name = "AD"
            }
            if let maximum = m.maximumWidth, name.count > maximum { name = String(name.prefix(maximum)) }
            switch style {
            case .upper: return name.uppercased()
            case .lower: return name.lowercased()
            case .title: return name.prefix(1).uppercased() + name.dropFirst().lowercased()
            }
        case .fraction(let digits, let significant):
            var text = String(fields.millisecond)
            text = String(repeating: "0", count: 3 - text.count) + text
            if significant {
                while text.count > 1, text.last == "0" { text.removeLast() }
                return text
            }
            if digits <= 3 { return String(text.prefix(digits)) }
            return text + String(repeating: "0", count: digits - 3)
        case .timezone(let pattern, let zulu):
            if zulu, offset == 0 { return "Z" }
            let zone = timezone(offset, pattern)
            return m.component == "z" ? "GMT" + zone : zone
        case .integer(let picture):
            var text = picture.format(fields.value(m.component))
            if case .decimal(let pattern) = picture.primary {
                if let minimum = m.minimumWidth, text.count < minimum {
                    text = String(repeating: "0", count: minimum - text.count) + text
                }
                // A year with a two-digit pattern or a maximum width keeps its last digits: `[Y,2]` is "18".
                var maximum = m.maximumWidth
                if m.component == "Y", maximum == nil, pattern.width == 2, !picture.ordinal { maximum = 2 }
                if m.component == "Y", let maximum, text.count > maximum { text = String(text.suffix(maximum)) }
            }
            return text
        }
    }

    /// `+01:00`, `-0500`, `+1`, `-5:30` following the digits and separator of `pattern`.
    static func timezone(_ offset: Int, _ pattern: String) -> String {
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 60
        let minutes = abs(offset) % 60
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let digits = pattern.filter(\.isNumber).count
        if let separator = pattern.first(where: { !$0.isNumber }) {
            let hourDigits = pattern.prefix { $0.isNumber }.count
            return sign + pad(hours, hourDigits) + String(separator) + pad(minutes, 2)
        }
        if digits >= 3 { return sign + pad(hours, digits - 2) + pad(minutes, 2) }
        return sign + pad(hours, digits) + (minutes == 0 ? "" : ":" + pad(minutes, 2))
    }

    /// Minutes east of UTC of a `±HHMM` time zone argument.
    static func offset(_ zone: String) -> Int? {
        var c = Substring(zone)
        var sign = 1
        if c.first == "-" { sign = -1 }
        if c.first == "-" || c.first == "+" { c = c.dropFirst() }
        let digits = c.filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(digits) else {
            return nil
        }
        return digits.count <= 2 ? sign * v * 60 : sign * (v / 100 * 60 + v % 100)
    }

    // MARK: Parsing

    /// The instant `text` names under this picture; nil when it does not match. Components more significant than
    /// those given come from `now`, less significant ones are their minimum.
    func parse(_ text: String, now: Int64) throws(JSONataError) -> Int64? {
        var input = Substring(text)
        var values: [Character: Int] = [:]
        var pm: Bool? = nil
        var offset = 0
        for part in parts {
            switch part {
            case .literal(let s):
                guard input.hasPrefix(s) else { return nil }
                input = input.dropFirst(s.count)
            case .marker(let m):
                switch m.presentation {
                case .name:
                    let names: [String]
                    switch m.component {
                    case "M": names = Self.months
                    case "F": names = Self.days
                    case "P": names = ["am", "pm"]
                    default: names = []
                    }
                    guard let (index, length) = Self.matchName(input, names, m.maximumWidth) else { return nil }
                    input = input.dropFirst(length)
                    if m.component == "P" { pm = index == 1 } else { values[m.component] = index + 1 }
                case .fraction(_, _):
                    let digits = Self.takeDigits(&input, m.fixedDigits)
                    guard !digits.isEmpty else { return nil }
                    let padded = (digits + "000").prefix(3)
                    values["f"] = Int(padded)
                case .timezone:
                    if m.component == "z" {
                        guard input.hasPrefix("GMT") else { return nil }
                        input = input.dropFirst(3)
                    }
                    guard let o = Self.takeOffset(&input) else { return nil }
                    offset = o
                case .integer(let picture):
                    let token: String
                    switch picture.primary {
                    case .decimal:
                        token = Self.takeDigits(&input, m.fixedDigits) + (picture.ordinal ? Self.takeLetters(&input, 2) : "")
                    case .roman: token = Self.take(&input) { "IVXLCDMivxlcdm".contains($0) }
                    case .letters: token = Self.take(&input) { $0.isLetter }
                    case .words: token = Self.takeWords(&input)
                    }
                    guard let v = picture.parse(token) else { return nil }
                    values[m.component] = v
                }
            }
        }
        guard input.isEmpty else { return nil }
        if let h = values["h"], values["H"] == nil {
            values["H"] = pm.map { $0 ? h % 12 + 12 : h % 12 } ?? h
        }
        let nowFields = Fields(
            date: CivilDate(daysSinceEpoch: CivilDate.floorDivide(now, 86_400_000)),
            millisInDay: Int(CivilDate.floorModulo(now, 86_400_000)))
        let order: [Character] =
            values["d"] != nil && values["M"] == nil ? ["Y", "d", "H", "m", "s", "f"] : ["Y", "M", "D", "H", "m", "s", "f"]
        let present = order.map { values[$0] != nil }
        guard let first = present.firstIndex(of: true) else {
            throw .init(code: "D3136", message: "The date/time picture string is missing specifiers required to parse the timestamp")
        }
        let last = present.lastIndex(of: true)!
        if present[first...last].contains(false) {
            throw .init(code: "D3136", message: "The date/time picture string is missing specifiers required to parse the timestamp")
        }
        var resolved: [Character: Int] = [:]
        for (i, component) in order.enumerated() {
            if let v = values[component] {
                resolved[component] = v
            } else if i < first {
                resolved[component] = nowFields.value(component)
            } else {
                resolved[component] = component == "M" || component == "D" || component == "d" ? 1 : 0
            }
        }
        var dayCount: Int64
        if let d = resolved["d"] {
            dayCount = CivilDate(year: resolved["Y"]!, month: 1, day: 1).daysSinceEpoch + Int64(d - 1)
        } else {
            dayCount = CivilDate(year: resolved["Y"]!, month: resolved["M"]!, day: resolved["D"]!).daysSinceEpoch
        }
        let time = ((resolved["H"]! * 60 + resolved["m"]!) * 60 + resolved["s"]!) * 1000 + resolved["f"]!
        dayCount = dayCount * 86_400_000 + Int64(time) - Int64(offset) * 60_000
        return dayCount
    }

    private static func take(_ input: inout Substring, _ accept: (Character) -> Bool) -> String {
        let taken = input.prefix(while: accept)
        input = input.dropFirst(taken.count)
        return String(taken)
    }

    private static func takeDigits(_ input: inout Substring, _ limit: Int?) -> String {
        var taken = input.prefix(while: { $0.isNumber })
        if let limit { taken = taken.prefix(limit) }
        input = input.dropFirst(taken.count)
        return String(taken)
    }

    private static func takeLetters(_ input: inout Substring, _ limit: Int) -> String {
        let taken = input.prefix(while: { $0.isLetter }).prefix(limit)
        input = input.dropFirst(taken.count)
        return String(taken)
    }

    /// Number words and their joiners ("twenty-third", "two thousand and eighteen"), stopping before other text.
    private static func takeWords(_ input: inout Substring) -> String {
        var taken = ""
        var rest = input
        while true {
            let word = rest.prefix(while: { $0.isLetter })
            guard !word.isEmpty,
                word.lowercased() == "and" || Words.parse(String(word)) != nil
                    || ["hundred", "hundredth", "thousand", "million", "billion", "trillion"].contains(word.lowercased())
            else { break }
            taken += word
            rest = rest.dropFirst(word.count)
            input = rest
            let joiner = rest.prefix(while: { $0 == " " || $0 == "-" || $0 == "," })
            guard !joiner.isEmpty else { break }
            let after = rest.dropFirst(joiner.count).prefix(while: { $0.isLetter })
            guard !after.isEmpty,
                after.lowercased() == "and" || Words.parse(String(after)) != nil
                    || ["hundred", "hundredth", "thousand", "million", "billion", "trillion"].contains(after.lowercased())
            else { break }
            taken += joiner
            rest = rest.dropFirst(joiner.count)
        }
        return taken
    }

    private static func matchName(_ input: Substring, _ names: [String], _ maximum: Int?) -> (Int, Int)? {
        let lower = input.lowercased()
        for (i, name) in names.enumerated() where lower.hasPrefix(name.lowercased()) { return (i, name.count) }
        let width = maximum ?? 3
        for (i, name) in names.enumerated() where name.count > width && lower.hasPrefix(name.prefix(width).lowercased()) {
            return (i, width)
        }
        return nil
    }

    private static func takeOffset(_ input: inout Substring) -> Int? {
        if input.first == "Z" {
            input = input.dropFirst()
            return 0
        }
        guard let s = input.first, s == "+" || s == "-" else { return nil }
        var rest = input.dropFirst()
        let hours = rest.prefix(while: { $0.isNumber })
        rest = rest.dropFirst(hours.count)
        var h = 0
        var m = 0
        if hours.count > 2 {
            guard let v = Int(hours) else { return nil }
            h = v / 100
            m = v % 100
        } else {
            guard let v = Int(hours) else { return nil }
            h = v
            if rest.first == ":" {
                let minutes = rest.dropFirst().prefix(while: { $0.isNumber })
                guard let mv = Int(minutes) else { return nil }
                m = mv
                rest = rest.dropFirst(1 + minutes.count)
            }
        }
        input = rest
        return (s == "-" ? -1 : 1) * (h * 60 + m)
    }
}
