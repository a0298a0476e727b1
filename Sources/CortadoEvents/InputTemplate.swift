import CortadoJSON

/// An `InputTemplate` split once into literal text and `<name>` placeholders.
///
/// A template whose first non-blank character is `{` is a JSON template (the API reference: "If
/// InputTemplate is a JSON object (surrounded by curly braces)"); anything else is a string template,
/// delivered as text. In a JSON template each placeholder also records whether it stands inside a JSON
/// string literal, which decides how a value is written there.
struct InputTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        /// `inString`: inside a `"…"` literal of a JSON template.
        case placeholder(String, inString: Bool)
    }

    let isJSON: Bool
    let pieces: [Piece]

    /// The placeholder names in order of appearance, repeats included.
    var placeholderNames: [String] {
        pieces.compactMap { if case .placeholder(let name, _) = $0 { name } else { nil } }
    }

    init(_ source: String) {
        isJSON = source.first(where: { !$0.isWhitespace }) == "{"
        var pieces: [Piece] = []
        var text = ""
        var inString = false
        var escaped = false
        let chars = Array(source)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            // `<` and `>` cannot be escaped (user guide): `<name>` with no blank or angle bracket inside
            // is always a placeholder.
            if c == "<", let end = Self.placeholderEnd(chars, from: i) {
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.placeholder(String(chars[(i + 1)..<end]), inString: isJSON && inString))
                i = end + 1
                continue
            }
            text.append(c)
            if isJSON {
                if inString {
                    if escaped {
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        inString = false
                    }
                } else if c == "\"" {
                    inString = true
                }
            }
            i += 1
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
    }

    /// The index of the `>` closing a placeholder opened at `start`, or nil when `<` is plain text.
    static func placeholderEnd(_ chars: [Character], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count {
            let c = chars[j]
            if c == ">" { return j > start + 1 ? j : nil }
            if c == "<" || c.isWhitespace { return nil }
            j += 1
        }
        return nil
    }

    /// The body for the given placeholder values (nil: the placeholder's path named nothing).
    ///
    /// - Returns: the text of a string template; the minified JSON text of a JSON template, or nil when
    ///   the filled-in template is not valid JSON (AWS drops such an event silently).
    func render(_ value: (String) -> JSON?) -> String? {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t):
                out += t
            case .placeholder(let name, let inString):
                let v = value(name)
                out += isJSON ? Self.jsonText(v, inString: inString) : Self.plainText(v)
            }
        }
        guard isJSON else { return out }
        guard let parsed = try? JSON(parsing: out) else { return nil }
        return parsed.text
    }

    /// A value in a JSON template. Strings are JSON-escaped, and quoted when the placeholder stands
    /// outside a string (`<id>` and `"<id>"` give the same JSON string); nothing becomes `""`; objects and
    /// arrays are their JSON text wherever they stand, so one inside a string literal makes the result
    /// invalid, as on AWS.
    static func jsonText(_ value: JSON?, inString: Bool) -> String {
        switch value {
        case nil, .null?:
            return inString ? "" : "\"\""
        case .string(let s)?:
            let quoted = JSON.string(s).text
            return inString ? String(quoted.dropFirst().dropLast()) : quoted
        case let v?:
            return v.text
        }
    }

    /// A value in a string template: strings as they are (not escaped), nothing as empty, numbers and
    /// booleans as JSON, and objects and arrays as JSON with every quote removed
    /// (`{acc_id:0a787ecb-4015,sf_id:baz}`, `[ACTIVE,INACTIVE]`), which is what AWS delivers.
    static func plainText(_ value: JSON?) -> String {
        guard let value, !value.isNull else { return "" }
        switch value {
        case .string(let s): return s
        case .object, .array: return value.text.filter { $0 != "\"" }
        default: return value.text
        }
    }
}
