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
