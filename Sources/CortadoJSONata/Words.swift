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
