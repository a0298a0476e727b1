extension JSON {
    /// The compact JSON text of this value, as AWS returns payloads: no spaces, members in order,
    /// only `"`, `\` and control characters escaped.
    public var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        JSONPrinter.write(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The compact JSON text appended to a byte buffer.
    public func write(to out: inout [UInt8]) { JSONPrinter.write(self, to: &out) }

    /// Indented JSON text for people (two spaces, `": "` after keys).
    public func prettyText(indent: String = "  ") -> String {
        var out: [UInt8] = []
        JSONPrinter.writePretty(self, to: &out, indent: Array(indent.utf8), level: 0)
        return String(decoding: out, as: UTF8.self)
    }
}

enum JSONPrinter {
    static func write(_ value: JSON, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): writeInt(i, to: &out)
        case .double(let d): writeDouble(d, to: &out)
        case .string(let s): writeString(s, to: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, v) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for k in 0..<o.count {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(o.keys[k], to: &out)
                out.append(UInt8(ascii: ":"))
                write(o.values[k], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writePretty(_ value: JSON, to out: inout [UInt8], indent: [UInt8], level: Int) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            for _ in 0..<level { out.append(contentsOf: indent) }
        }
        switch value {
        case .array(let a) where !a.isEmpty:
            out.append(UInt8(ascii: "["))
            for (k, v) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writePretty(v, to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        case .object(let o) where !o.isEmpty:
            out.append(UInt8(ascii: "{"))
            for k in 0..<o.count {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeString(o.keys[k], to: &out)
                out.append(contentsOf: ": ".utf8)
                writePretty(o.values[k], to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        default:
            write(value, to: &out)
        }
    }

    static func writeInt(_ i: Int, to out: inout [UInt8]) {
        if i >= 0 && i < 10 {
            out.append(UInt8(ascii: "0") + UInt8(i))
            return
        }
        if i < 0 { out.append(UInt8(ascii: "-")) }
        // Digits last to first, then turned around: no String made.
        let start = out.count
        var rest = i.magnitude
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        } while rest > 0
        out[start...].reverse()
    }

    /// `formatDouble(d)` appended to `out`, without making a String for the common case of a number with at
    /// most three decimals in plain notation's range (prices, durations, timestamps in seconds).
    static func writeDouble(_ d: Double, to out: inout [UInt8]) {
        let magnitude = abs(d)
        if magnitude >= 1e-3, magnitude < 1e7 {
            // As in formatDouble: when the value is the double nearest to n/1000, its shortest digits are
            // those of n/1000, because doubles here are far closer together than 0.001.
            let n = Int((magnitude * 1000).rounded())
            if Double(n) / 1000 == magnitude {
                if d < 0 { out.append(UInt8(ascii: "-")) }
                writeInt(n / 1000, to: &out)
                out.append(UInt8(ascii: "."))
                var fraction = n % 1000
                guard fraction != 0 else {
                    out.append(UInt8(ascii: "0"))
                    return
                }
                var width = 3
                while fraction % 10 == 0 {
                    fraction /= 10
                    width -= 1
                }
                var scale = 1
                for _ in 1..<width { scale *= 10 }
                while scale > 0 {
                    out.append(UInt8(ascii: "0") + UInt8(fraction / scale % 10))
                    scale /= 10
                }
                return
            }
        }
        out.append(contentsOf: formatDouble(d).utf8)
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native strings lend their bytes; only a bridged one is copied.
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &out) }) == nil {
            var s = s
            s.withUTF8 { writeEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var k = 0
        while k < bytes.count {
            if k + 8 <= bytes.count, !JSONByteScan.needsAttention(bytes, at: k) {
                k += 8
                continue
            }
            let b = bytes[k]
            k += 1
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            if runStart < k - 1 { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<(k - 1)])) }
            runStart = k
            out.append(0x5C)
            switch b {
            case 0x22, 0x5C: out.append(b)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// Formats a double as Java's `Double.toString` does (Step Functions runs on the JVM):
    /// plain notation between 10^-3 and 10^7, `1.0E10` style outside, always a fraction digit.
    static func formatDouble(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity") }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(d)
        var digits = ""
        var exponent = 0
        // Fast path for millisecond timestamps in seconds (every history event has one): a value with
        // at most three decimals and below 10^12 has those digits as its shortest form, because
        // doubles there are closer together than 0.001.
        let thousandths = (magnitude * 1000).rounded()
        if magnitude >= 1, magnitude < 1e12, Double(Int64(thousandths)) / 1000 == magnitude {
            digits = String(Int64(thousandths))
            exponent = digits.count - 3
        } else {
            (digits, exponent) = slowDigits(magnitude)
        }
        return compose(d, digits: digits, exponent: exponent)
    }

    /// The shortest round-tripping digits of a positive finite value, and its decimal exponent:
    /// value = 0.d1d2d3... × 10^exponent.
    static func slowDigits(_ magnitude: Double) -> (String, Int) {
        // Swift's description is the shortest round-tripping digits.
        let shortest = "\(magnitude)"
        var digits = ""
        var exponent = 0
        if let eIndex = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let mantissa = String(shortest[..<eIndex])
            let exp = Int(shortest[shortest.index(after: eIndex)...]) ?? 0
            let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
            let intPart = String(parts[0])
            let frac = parts.count > 1 ? String(parts[1]) : ""
            digits = intPart + frac
            exponent = exp + intPart.count
        } else {
            let parts = shortest.split(separator: ".", omittingEmptySubsequences: false)
            let intPart = String(parts[0])
            let frac = parts.count > 1 ? String(parts[1]) : ""
            if intPart == "0" {
                let leadingZeros = frac.prefix(while: { $0 == "0" }).count
                digits = String(frac.dropFirst(leadingZeros))
                exponent = -leadingZeros
            } else {
                digits = intPart + frac
                exponent = intPart.count
            }
        }
        return (digits, exponent)
    }

    /// Java's `Double.toString` layout of `d` from its digits and exponent.
    static func compose(_ d: Double, digits: String, exponent: Int) -> String {
        let magnitude = abs(d)
        var digits = digits
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        if digits.isEmpty { digits = "0" }
        let sign = d < 0 ? "-" : ""
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if exponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -exponent) + digits
            }
            if digits.count <= exponent {
                return sign + digits + String(repeating: "0", count: exponent - digits.count) + ".0"
            }
            let cut = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        let first = digits.prefix(1)
        var rest = String(digits.dropFirst())
        if rest.isEmpty { rest = "0" }
        return sign + first + "." + rest + "E" + String(exponent - 1)
    }
}
