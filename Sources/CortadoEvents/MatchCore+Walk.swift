import CortadoJSON

/// The two ways to find an event's leaves at rule fields: walking a parsed `JSON` value, or walking the
/// event's text. Both follow only the keys the path trie knows and report the same leaves, with the
/// same array trails, so the matches are the same (`RuleMachineTests` checks both against the reference).
extension MatchCore {
    /// Walks a parsed event along the paths the rules name.
    func collect(_ value: JSON, node: Int32, _ state: inout MatchState) {
        switch value {
        case .object(let object):
            guard paths.hasChildren(node) else { return }
            let keys = object.keys
            let values = object.values
            for i in keys.indices {
                if let first = keys[i].utf8.first, !paths.mayLead(node, first: first) { continue }
                if let next = keys[i].utf8.withContiguousBytes({ paths.resolve(node, $0) }) {
                    collect(values[i], node: next, &state)
                }
            }
        case .array(let elements):
            state.arrays += 1
            let id = state.arrays << 32
            for (i, element) in elements.enumerated() {
                state.trailStack.append(id | UInt64(i))
                collect(element, node: node, &state)
                state.trailStack.removeLast()
            }
        default:
            let field = paths.field(node)
            if field >= 0, let leaf = Leaf(value) { found(leaf, at: field, &state) }
        }
    }

    /// Walks an event's text along the paths the rules name, checking the rest as JSON without building
    /// it. False if an object repeats a key that leads to a rule field: the parser keeps only the last
    /// of those, so the caller parses the text and walks that instead.
    func collect(text scanner: inout JSONScanner, node: Int32, _ state: inout MatchState) throws(JSONParseError) -> Bool {
        switch try scanner.peekValue() {
        case .object:
            guard paths.hasChildren(node) else {
                try scanner.skipValue()
                return true
            }
            guard try scanner.beginObject() else { return true }
            let seenFrom = state.seen.count
            repeat {
                let next: Int32?
                switch try scanner.key() {
                case .raw(let bytes): next = paths.resolve(node, bytes)
                case .decoded(let key): next = paths.resolve(node, key)
                }
                guard let next else {
                    try scanner.skipValue()
                    continue
                }
                for k in seenFrom..<state.seen.count where state.seen[k] == next { return false }
                state.seen.append(next)
                guard try collect(text: &scanner, node: next, &state) else { return false }
            } while try scanner.nextMember()
            state.seen.truncate(to: seenFrom)
            return true
        case .array:
            guard paths.isRelevant(node) else {
                try scanner.skipValue()
                return true
            }
            state.arrays += 1
            let id = state.arrays << 32
            guard try scanner.beginArray() else { return true }
            var i: UInt64 = 0
            repeat {
                state.trailStack.append(id | i)
                guard try collect(text: &scanner, node: node, &state) else { return false }
                state.trailStack.removeLast()
                i += 1
            } while try scanner.nextElement()
            return true
        case .string, .number, .literal:
            let field = paths.field(node)
            guard field >= 0 else {
                try scanner.skipValue()
                return true
            }
            if let leaf = Leaf(try scanner.scalar()) { found(leaf, at: field, &state) }
            return true
        }
    }
}
