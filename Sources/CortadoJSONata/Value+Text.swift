import CortadoJSON

extension Value {
    /// A number as JavaScript prints it after JSONata's rounding to 15 significant digits.
    static func formatNumber(_ d: Double) -> String {
        if d == 0 { return "0" }
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity") }
        var text = d.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var digits = Array(text.filter { $0 != "." }).map { Int($0.asciiValue! - 48) }
        var point = (text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count) + exponent
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits = Array(digits[0..<15])
            if roundUp {
                var i = 14
                while i >= 0 {
                    digits[i] += 1
                    if digits[i] < 10 { break }
                    digits[i] = 0
                    i -= 1
                }
                if i < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    point += 1
                }
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        let k = digits.count
        let s = digits.map(String.init).joined()
        let sign = d < 0 ? "-" : ""
        if k <= point, point <= 21 { return sign + s + String(repeating: "0", count: point - k) }
        if 0 < point, point <= 21 {
            return sign + s.prefix(point) + "." + s.dropFirst(point)
        }
        if -6 < point, point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + s }
        let e = point - 1
        let mantissa = k > 1 ? s.prefix(1) + "." + s.dropFirst() : s
        return sign + mantissa + "e" + (e > 0 ? "+" : "-") + String(abs(e))
    }

    var jsString: String {
        if case .number(let n) = self { return Value.formatNumber(n) }
        return stringify(pretty: false)
    }

    /// `JSON.stringify` with JSONata's number rounding; functions print as `""`.
    func stringify(pretty: Bool) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: "")
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.isFinite ? Value.formatNumber(n) : "null"
        case .string(let s): out += Value.quote(s)
        case .function: out += "\"\""
        case .array(let items, _):
            if items.isEmpty {
                out += "[]"
                return
            }
            let inner = indent + "  "
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + inner }
                item.write(to: &out, pretty: pretty, indent: inner)
            }
            if pretty { out += "\n" + indent }
            out += "]"
        case .object(let o):
            if o.count == 0 {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{"
            for (i, (k, v)) in o.pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + inner }
                out += Value.quote(k) + (pretty ? ": " : ":")
                v.write(to: &out, pretty: pretty, indent: inner)
            }
            if pretty { out += "\n" + indent }
            out += "}"
        }
    }

    /// A string as a JSON literal, as JSONata's messages quote values (the JSON printer's escaping).
    static func quote(_ s: String) -> String { JSON.string(s).text }
}
