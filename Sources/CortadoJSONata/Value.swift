import CortadoJSON

/// A value during evaluation: JSON plus functions, and arrays that remember whether they are sequences.
indirect enum Value {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Value], ArrayFlags)
    case object(ObjectValue)
    case function(FunctionValue)

    static func sequence(_ items: [Value]) -> Value { .array(items, .sequence) }
}

/// How an array came to be: path results are sequences, which collapse when they hold one value.
struct ArrayFlags: OptionSet {
    var rawValue: UInt8
    static let sequence = ArrayFlags(rawValue: 1)
    static let keepSingleton = ArrayFlags(rawValue: 2)
    /// Built by an array constructor: kept whole when a path step yields it.
    static let constructed = ArrayFlags(rawValue: 4)
    /// The evaluation's input array, wrapped so that `$` is the array.
    static let outerWrapper = ArrayFlags(rawValue: 8)
}

/// An object that keeps its key order.
///
/// An object from the input stays the input's `JSONObject` until it is written to: a member is converted when it is
/// read, so an expression that reads three fields of a large input converts three values, not the input.
struct ObjectValue {
    /// Marks an object in a transform's copy, so that the objects its pattern matches can be found again.
    var tag = 0
    private var ownKeys: [String] = []
    private var storage: [String: Value] = [:]
    private var source: JSONObject? = nil

    init() {}

    init(_ json: JSONObject) { source = json }

    subscript(key: String) -> Value? {
        get {
            if let source { return source[key].map(Value.init) }
            return storage[key]
        }
        set {
            materialize()
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { ownKeys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                ownKeys.removeAll { $0 == key }
            }
        }
    }

    var keys: [String] { source?.keys ?? ownKeys }
    var count: Int { source?.count ?? ownKeys.count }
    var pairs: [(String, Value)] {
        if let source { return zip(source.keys, source.values).map { ($0, Value($1)) } }
        return ownKeys.map { ($0, storage[$0]!) }
    }

    /// The input's object when this one is still it, unchanged.
    var json: JSONObject? { source }

    private mutating func materialize() {
        guard let source else { return }
        self.source = nil
        ownKeys = source.keys
        storage.reserveCapacity(source.count)
        for (k, v) in zip(source.keys, source.values) { storage[k] = Value(v) }
    }
}

/// A callable: a lambda with its closure, a built-in, or a partial application of either.
final class FunctionValue {
    enum Kind {
        case lambda(params: [String], signature: Signature?, body: Node, frame: Frame)
        case builtin(Builtin)
        case partial(FunctionValue, [PartialArgument])
        /// `$f ~> $g`: applies `f`, then `g`.
        case composition(FunctionValue, FunctionValue)
        /// `| pattern | update, delete |`.
        case transform(pattern: Node, update: Node, delete: Node?, frame: Frame)
    }
    let kind: Kind
    init(_ kind: Kind) { self.kind = kind }

    /// How many arguments a higher-order function should pass.
    var arity: Int {
        switch kind {
        case .lambda(let params, _, _, _): params.count
        case .builtin(let b): b.signature.params.count
        case .partial(_, let args): args.filter { if case .placeholder = $0 { true } else { false } }.count
        case .composition(let f, _): f.arity
        case .transform: 1
        }
    }
}

/// An argument of a partial application: bound (possibly undefined) or a `?` placeholder.
enum PartialArgument {
    case value(Value?)
    case placeholder
}

/// A frame's variables: the few of a lambda call or block in a list (no hashing, one allocation), the many of the
/// library in a dictionary as well.
struct Bindings {
    private var entries: [(name: String, value: Value)] = []
    private var index: [String: Int]? = nil

    subscript(name: String) -> Value? {
        get {
            if let index { return index[name].map { entries[$0].value } }
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            let position = index != nil ? index![name] : entries.firstIndex { $0.name == name }
            if let position {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    if index != nil { reindex() }
                }
            } else if let newValue {
                entries.append((name, newValue))
                if index != nil {
                    index![name] = entries.count - 1
                } else if entries.count > 8 {
                    reindex()
                }
            }
        }
    }

    private mutating func reindex() {
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.name] = i }
        self.index = index
    }
}

/// A scope of variable bindings; lambdas capture the frame they were made in.
final class Frame {
    var bindings = Bindings()
    /// The caller's JSON bindings, converted on first use: an input that an expression never reads costs nothing.
    var pending: [String: JSON]? = nil
    /// In a path that uses `%`: the values the context was reached through, nearest first.
    var ancestors: [Value]? = nil
    let parent: Frame?
    init(parent: Frame?) { self.parent = parent }

    var nearestAncestors: [Value] {
        var frame: Frame? = self
        while let f = frame {
            if let a = f.ancestors { return a }
            frame = f.parent
        }
        return []
    }

    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let f = frame {
            if let v = f.bindings[name] { return v }
            if let json = f.pending?[name] {
                let v = Value(json)
                f.bindings[name] = v
                return v
            }
            frame = f.parent
        }
        return nil
    }
}

extension Value {
    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(Double(i))
        case .double(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(Value.init), [])
        case .object(let o): self = .object(ObjectValue(o))
        }
    }

    /// The JSON form; functions have none.
    var json: JSON? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d):
            if d.rounded() == d, abs(d) < 9_007_199_254_740_992 { return .int(Int(d)) }
            return .double(d)
        case .string(let s): return .string(s)
        case .array(let items, _): return .array(items.compactMap(\.json))
        case .object(let o):
            if let source = o.json, !source.values.contains(where: \.hasIntegralDouble) { return .object(source) }
            var object = JSONObject()
            for (k, v) in o.pairs { if let j = v.json { object[k] = j } }
            return .object(object)
        case .function: return nil
        }
    }

    var isArray: Bool { if case .array = self { true } else { false } }
    var isSequence: Bool { if case .array(_, let f) = self { f.contains(.sequence) } else { false } }

    /// The value as a list: arrays as their items, anything else as one item.
    var items: [Value] { if case .array(let a, _) = self { a } else { [self] } }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .function: "function"
        }
    }

    /// The signature symbol JSONata gives the value.
    var symbol: Character {
        switch self {
        case .null: "l"
        case .bool: "b"
        case .number: "n"
        case .string: "s"
        case .array: "a"
        case .object: "o"
        case .function: "f"
        }
    }
}

/// JSONata's deep equality (object key order does not matter).
func deepEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x, _), .array(let y, _)):
        return x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
    case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        for (k, v) in x.pairs {
            guard let w = y[k], deepEqual(v, w) else { return false }
        }
        return true
    case (.function(let x), .function(let y)): return x === y
    default: return false
    }
}

/// JSONata's truthiness; nil (undefined) is false.
func truthy(_ v: Value?) -> Bool {
    guard let v else { return false }
    switch v {
    case .null: return false
    case .bool(let b): return b
    case .number(let n): return n != 0
    case .string(let s): return !s.isEmpty
    case .array(let items, _):
        if items.count == 1 { return truthy(items[0]) }
        return items.contains { truthy($0) }
    case .object(let o): return o.count > 0
    case .function: return false
    }
}

extension JSON {
    /// Whether a number somewhere in the value is a whole `double`, which JSONata gives back as an integer (`3.0`
    /// is `3`), so that the value cannot be returned as it came in.
    var hasIntegralDouble: Bool {
        switch self {
        case .double(let d): return d.rounded() == d && abs(d) < 9_007_199_254_740_992
        case .array(let items): return items.contains(where: \.hasIntegralDouble)
        case .object(let o): return o.values.contains(where: \.hasIntegralDouble)
        default: return false
        }
    }
}
