import CortadoJSON

extension IntrinsicFunction {
    /// AWS's documented limit on the input of `States.Base64Encode`, `Base64Decode` and `Hash`.
    static let stringInputLimit = 10_000

    /// `States.Format(template, values...)`: each `{}` replaced by the next value.
    ///
    /// Strings go in as they are; other values as Java prints them (`{a=1, b=[x, y]}`), as AWS does.
    func format(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let pieces: [String]
        if case .string(_, let literalPieces) = arguments[0] {
            pieces = literalPieces
        } else {
            // A template read from a path has no escapes: every `{}` is a placeholder.
            pieces = try args.string(0).split(separator: "{}", omittingEmptySubsequences: false).map(String.init)
        }
        let values = args.values.dropFirst()
        guard pieces.count - 1 == values.count else {
            let placeholders = pieces.count - 1
            throw args.invalid(
                "the format string has \(placeholders) placeholder\(placeholders == 1 ? "" : "s") '{}' but \(values.count) value\(values.count == 1 ? " was" : "s were") given"
            )
        }
        var out = pieces[0]
        for (value, piece) in zip(values, pieces.dropFirst()) {
            out += Self.javaText(value)
            out += piece
        }
        return .string(out)
    }

    /// A value as Java's `toString` prints the objects Jackson reads it into.
    static func javaText(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .array(let a): "[" + a.map(javaText).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.map { "\($0.key)=\(javaText($0.value))" }.joined(separator: ", ") + "}"
        default: value.text
        }
    }

    /// `States.StringToJson(text)`: the parsed value; blank text gives `null` as on AWS.
    func stringToJson(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let text = try args.string(0)
        if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) { return .null }
        do throws(JSONParseError) {
            return try JSON(parsing: text)
        } catch {
            throw args.invalid("the string \(JSON.string(text).text) is not valid JSON: \(error.description)")
        }
    }

    /// `States.StringSplit(text, delimiters)`: the non-empty pieces between delimiter characters.
    ///
    /// Every character of `delimiters` splits, and empty pieces are dropped (Java's
    /// `StringTokenizer`): `StringSplit(',a,,b', ',')` is `["a", "b"]`.
    func stringSplit(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let text = try args.string(0)
        let delimiters = Set(try args.string(1).unicodeScalars)
        var tokens: [JSON] = []
        var current = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if delimiters.contains(c) {
                if !current.isEmpty { tokens.append(.string(String(current))) }
                current = String.UnicodeScalarView()
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append(.string(String(current))) }
        return .array(tokens)
    }

    /// `States.Base64Encode(text)`: the UTF-8 bytes of the text in standard Base64 with padding.
    func base64Encode(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let text = try limitedString(args, 0)
        return .string(Base64.encode(Array(text.utf8)))
    }

    /// `States.Base64Decode(text)`: the Base64 text decoded, read as UTF-8.
    func base64Decode(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let text = try limitedString(args, 0)
        guard let bytes = Base64.decode(text) else {
            throw args.invalid("the string \(JSON.string(text).text) is not valid Base64")
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// `States.Hash(text, algorithm)`: the lower-case hex digest of the UTF-8 bytes of the text.
    func hash(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        let text = try limitedString(args, 0)
        let name = try args.string(1)
        guard let algorithm = Digest.Algorithm(rawValue: name) else {
            let known = Digest.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw args.invalid("the hashing algorithm must be one of \(known), but it was \(JSON.string(name).text)")
        }
        return .string(Digest.hex(Digest.hash(Array(text.utf8), algorithm)))
    }

    /// `States.JsonMerge(a, b, false)`: `a` with `b`'s members put over it (a shallow merge).
    func jsonMerge(_ args: IntrinsicArguments) throws(StatesError) -> JSON {
        var merged = try args.object(0)
        let other = try args.object(1)
        guard try !args.bool(2) else {
            throw args.invalid("deep merging is not supported; the third argument must be false")
        }
        for (key, value) in other { merged[key] = value }
        return .object(merged)
    }

    private func limitedString(_ args: IntrinsicArguments, _ k: Int) throws(StatesError) -> String {
        let text = try args.string(k)
        // Java counts UTF-16 code units.
        guard text.utf16.count <= Self.stringInputLimit else {
            throw args.invalid("the input string must not be longer than \(Self.stringInputLimit) characters")
        }
        return text
    }
}
