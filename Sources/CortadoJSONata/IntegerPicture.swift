/// A `$formatInteger` picture (XPath F&O 3.1 §4.6): a primary token and an optional `;o` ordinal modifier.
/// Date pictures reuse it for their numeric components.
struct IntegerPicture {
    enum WordCase {
        case lower, upper, title

        func apply(_ words: String) -> String {
            switch self {
            case .lower: return words
            case .upper: return words.uppercased()
            case .title:
                var out = ""
                var start = true
                for c in words {
                    out += start ? c.uppercased() : String(c)
                    start = c == " " || c == "-"
                }
                // "and" joins the words of a number and stays lowercase, as in "Seven Hundred and Eighty-Nine".
                return out.replacingAll(" And ", with: " and ")
            }
        }
    }

    enum Primary {
        case decimal(DigitPattern)
        case roman(upper: Bool)
        case words(WordCase)
        case letters(upper: Bool)
    }

    var primary: Primary
    var ordinal = false

    init(_ picture: String) throws(JSONataError) {
        var token = picture
        if let semicolon = picture.lastIndex(of: ";") {
            token = String(picture[..<semicolon])
            let modifier = picture[picture.index(after: semicolon)...]
            ordinal = modifier.hasPrefix("o")
        }
        primary = try Self.primary(token)
    }

    init(primary: Primary, ordinal: Bool) {
        self.primary = primary
        self.ordinal = ordinal
    }

    static func primary(_ token: String) throws(JSONataError) -> Primary {
        switch token {
        case "A": return .letters(upper: true)
        case "a": return .letters(upper: false)
        case "I": return .roman(upper: true)
        case "i": return .roman(upper: false)
        case "W": return .words(.upper)
        case "w": return .words(.lower)
        case "Ww": return .words(.title)
        default:
            guard let pattern = try DigitPattern(token) else {
                throw .init(
                    code: "D3130",
                    message:
                        "Formatting or parsing an integer as a sequence starting with \(Value.quote(token)) is not supported by this implementation"
                )
            }
            return .decimal(pattern)
        }
    }

    func format(_ n: Int) -> String {
        let sign = n < 0 ? "-" : ""
        let m = n.magnitude
        switch primary {
        case .decimal(let pattern):
            return sign + pattern.format(m) + (ordinal ? Self.ordinalSuffix(m) : "")
        case .roman(let upper):
            let r = Self.roman(m)
            return sign + (upper ? r : r.lowercased())
        case .words(let style):
            return (n < 0 ? style.apply("minus ") : "") + style.apply(Words.say(m, ordinal: ordinal))
        case .letters(let upper):
            return sign + Self.letters(m, upper: upper)
        }
    }

    /// The inverse of `format`; nil when the text is not in the picture's form.
    func parse(_ text: String) -> Int? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") {
            negative = true
            s = s.dropFirst()
        } else if s.lowercased().hasPrefix("minus ") {
            negative = true
            s = s.dropFirst(6)
        }
        let value: Int?
        switch primary {
        case .decimal(let pattern):
            var digits = String(s)
            if ordinal, digits.count > 2, digits.suffix(2).allSatisfy(\.isLetter) { digits = String(digits.dropLast(2)) }
            value = pattern.parse(digits)
        case .roman: value = Self.parseRoman(s.uppercased())
        case .words: value = Words.parse(String(s))
        case .letters: value = Self.parseLetters(s.uppercased())
        }
        return value.map { negative ? -$0 : $0 }
    }

    static func ordinalSuffix(_ n: UInt) -> String {
        if (11...13).contains(n % 100) { return "th" }
        switch n % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    private static let romanValues: [(UInt, String)] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
        (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]

    static func roman(_ n: UInt) -> String {
        // Past this a roman numeral is a run of thousands of Ms: the number is written in digits instead.
        guard n < 1_000_000 else { return String(n) }
        var n = n
        var out = ""
        for (value, letters) in romanValues {
            while n >= value {
                out += letters
                n -= value
            }
        }
        return out
    }

    static func parseRoman(_ s: String) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000]
        let numbers = s.map { values[$0] }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        var total = 0
        for (i, v) in numbers.enumerated() {
            if i + 1 < numbers.count, v! < numbers[i + 1]! { total -= v! } else { total += v! }
        }
        return total
    }

    /// `a`, `b`, ... `z`, `aa`, `ab`, ...: bijective base 26.
    static func letters(_ n: UInt, upper: Bool) -> String {
        var n = n
        var out: [Unicode.Scalar] = []
        let base: UInt32 = upper ? 65 : 97
        while n > 0 {
            n -= 1
            out.insert(Unicode.Scalar(base + UInt32(n % 26))!, at: 0)
            n /= 26
        }
        return string(out)
    }

    static func parseLetters(_ s: String) -> Int? {
        guard !s.isEmpty else { return nil }
        var total = 0
        for c in s.unicodeScalars {
            guard (65...90).contains(c.value) else { return nil }
            total = total * 26 + Int(c.value - 64)
        }
        return total
    }
}

/// A decimal digit pattern such as `0001`, `#,##0` or `①`: mandatory digits of one digit family, optional `#`,
/// and grouping separators (any other character) at fixed or regular positions.
struct DigitPattern {
    var zero: UInt32
    var mandatory: Int
    var width: Int
    /// Separators by position from the right (digits after them).
    var separators: [(position: Int, text: Character)] = []
    var regular: (every: Int, text: Character)? = nil

    /// nil when the token has no digit at all (not a decimal pattern).
    init?(_ token: String) throws(JSONataError) {
        var zero: UInt32? = nil
        var mandatory = 0
        var width = 0
        var positions: [(Int, Character)] = []
        var sawDigit = false
        for c in token.reversed() {
            if c == "#" {
                width += 1
                sawDigit = true
            } else if let z = Self.familyZero(c) {
                if let zero, zero != z {
                    throw .init(code: "D3131", message: "In a decimal digit pattern, all digits must be from the same decimal group")
                }
                zero = z
                mandatory += 1
                width += 1
                sawDigit = true
            } else if sawDigit, !c.isLetter {
                positions.append((width, c))
            } else {
                return nil
            }
        }
        guard let zero else { return nil }
        self.zero = zero
        self.mandatory = mandatory
        self.width = width
        separators = positions
        if let first = positions.first, positions.allSatisfy({ $0.1 == first.1 }) {
            let g = positions.map(\.0).min()!
            let ps = positions.map(\.0)
            if g > 0, ps.allSatisfy({ $0 % g == 0 }), stride(from: g, to: width, by: g).allSatisfy({ ps.contains($0) }) {
                regular = (g, first.1)
            }
        }
    }

    /// The zero of the Unicode decimal digit family `c` belongs to.
    static func familyZero(_ c: Character) -> UInt32? {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, s.properties.numericType == .decimal,
            let v = s.properties.numericValue
        else { return nil }
        return s.value - UInt32(v)
    }

    func format(_ n: UInt) -> String {
        var digits = String(n).unicodeScalars.map { $0.value - 48 }
        while digits.count < mandatory { digits.insert(0, at: 0) }
        var out = ""
        for (i, d) in digits.enumerated() {
            let fromRight = digits.count - i
            if i > 0 {
                if let regular {
                    if fromRight % regular.every == 0 { out.append(regular.text) }
                } else if let s = separators.first(where: { $0.position == fromRight }) {
                    out.append(s.text)
                }
            }
            out.unicodeScalars.append(Unicode.Scalar(zero + d)!)
        }
        return out
    }

    func parse(_ text: String) -> Int? {
        let separatorTexts = Set(separators.map(\.text))
        var value = 0
        var any = false
        for c in text {
            if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, s.value >= zero, s.value <= zero + 9 {
                let (v, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = v + Int(s.value - zero)
                any = true
            } else if !separatorTexts.contains(c) {
                return nil
            }
        }
        return any ? value : nil
    }
}

/// Numbers in English words, as JSONata writes them: "two thousand, seven hundred and eighty-nine".
enum Words {
    static let small = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    static let smallOrdinal = [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth",
    ]
    static let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    static let scales: [(UInt, String)] = [
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"),
    ]

    static func say(_ n: UInt, ordinal: Bool) -> String {
        let words = cardinal(n)
        guard ordinal else { return words }
        // Only the last word becomes ordinal: "twenty-first", "one hundredth".
        var cut = words.endIndex
        while cut > words.startIndex, words[words.index(before: cut)] != " ", words[words.index(before: cut)] != "-" {
            cut = words.index(before: cut)
        }
        return words[..<cut] + ordinalWord(String(words[cut...]))
    }

    static func ordinalWord(_ w: String) -> String {
        if let i = small.firstIndex(of: w) { return smallOrdinal[i] }
        if w.hasSuffix("y") { return w.dropLast() + "ieth" }
        return w + "th"
    }

    static func cardinal(_ n: UInt) -> String {
        if n < 20 { return small[Int(n)] }
        if n < 100 {
            let t = tens[Int(n / 10) - 2]
            return n % 10 == 0 ? t : t + "-" + small[Int(n % 10)]
        }
        if n < 1000 {
            let rest = n % 100
            return small[Int(n / 100)] + " hundred" + (rest == 0 ? "" : " and " + cardinal(rest))
        }
        for (scale, name) in scales where n >= scale {
            let rest = n % scale
            let head = cardinal(n / scale) + " " + name
            if rest == 0 { return head }
            return head + (rest < 100 ? " and " : ", ") + cardinal(rest)
        }
        return ""
    }

    static func parse(_ text: String) -> Int? {
        var values: [String: Int] = [:]
        for (i, w) in small.enumerated() { values[w] = i }
        for (i, w) in smallOrdinal.enumerated() { values[w] = i }
        for (i, w) in tens.enumerated() {
            values[w] = (i + 2) * 10
            values[ordinalWord(w)] = (i + 2) * 10
        }
        var total = 0
        var current = 0
        var any = false
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," })
        for w in words.map(String.init) where w != "and" {
            any = true
            if let v = values[w] {
                current += v
            } else if w == "hundred" || w == "hundredth" {
                current = max(current, 1) * 100
            } else if let (scale, _) = scales.first(where: { $0.1 == w || $0.1 + "th" == w }) {
                total += max(current, 1) * Int(scale)
                current = 0
            } else {
                return nil
            }
        }
        return any ? total + current : nil
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
