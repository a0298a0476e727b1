/// The characters a `$formatNumber` picture is read with: XPath F&O 3.1's decimal format, overridable by the
/// options object (`{"decimal-separator": ",", "per-mille": "pm"}`).
struct DecimalFormat {
    var decimalSeparator = "."
    var groupingSeparator = ","
    var exponentSeparator = "e"
    var minusSign = "-"
    var infinity = "Infinity"
    var notANumber = "NaN"
    var percent = "%"
    var perMille = "‰"
    var zeroDigit: Unicode.Scalar = "0"
    var digit = "#"
    var patternSeparator = ";"

    /// Applies the options object; names it does not know are ignored, as JSONata does.
    mutating func apply(_ options: ObjectValue) throws(JSONataError) {
        for (name, value) in options.pairs {
            guard case .string(let s) = value else { continue }
            switch name {
            case "decimal-separator": decimalSeparator = s
            case "grouping-separator": groupingSeparator = s
            case "exponent-separator": exponentSeparator = s
            case "minus-sign": minusSign = s
            case "infinity": infinity = s
            case "NaN": notANumber = s
            case "percent": percent = s
            case "per-mille": perMille = s
            case "zero-digit": if let z = s.unicodeScalars.first { zeroDigit = z }
            case "digit": digit = s
            case "pattern-separator": patternSeparator = s
            default: break
            }
        }
    }

    /// The value of `c` as a member of the decimal digit family that starts at `zeroDigit`.
    func digitValue(_ c: Unicode.Scalar) -> Int? {
        let d = Int(c.value) - Int(zeroDigit.value)
        return (0...9).contains(d) ? d : nil
    }

    func digitText(_ d: Int) -> Unicode.Scalar { Unicode.Scalar(zeroDigit.value + UInt32(d)) ?? "?" }
}
