struct JSONPathParser {
    let source: String
    let chars: [Character]
    var i = 0

    init(_ source: String) {
        self.source = source
        self.chars = Array(source)
    }

    func fail(_ why: String) -> JSONPathError {
        JSONPathError(kind: .syntax, message: "Invalid JSONPath '\(source)': \(why)")
    }

    var atEnd: Bool { i >= chars.count }
    var peek: Character? { i < chars.count ? chars[i] : nil }

    mutating func parsePath() throws(JSONPathError) -> (JSONPath.Root, [JSONPath.Segment]) {
        guard peek == "$" else { throw fail("a path must start with '$'") }
        i += 1
        var root = JSONPath.Root.input
        if peek == "$" {
            i += 1
            root = .context
        } else if let c = peek, c != ".", c != "[" {
            let start = i
            while let c = peek, c != ".", c != "[" { i += 1 }
            let name = String(chars[start..<i])
            guard Self.isVariableName(name) else { throw fail("'\(name)' is not a valid variable name") }
            root = .variable(name)
        }
        let segments = try parseSegments(stopAt: nil)
        return (root, segments)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }
    }

    /// Parses segments until the end (or, inside a filter, until a character that ends the operand).
    mutating func parseSegments(stopAt stop: ((Character) -> Bool)?) throws(JSONPathError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while let c = peek {
            if let stop, stop(c) { break }
            if c == "." {
                i += 1
                if peek == "." {
                    i += 1
                    if peek == "[" {
                        segments.append(.deepScan(try parseBracket()))
                    } else if peek == "*" {
                        i += 1
                        segments.append(.deepScan(.wildcard))
                    } else {
                        segments.append(.deepScan(.member(try parseDotName(stop: stop))))
                    }
                    continue
                }
                if peek == "*" {
                    i += 1
                    segments.append(.wildcard)
                    continue
                }
                if peek == "[" {
                    segments.append(try parseBracket())
                    continue
                }
                segments.append(.member(try parseDotName(stop: stop)))
            } else if c == "[" {
                segments.append(try parseBracket())
            } else {
                throw fail("unexpected '\(c)' at position \(i)")
            }
        }
        return segments
    }

    mutating func parseDotName(stop: ((Character) -> Bool)?) throws(JSONPathError) -> String {
        let start = i
        while let c = peek, c != ".", c != "[" {
            if let stop, stop(c) { break }
            if c == " " && stop == nil { throw fail("unexpected space at position \(i)") }
            i += 1
        }
        guard i > start else { throw fail("empty property name at position \(i)") }
        return String(chars[start..<i])
    }

    mutating func skipSpaces() { while peek == " " { i += 1 } }

    mutating func parseBracket() throws(JSONPathError) -> JSONPath.Segment {
        i += 1  // [
        skipSpaces()
        guard let c = peek else { throw fail("unterminated '['") }
        let segment: JSONPath.Segment
        if c == "*" {
            i += 1
            segment = .wildcard
        } else if c == "'" || c == "\"" {
            var names: [String] = []
            while true {
                skipSpaces()
                guard let q = peek, q == "'" || q == "\"" else { throw fail("expected a quoted name at position \(i)") }
                names.append(try parseQuoted(q))
                skipSpaces()
                if peek == "," {
                    i += 1
                    continue
                }
                break
            }
            segment = names.count == 1 ? .member(names[0]) : .members(names)
        } else if c == "?" {
            i += 1
            skipSpaces()
            guard peek == "(" else { throw fail("expected '(' after '?' at position \(i)") }
            i += 1
            let start = i
            var depth = 1
            var quote: Character?
            while let ch = peek {
                if let q = quote {
                    if ch == "\\" { i += 1 } else if ch == q { quote = nil }
                } else if ch == "'" || ch == "\"" {
                    quote = ch
                } else if ch == "(" {
                    depth += 1
                } else if ch == ")" {
                    depth -= 1
                    if depth == 0 { break }
                }
                i += 1
            }
            guard peek == ")" else { throw fail("unterminated filter expression") }
            let text = String(chars[start..<i])
            i += 1
            segment = .filter(try JSONPathFilter(text, path: source))
        } else {
            // Index, union of indices, or slice.
            let start = i
            while let ch = peek, ch != "]" { i += 1 }
            let body = String(chars[start..<i]).replacingSpaces()
            if body.contains(":") {
                let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count <= 3 else { throw fail("invalid slice '[\(body)]'") }
                func num(_ s: String) throws(JSONPathError) -> Int? {
                    if s.isEmpty { return nil }
                    guard let v = Int(s) else { throw fail("invalid slice '[\(body)]'") }
                    return v
                }
                segment = .slice(start: try num(parts[0]), end: try num(parts[1]), step: parts.count > 2 ? try num(parts[2]) : nil)
            } else {
                var xs: [Int] = []
                for p in body.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let v = Int(p) else { throw fail("invalid array index '[\(body)]'") }
                    xs.append(v)
                }
                segment = xs.count == 1 ? .index(xs[0]) : .indices(xs)
            }
        }
        skipSpaces()
        guard peek == "]" else { throw fail("expected ']' at position \(i)") }
        i += 1
        return segment
    }

    mutating func parseQuoted(_ q: Character) throws(JSONPathError) -> String {
        i += 1
        var out = ""
        while let c = peek {
            // As in Jayway, a backslash escapes only the quote character; elsewhere it is literal.
            if c == "\\", i + 1 < chars.count, chars[i + 1] == q {
                out.append(q)
                i += 2
                continue
            }
            if c == q {
                i += 1
                return out
            }
            out.append(c)
            i += 1
        }
        throw fail("unterminated quoted name")
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { filter { $0 != " " } }
}
