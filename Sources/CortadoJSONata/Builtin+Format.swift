extension Builtin {
    /// `$formatNumber`, `$formatInteger` and `$parseInteger`, with XPath F&O 3.1 picture strings.
    static let formatting: [Builtin] = [
        Builtin("formatNumber", "<n-so?:s>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue, let picture = a[1]?.stringValue else { return nil }
            var format = DecimalFormat()
            if case .object(let options)? = a[2] { try format.apply(options) }
            return .string(try NumberPicture.format(n, picture, format))
        },
        Builtin("formatInteger", "<n-s:s>") { _, a, _ throws(JSONataError) in
            guard let n = a[0]?.numberValue, let picture = a[1]?.stringValue else { return nil }
            // JSONata formats the integer part: 12.7 is 12.
            let value = clampedInt(n.rounded(.towardZero))
            return .string(try IntegerPicture(picture).format(value))
        },
        Builtin("parseInteger", "<s-s:n>") { _, a, _ throws(JSONataError) in
            guard let s = a[0]?.stringValue, let picture = a[1]?.stringValue else { return nil }
            return try IntegerPicture(picture).parse(s).map { .number(Double($0)) }
        },
    ]
}
