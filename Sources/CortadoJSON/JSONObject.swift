/// A JSON object that keeps its members in insertion order, as AWS prints them.
///
/// Small objects are searched linearly; past `indexThreshold` members a hash index is kept so that
/// lookups stay O(1) for large payloads.
public struct JSONObject: Sendable {
    public private(set) var keys: [String]
    public private(set) var values: [JSON]
    private var index: [String: Int]?

    static let indexThreshold = 12

    public init() {
        keys = []
        values = []
    }

    public init(minimumCapacity: Int) {
        keys = []
        values = []
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// An object of members whose keys are known to be distinct (the parser checks for duplicates itself).
    init(distinctKeys keys: [String], values: [JSON]) {
        self.keys = keys
        self.values = values
        if keys.count > Self.indexThreshold { buildIndex() }
    }

    private init(keys: [String], values: [JSON], index: [String: Int]?) {
        self.keys = keys
        self.values = values
        self.index = index
    }

    /// An object of members in order where a repeated key keeps its first position and its last value, as
    /// setting the members one by one through the subscript would.
    init(keys: [String], values: [JSON]) {
        if keys.count <= Self.indexThreshold {
            var repeated = false
            for i in keys.indices.dropFirst() where !repeated {
                for j in 0..<i where keys[j] == keys[i] { repeated = true }
            }
            if !repeated {
                self.init(distinctKeys: keys, values: values)
                return
            }
        } else {
            var index = [String: Int](minimumCapacity: keys.count)
            var repeated = false
            for (i, key) in keys.enumerated() where index.updateValue(i, forKey: key) != nil { repeated = true }
            if !repeated {
                self.init(keys: keys, values: values, index: index)
                return
            }
        }
        self.init(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in keys.indices where keys[i] == key { return i }
        return nil
    }

    public subscript(key: String) -> JSON? {
        get {
            guard let i = position(of: key) else { return nil }
            return values[i]
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    values[i] = newValue
                } else {
                    remove(at: i)
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends a member whose key is known not to be present (the parser and builders use it).
    public mutating func append(_ key: String, _ value: JSON) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index![key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            buildIndex()
        }
    }

    public mutating func removeValue(forKey key: String) {
        if let i = position(of: key) { remove(at: i) }
    }

    private mutating func remove(at i: Int) {
        keys.remove(at: i)
        values.remove(at: i)
        if index != nil {
            if keys.count > Self.indexThreshold { buildIndex() } else { index = nil }
        }
    }

    private mutating func buildIndex() {
        var d = [String: Int](minimumCapacity: keys.count * 2)
        for (i, k) in keys.enumerated() { d[k] = i }
        index = d
    }
}

extension JSONObject: Sequence {
    public struct Iterator: IteratorProtocol {
        var i = 0
        let object: JSONObject
        public mutating func next() -> (key: String, value: JSON)? {
            guard i < object.keys.count else { return nil }
            defer { i += 1 }
            return (object.keys[i], object.values[i])
        }
    }
    public func makeIterator() -> Iterator { Iterator(object: self) }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in lhs.keys.indices {
            guard let v = rhs[lhs.keys[i]], v == lhs.values[i] else { return false }
        }
        return true
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init()
        for (k, v) in elements { self[k] = v }
    }
}
