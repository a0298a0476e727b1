/// The literal text and `${…}` variables of an `Fn::Sub` string.
enum SubTemplate {
    enum Piece: Equatable {
        case text(String)
        case variable(String)
    }

    static func pieces(of template: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            literal += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if after.first == "!" {
                // `${!Literal}` is written out as `${Literal}`.
                literal += "${"
                rest = after.dropFirst()
            } else if let close = after.firstIndex(of: "}") {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.variable(String(after[..<close]).trimmingSpaces))
                rest = after[after.index(after: close)...]
            } else {
                literal += "${"
                rest = after
            }
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    /// The names a `Fn::Sub` string refers to, without those its variable map defines.
    static func references(in template: String, excluding defined: Set<String>) -> [String] {
        pieces(of: template).compactMap {
            if case .variable(let name) = $0, !defined.contains(name) { name } else { nil }
        }
    }
}
