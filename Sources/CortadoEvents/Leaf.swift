import CortadoJSON

/// A leaf value of an event: what pattern conditions are tested against. Objects are not leaves (a
/// field whose value is an object counts as absent); array elements are leaves at the array's path.
public enum Leaf: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    init?(_ value: JSON) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        case .array, .object: return nil
        }
    }
}

extension ValueCondition {
    /// Whether a leaf value meets this condition. `exists` is about presence, not a value: `exists: true`
    /// holds for any leaf, `exists: false` for none (its field is satisfied by absence instead).
    public func matches(_ leaf: Leaf) -> Bool {
        switch (self, leaf) {
        case (.string(let s), .string(let v)): return s == v
        case (.number(let n), .number(let v)): return n == v
        case (.bool(let b), .bool(let v)): return b == v
        case (.null, .null): return true
        case (.prefix(let p), .string(let v)): return v.utf8.starts(with: p.utf8)
        case (.suffix(let p), .string(let v)): return v.utf8.reversed().starts(with: p.utf8.reversed())
        case (.equalsIgnoreCase(let s), .string(let v)): return v.lowercased() == s.lowercased()
        case (.prefixIgnoreCase(let p), .string(let v)): return v.lowercased().utf8.starts(with: p.lowercased().utf8)
        case (.suffixIgnoreCase(let p), .string(let v)):
            return v.lowercased().utf8.reversed().starts(with: p.lowercased().utf8.reversed())
        case (.wildcard(let w), .string(let v)): return w.matches(v)
        case (.anythingBut(let a), _): return a.admits(leaf)
        case (.numeric(let r), .number(let v)): return r.contains(v)
        case (.ip(let r), .string(let v)): return r.contains(v)
        case (.exists(let present), _): return present
        default: return false
        }
    }
}

extension AnythingBut {
    /// Whether `leaf` is not excluded. Leaves of another type than the excluded values are admitted
    /// (`anything-but: "x"` matches `null` and numbers; `anything-but: {"prefix": …}` matches numbers).
    public func admits(_ leaf: Leaf) -> Bool {
        switch (self, leaf) {
        case (.strings(let set), .string(let v)): return !set.contains(v)
        case (.numbers(let set), .number(let v)): return !set.contains(v)
        case (.prefixes(let ps), .string(let v)): return !ps.contains { v.utf8.starts(with: $0.utf8) }
        case (.suffixes(let ss), .string(let v)): return !ss.contains { v.utf8.reversed().starts(with: $0.utf8.reversed()) }
        case (.ignoringCase(let set), .string(let v)): return !set.contains(v.lowercased())
        case (.wildcards(let ws), .string(let v)): return !ws.contains { $0.matches(v) }
        default: return true
        }
    }
}

/// An event's leaves with their full paths and array trails: the plain form the reference matcher
/// and diagnostics use (the compiled `RuleMachine` walks only the paths its rules name).
public struct FlatEvent: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var leaf: Leaf
        /// The arrays the leaf sits in, outermost first, each as (array id << 32 | element index).
        public var trail: [UInt64]
    }

    public private(set) var entries: [Entry] = []
    private var arrays: UInt64 = 0

    public init(_ event: JSON) {
        visit(event, path: "", trail: [])
    }

    private mutating func visit(_ value: JSON, path: String, trail: [UInt64]) {
        switch value {
        case .object(let object):
            for (key, child) in object { visit(child, path: path.isEmpty ? key : path + "." + key, trail: trail) }
        case .array(let elements):
            arrays += 1
            let id = arrays
            for (i, element) in elements.enumerated() { visit(element, path: path, trail: trail + [id << 32 | UInt64(i)]) }
        default:
            if let leaf = Leaf(value) { entries.append(Entry(path: path, leaf: leaf, trail: trail)) }
        }
    }
}

/// Whether two leaves can be chosen together: they do not come from different elements of one array.
func consistent(_ a: [UInt64], _ b: [UInt64]) -> Bool {
    var i = 0
    while i < a.count, i < b.count, a[i] >> 32 == b[i] >> 32 {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

/// What one field of a branch offers a choice of leaves: the leaves that satisfy it, and, if absence
/// satisfies it too, every leaf at its path.
struct FieldChoice {
    var options: [[UInt64]]
    var acceptsAbsence: Bool
    var present: [[UInt64]]
}

/// Whether some array-consistent choice satisfies every field: one satisfying leaf per field, no two
/// from different elements of one array; or, for a field absence satisfies, none of its leaves
/// consistent with the choice (it is absent from the array elements chosen), as event-ruler decides.
func chooseConsistent(_ fields: [FieldChoice]) -> Bool {
    var chosen: [[UInt64]] = []
    var absent: [Int] = []
    func pick(_ field: Int) -> Bool {
        if field == fields.count {
            return absent.allSatisfy { f in
                fields[f].present.allSatisfy { leaf in chosen.contains { !consistent($0, leaf) } }
            }
        }
        for trail in fields[field].options where chosen.allSatisfy({ consistent($0, trail) }) {
            chosen.append(trail)
            if pick(field + 1) { return true }
            chosen.removeLast()
        }
        if fields[field].acceptsAbsence {
            absent.append(field)
            if pick(field + 1) { return true }
            absent.removeLast()
        }
        return false
    }
    return pick(0)
}
