/// Encodes any `Encodable` into a `JSON` value, without going through text.
///
/// Object members keep the order they are encoded in. A `JSON` value met on the way is embedded as it is:
/// its own `Codable` conformance, which writes it as text so that any coder keeps it exact, is bypassed,
/// so payloads stay structured and `json.text` prints the whole document once. Integers stay `.int`.
/// What JSON text cannot carry is refused with `EncodingError.invalidValue`: non-finite numbers, and
/// unsigned integers past `Int.max`.
///
/// ```swift
/// let json = try JSONValueEncoder().encode(state)
/// let bytes = Array(json.text.utf8)
/// ```
public struct JSONValueEncoder: Sendable {
    /// Handed to every `encode(to:)` as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// The value as JSON.
    public func encode<T: Encodable>(_ value: T) throws -> JSON {
        if T.self == JSON.self { return value as! JSON }
        let encoder = ValueEncoder(userInfo: userInfo, codingPath: [])
        try value.encode(to: encoder)
        guard let node = encoder.current else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return node.take()
    }
}

/// One encoder per top-level value: nested values are encoded by the same instance, which saves and restores
/// what it has produced so far around each (no encoder allocated per value, as Foundation's does).
private final class ValueEncoder: Encoder {
    // Accesses never overlap (one thread, no access held across a call into user code), so the runtime's
    // exclusivity checks, a tenth of the encoding time, are left out.
    /// Grows and shrinks as values nest; containers remember their depth in it instead of copying it.
    @exclusivity(unchecked) var codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    /// What the value being encoded at this level has produced so far.
    @exclusivity(unchecked) var current: Node?

    init(userInfo: [CodingUserInfoKey: Any], codingPath: [any CodingKey]) {
        self.userInfo = userInfo
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer(encoder: self, box: topBox(isArray: false)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, box: topBox(isArray: true))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// The container of this level: asking twice for the same kind gives the same one, as Foundation does.
    private func topBox(isArray: Bool) -> ContainerBox {
        switch current {
        case nil:
            let box = ContainerBox(isArray: isArray, depth: codingPath.count, suffix: .empty)
            current = .box(box)
            return box
        case .box(let box)? where box.isArray == isArray:
            return box
        default:
            preconditionFailure(
                "Attempt to push a new \(isArray ? "unkeyed" : "keyed") container when a value was already encoded at this path.")
        }
    }

    /// The JSON of a value nested in `box` under `key`.
    func wrap<T: Encodable>(_ value: T, in box: ContainerBox, key: some CodingKey) throws -> JSON {
        // The common leaves skip the round trip through `encode(to:)` and a single value container.
        if T.self == JSON.self { return value as! JSON }
        if T.self == String.self { return .string(value as! String) }
        if T.self == Int.self { return .int(value as! Int) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Int64.self { return .int(Int(value as! Int64)) }
        let depth = codingPath.count
        box.suffix.append(to: &codingPath)
        codingPath.append(key)
        let saved = current
        current = nil
        defer {
            current = saved
            codingPath.removeSubrange(depth...)
        }
        try value.encode(to: self)
        // A value that asked for no container is an empty object, as with Foundation.
        return current?.take() ?? .object(JSONObject())
    }

    /// The coding path of a container made at `depth` with nested keys `suffix`.
    func path(_ depth: Int, _ suffix: CodingPathSuffix) -> [any CodingKey] {
        var path = Array(codingPath.prefix(depth))
        suffix.append(to: &path)
        return path
    }

    /// An encoder for `superEncoder()`: its own path, resolved when the container it is in is taken.
    func superEncoder(at path: [any CodingKey]) -> ValueEncoder {
        ValueEncoder(userInfo: userInfo, codingPath: path)
    }
}

extension ValueEncoder: SingleValueEncodingContainer {
    private func set(_ value: JSON) {
        precondition(current == nil, "Attempt to encode a value through a single value container when one was already encoded.")
        current = .value(value)
    }

    func encodeNil() throws { set(.null) }
    func encode(_ value: Bool) throws { set(.bool(value)) }
    func encode(_ value: String) throws { set(.string(value)) }
    func encode(_ value: Double) throws { set(try number(value, at: codingPath)) }
    func encode(_ value: Float) throws { set(try number(value, at: codingPath)) }
    func encode(_ value: Int) throws { set(.int(value)) }
    func encode(_ value: Int8) throws { set(.int(Int(value))) }
    func encode(_ value: Int16) throws { set(.int(Int(value))) }
    func encode(_ value: Int32) throws { set(.int(Int(value))) }
    func encode(_ value: Int64) throws { set(try integer(value, at: codingPath)) }
    func encode(_ value: UInt) throws { set(try integer(value, at: codingPath)) }
    func encode(_ value: UInt8) throws { set(.int(Int(value))) }
    func encode(_ value: UInt16) throws { set(.int(Int(value))) }
    func encode(_ value: UInt32) throws { set(try integer(value, at: codingPath)) }
    func encode(_ value: UInt64) throws { set(try integer(value, at: codingPath)) }

    func encode<T: Encodable>(_ value: T) throws {
        precondition(current == nil, "Attempt to encode a value through a single value container when one was already encoded.")
        if T.self == JSON.self {
            current = .value(value as! JSON)
            return
        }
        // Same level, same path: the value's containers become this level's.
        try value.encode(to: self)
        if current == nil { current = .value(.object(JSONObject())) }
    }
}

/// What an encoder or container slot holds until the top-level value is done: a finished value, a container
/// still open to writes, or a super encoder.
private enum Node {
    case value(JSON)
    case box(ContainerBox)
    case encoder(ValueEncoder)

    /// The finished JSON. Takes the containers' contents rather than copying them: nothing writes to a
    /// container once the value it belongs to is encoded.
    func take() -> JSON {
        switch self {
        case .value(let json): json
        case .box(let box): box.take()
        case .encoder(let encoder): encoder.current?.take() ?? .object(JSONObject())
        }
    }
}

/// The storage of one keyed or unkeyed container, shared by the copies of its container value.
///
/// Members are appended as they come and made a `JSONObject` once, at `take()`: no lookup or hash index
/// maintained per member.
private final class ContainerBox {
    let isArray: Bool
    /// The keys of a keyed container (a key encoded twice is resolved at `take()`, as Foundation does: the
    /// last value, in the first position).
    @exclusivity(unchecked) var keys: [String] = []
    /// The members of either kind of container.
    @exclusivity(unchecked) var values: [JSON] = []
    /// Nested containers and super encoders: a placeholder holds their place in `values` until `take()`,
    /// since they are written after they were made.
    @exclusivity(unchecked) var pending: [(key: String, index: Int, node: Node)] = []
    /// The length of the encoder's coding path when the container was made, and the keys of the containers
    /// it is nested in below that.
    let depth: Int
    let suffix: CodingPathSuffix

    init(isArray: Bool, depth: Int, suffix: CodingPathSuffix) {
        self.isArray = isArray
        self.depth = depth
        self.suffix = suffix
    }

    var count: Int { values.count }

    func set(_ key: String, _ value: JSON) {
        // A value encoded after a nested container for the same key replaces it.
        if !pending.isEmpty { pending.removeAll { $0.key == key } }
        keys.append(key)
        values.append(value)
    }

    func append(_ value: JSON) { values.append(value) }

    /// A placeholder member for `node`, in the order it was made.
    func setPending(_ key: String, _ node: Node) {
        set(key, .null)
        pending.append((key, values.count - 1, node))
    }

    func appendPending(_ node: Node) {
        pending.append(("", values.count, node))
        values.append(.null)
    }

    /// The nested container at `key`: the existing one if it was asked for before, as with Foundation.
    func nested(_ key: some CodingKey, isArray: Bool) -> ContainerBox {
        let name = key.stringValue
        for p in pending where p.key == name {
            if case .box(let box) = p.node, box.isArray == isArray { return box }
        }
        let box = ContainerBox(isArray: isArray, depth: depth, suffix: suffix.appending(key))
        setPending(name, .box(box))
        return box
    }

    func nestedInArray(isArray: Bool) -> ContainerBox {
        let box = ContainerBox(isArray: isArray, depth: depth, suffix: suffix.appending(JSONCodingKey.index(values.count)))
        appendPending(.box(box))
        return box
    }

    func take() -> JSON {
        let pending = self.pending
        var values = self.values
        self.pending = []
        self.values = []
        for p in pending { values[p.index] = p.node.take() }
        if isArray { return .array(values) }
        let keys = self.keys
        self.keys = []
        return .object(JSONObject(keys: keys, values: values))
    }
}

private func number<F: BinaryFloatingPoint>(_ value: F, at path: @autoclosure () -> [any CodingKey]) throws -> JSON {
    guard value.isFinite else {
        throw EncodingError.invalidValue(
            value, EncodingError.Context(codingPath: path(), debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
    }
    return .double(Double(value))
}

private func integer<I: BinaryInteger>(_ value: I, at path: @autoclosure () -> [any CodingKey]) throws -> JSON {
    guard let i = Int(exactly: value) else {
        throw EncodingError.invalidValue(
            value, EncodingError.Context(codingPath: path(), debugDescription: "\(I.self) \(value) does not fit in a 64-bit JSON integer."))
    }
    return .int(i)
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    let box: ContainerBox

    var codingPath: [any CodingKey] { encoder.path(box.depth, box.suffix) }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try number(value, at: path(key))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { box.set(key.stringValue, try number(value, at: path(key))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.set(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.set(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.set(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.set(key.stringValue, try integer(value, at: path(key))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.set(key.stringValue, try integer(value, at: path(key))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.set(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.set(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.set(key.stringValue, try integer(value, at: path(key))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.set(key.stringValue, try integer(value, at: path(key))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try encoder.wrap(value, in: box, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: box.nested(key, isArray: false)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: encoder, box: box.nested(key, isArray: true))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(JSONCodingKey.super) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key) }

    private func superEncoder(_ key: some CodingKey) -> any Encoder {
        let sub = encoder.superEncoder(at: codingPath + [key])
        box.setPending(key.stringValue, .encoder(sub))
        return sub
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    let box: ContainerBox

    var codingPath: [any CodingKey] { encoder.path(box.depth, box.suffix) }
    var count: Int { box.count }

    private func path() -> [any CodingKey] { codingPath + [JSONCodingKey.index(count)] }

    mutating func encodeNil() throws { box.append(.null) }
    mutating func encode(_ value: Bool) throws { box.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.append(try number(value, at: path())) }
    mutating func encode(_ value: Float) throws { box.append(try number(value, at: path())) }
    mutating func encode(_ value: Int) throws { box.append(.int(value)) }
    mutating func encode(_ value: Int8) throws { box.append(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { box.append(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { box.append(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { box.append(try integer(value, at: path())) }
    mutating func encode(_ value: UInt) throws { box.append(try integer(value, at: path())) }
    mutating func encode(_ value: UInt8) throws { box.append(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { box.append(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { box.append(try integer(value, at: path())) }
    mutating func encode(_ value: UInt64) throws { box.append(try integer(value, at: path())) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let json = try encoder.wrap(value, in: box, key: JSONCodingKey.index(count))
        box.append(json)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: box.nestedInArray(isArray: false)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: encoder, box: box.nestedInArray(isArray: true))
    }

    mutating func superEncoder() -> any Encoder {
        let sub = encoder.superEncoder(at: path())
        box.appendPending(.encoder(sub))
        return sub
    }
}
