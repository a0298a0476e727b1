/// One sub-picture of a `$formatNumber` picture, analysed into the properties of XPath F&O 3.1 §4.7.4.
struct NumberPicture {
    /// What a character of the picture is: active characters shape the number, passive ones are copied.
    enum Symbol: Equatable {
        case digit
        case optionalDigit
        case decimal
        case grouping
        case exponent
        case percent
        case perMille
        case passive(String)
    }

    var prefix = ""
    var suffix = ""
    var integerGrouping: [Int] = []
    var regularGrouping: Int? = nil
    var fractionGrouping: [Int] = []
    var minimumIntegerSize = 0
    var scalingFactor = 0
    var minimumFractionSize = 0
    var maximumFractionSize = 0
    var minimumExponentSize = 0
    var hasExponent = false
    var percent = false
    var perMille = false

    /// Formats `n` with `picture` (one sub-picture, or two separated by the pattern separator).
    static func format(_ n: Double, _ picture: String, _ format: DecimalFormat) throws(JSONataError) -> String {
        let parts = split(picture, by: format.patternSeparator)
        guard parts.count <= 2 else {
            throw .init(
                code: "D3080",
                message: "The format-number picture string must not contain more than one instance of the 'pattern-separator' character")
        }
        let positive = try NumberPicture(parts[0], format)
        let negative = try parts.count == 2 ? NumberPicture(parts[1], format) : nil
        if n.isNaN { return format.notANumber }
        var picture = positive
        if n < 0 {
            if let negative {
                picture = negative
            } else {
                picture.prefix = format.minusSign + picture.prefix
            }
        }
        return picture.render(n.magnitude, format)
    }

    static func split(_ s: String, by separator: String) -> [String] {
        guard !separator.isEmpty else { return [s] }
        var parts: [String] = []
        var rest = Substring(s)
        while let r = rest.firstRange(of: separator) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    /// The symbols of a sub-picture; the exponent separator is active only between mantissa and exponent digits.
    static func symbols(_ picture: String, _ format: DecimalFormat) -> [Symbol] {
        let marks: [(String, Symbol)] = [
            (format.decimalSeparator, .decimal), (format.groupingSeparator, .grouping), (format.digit, .optionalDigit),
            (format.percent, .percent), (format.perMille, .perMille), (format.exponentSeparator, .exponent),
        ]
        .filter { !$0.0.isEmpty }
        var out: [Symbol] = []
        var rest = Substring(picture)
        outer: while let c = rest.unicodeScalars.first {
            if format.digitValue(c) != nil {
                out.append(.digit)
                rest = Substring(rest.unicodeScalars.dropFirst())
                continue
            }
            for (text, symbol) in marks where rest.hasPrefix(text) {
                out.append(symbol)
                rest = rest.dropFirst(text.count)
                continue outer
            }
            out.append(.passive(String(c)))
            rest = Substring(rest.unicodeScalars.dropFirst())
        }
        // `e` is an exponent only after a mantissa character and before digits; elsewhere it is text.
        for i in out.indices where out[i] == .exponent {
            let before = i > 0 && [.digit, .optionalDigit, .decimal, .grouping].contains(out[i - 1])
            let after = i + 1 < out.count && out[i + 1] == .digit
            if !(before && after) { out[i] = .passive(format.exponentSeparator) }
        }
        return out
    }

    init(_ picture: String, _ format: DecimalFormat) throws(JSONataError) {
        let symbols = Self.symbols(picture, format)
        func text(_ s: Symbol) -> String {
            switch s {
            case .passive(let t): t
            case .percent: format.percent
            case .perMille: format.perMille
            default: ""
            }
        }
        let isActive: (Symbol) -> Bool = { [.digit, .optionalDigit, .decimal, .grouping, .exponent].contains($0) }
        let count: (Symbol) -> Int = { s in symbols.filter { $0 == s }.count }
        if count(.decimal) > 1 {
            throw .init(
                code: "D3081", message: "The sub-picture must not contain more than one instance of the 'decimal-separator' character")
        }
        if count(.percent) > 1 {
            throw .init(code: "D3082", message: "The sub-picture must not contain more than one instance of the 'percent' character")
        }
        if count(.perMille) > 1 {
            throw .init(code: "D3083", message: "The sub-picture must not contain more than one instance of the 'per-mille' character")
        }
        if count(.percent) > 0, count(.perMille) > 0 {
            throw .init(code: "D3084", message: "The sub-picture must not contain both a 'percent' and a 'per-mille' character")
        }
        percent = count(.percent) > 0
        perMille = count(.perMille) > 0
        let first = symbols.firstIndex(where: isActive)
        let last = symbols.lastIndex(where: isActive)
        guard let first, let last else {
            throw .init(
                code: "D3085",
                message:
                    "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'"
            )
        }
        prefix = symbols[..<first].map(text).joined()
        suffix = symbols[(last + 1)...].map(text).joined()
        let body = Array(symbols[first...last])
        if body.contains(where: { !isActive($0) }) {
            throw .init(
                code: "D3086",
                message:
                    "A sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character"
            )
        }
        let exponentAt = body.firstIndex(of: .exponent)
        let mantissa = exponentAt.map { Array(body[..<$0]) } ?? body
        let exponent = exponentAt.map { Array(body[($0 + 1)...]) } ?? []
        hasExponent = exponentAt != nil
        if hasExponent, percent || perMille {
            throw .init(
                code: "D3092",
                message:
                    "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'"
            )
        }
        if exponent.contains(where: { $0 != .digit }) {
            throw .init(
                code: "D3093",
                message:
                    "The exponent part of a sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'"
            )
        }
        guard mantissa.contains(where: { $0 == .digit || $0 == .optionalDigit }) else {
            throw .init(
                code: "D3085",
                message:
                    "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'"
            )
        }
        for (i, s) in mantissa.enumerated() where s == .grouping && i + 1 < mantissa.count {
            if mantissa[i + 1] == .decimal || (i > 0 && mantissa[i - 1] == .decimal) {
                throw .init(
                    code: "D3087",
                    message:
                        "A sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character"
                )
            }
            if mantissa[i + 1] == .grouping {
                throw .init(
                    code: "D3089", message: "A sub-picture must not contain two adjacent instances of the 'grouping-separator' character")
            }
        }
        if let d = mantissa.firstIndex(of: .decimal), d > 0, mantissa[d - 1] == .grouping {
            throw .init(
                code: "D3087",
                message:
                    "A sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character"
            )
        }
        let decimalAt = mantissa.firstIndex(of: .decimal)
        let integer = decimalAt.map { Array(mantissa[..<$0]) } ?? mantissa
        let fraction = decimalAt.map { Array(mantissa[($0 + 1)...]) } ?? []
        if decimalAt == nil, integer.last == .grouping {
            throw .init(code: "D3088", message: "A sub-picture must not contain a 'grouping-separator' at the end of the integer part")
        }
        if let d = integer.firstIndex(of: .digit), integer[d...].contains(.optionalDigit) {
            throw .init(
                code: "D3090",
                message:
                    "The integer part of a sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'"
            )
        }
        if let o = fraction.firstIndex(of: .optionalDigit), fraction[o...].contains(.digit) {
            throw .init(
                code: "D3091",
                message:
                    "The fractional part of a sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'"
            )
        }

        let isDigit: (Symbol) -> Bool = { $0 == .digit || $0 == .optionalDigit }
        for (i, s) in integer.enumerated() where s == .grouping {
            integerGrouping.append(integer[(i + 1)...].filter(isDigit).count)
        }
        for (i, s) in fraction.enumerated() where s == .grouping {
            fractionGrouping.append(fraction[..<i].filter(isDigit).count)
        }
        if let g = integerGrouping.min(), g > 0, integerGrouping.allSatisfy({ $0 % g == 0 }) {
            let digits = integer.filter(isDigit).count
            if stride(from: g, to: digits, by: g).allSatisfy({ integerGrouping.contains($0) }) { regularGrouping = g }
        }
        minimumIntegerSize = integer.filter { $0 == .digit }.count
        scalingFactor = minimumIntegerSize
        minimumFractionSize = fraction.filter { $0 == .digit }.count
        maximumFractionSize = fraction.filter(isDigit).count
        if minimumIntegerSize == 0, maximumFractionSize == 0 {
            if hasExponent {
                minimumFractionSize = 1
                maximumFractionSize = 1
            } else {
                minimumIntegerSize = 1
            }
        }
        if hasExponent, minimumIntegerSize == 0, integer.contains(.optionalDigit) { minimumIntegerSize = 1 }
        if minimumIntegerSize == 0, minimumFractionSize == 0 { minimumFractionSize = 1 }
        minimumExponentSize = exponent.count
    }

    /// The number (already made non-negative) as the picture shows it.
    func render(_ magnitude: Double, _ format: DecimalFormat) -> String {
        var value = magnitude
        if percent { value *= 100 } else if perMille { value *= 1000 }
        guard value.isFinite else { return prefix + format.infinity + suffix }
        var decimal = DecimalDigits(value)
        var exponent = 0
        if hasExponent, !decimal.isZero {
            // The mantissa keeps `scalingFactor` digits before its point.
            decimal.round(significant: scalingFactor + maximumFractionSize)
            exponent = decimal.point - scalingFactor
            decimal.point = scalingFactor
        } else {
            decimal.round(fractionDigits: maximumFractionSize)
        }
        var integer = decimal.integerDigits
        var fraction = decimal.fractionDigits(maximumFractionSize)
        while integer.first == 0 { integer.removeFirst() }
        while integer.count < minimumIntegerSize { integer.insert(0, at: 0) }
        while fraction.count > minimumFractionSize, fraction.last == 0 { fraction.removeLast() }
        while fraction.count < minimumFractionSize { fraction.append(0) }

        var out = prefix
        for (i, d) in integer.enumerated() {
            let fromRight = integer.count - i
            if i > 0 {
                let grouped = regularGrouping.map { fromRight % $0 == 0 } ?? integerGrouping.contains(fromRight)
                if grouped { out += format.groupingSeparator }
            }
            out.unicodeScalars.append(format.digitText(d))
        }
        if !fraction.isEmpty {
            out += format.decimalSeparator
            for (i, d) in fraction.enumerated() {
                if i > 0, fractionGrouping.contains(i) { out += format.groupingSeparator }
                out.unicodeScalars.append(format.digitText(d))
            }
        }
        if hasExponent {
            out += format.exponentSeparator
            if exponent < 0 { out += format.minusSign }
            var digits = String(abs(exponent)).unicodeScalars.map { Int($0.value) - 48 }
            while digits.count < minimumExponentSize { digits.insert(0, at: 0) }
            for d in digits { out.unicodeScalars.append(format.digitText(d)) }
        }
        return out + suffix
    }
}
