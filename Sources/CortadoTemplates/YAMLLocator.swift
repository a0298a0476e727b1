/// Finds the location (`Resources/Thing/Properties`) of a line of block-style YAML, for errors Yams reports
/// with a line only (syntax errors, duplicate keys), by following the indentation of the keys above it.
///
/// It reads keys and `- ` items line by line, skipping comments and block scalars; flow collections that
/// span lines are not followed, so a location there is that of the enclosing block key.
enum YAMLLocator {
    private struct Level {
        var indent: Int
        var component: String
        var isItem: Bool
        var count: Int
    }

    /// The keys and item indexes that lead to the given 1-based line, the key on that line included.
    static func components(atLine target: Int, in text: String) -> [String] {
        var levels: [Level] = []
        var blockScalarIndent: Int?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index >= target { break }
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " }.count
            var content = line.dropFirst(indent)
            if content.isEmpty || content.first == "#" { continue }
            if let scalarIndent = blockScalarIndent {
                if indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            var keyIndent = indent
            if content.first == "-" && (content.count == 1 || content.dropFirst().first == " ") {
                while let last = levels.last, last.indent > indent { levels.removeLast() }
                if let last = levels.last, last.indent == indent, last.isItem {
                    levels[levels.count - 1].count += 1
                    levels[levels.count - 1].component = String(levels[levels.count - 1].count)
                } else {
                    while let last = levels.last, last.indent >= indent { levels.removeLast() }
                    levels.append(Level(indent: indent, component: "0", isItem: true, count: 0))
                }
                let rest = content.dropFirst()
                let spaces = rest.prefix { $0 == " " }.count
                keyIndent = indent + 1 + spaces
                content = rest.dropFirst(spaces)
            } else {
                while let last = levels.last, last.indent >= indent { levels.removeLast() }
            }
            guard let (key, value) = keyAndValue(content) else { continue }
            levels.append(Level(indent: keyIndent, component: key, isItem: false, count: 0))
            if value.hasPrefix("|") || value.hasPrefix(">") { blockScalarIndent = keyIndent }
        }
        return levels.map(\.component)
    }

    /// A `key: value` line's key (unquoted) and value text, or nil for any other line.
    private static func keyAndValue(_ content: Substring) -> (String, Substring)? {
        if content.first == "\"" || content.first == "'" {
            let quote = content.first!
            guard let close = content.dropFirst().firstIndex(of: quote) else { return nil }
            let after = content[content.index(after: close)...]
            guard after.first == ":" else { return nil }
            return (String(content[content.index(after: content.startIndex)..<close]), value(after.dropFirst()))
        }
        guard content.first != "{", content.first != "[" else { return nil }
        var index = content.startIndex
        while index < content.endIndex {
            if content[index] == ":" {
                let next = content.index(after: index)
                if next == content.endIndex || content[next] == " " {
                    let key = content[..<index]
                    return (String(key.reversed().drop { $0 == " " }.reversed()), value(content[next...]))
                }
            }
            if content[index] == "#" && index > content.startIndex && content[content.index(before: index)] == " " { return nil }
            index = content.index(after: index)
        }
        return nil
    }

    private static func value(_ text: Substring) -> Substring { text.drop { $0 == " " } }
}
