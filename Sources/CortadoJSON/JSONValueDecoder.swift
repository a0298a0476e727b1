/// Decodes any `Decodable` from a `JSON` value, the inverse of `JSONValueEncoder`.
///
/// A `JSON` member is taken as the value found (not parsed from a string, as its own `Codable` conformance
/// does). Numbers decode exactly or not at all: an integer type accepts `.int` and integral `.double`s in
/// its range, a floating-point type accepts both. Errors are `DecodingError`s with the coding path of the
/// value, as with Foundation's decoder.
///
/// ```swift
/// var decoder = JSONValueDecoder()
/// decoder.userInfo[ExecutionState.stateMachineKey] = machine
/// let state = try decoder.decode(ExecutionState.self, from: JSON(parsing: bytes))
/// ```
public struct JSONValueDecoder: Sendable {
    /// Handed to every `init(from:)` as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// A value of `type` from `json`.
    public func decode<T: Decodable>(_ type: T.Type, from json: JSON) throws -> T {
        if T.self == JSON.self { return json as! T }
        return try T(from: ValueDecoder(value: json, codingPath: [], userInfo: userInfo))
    }
}

/// One decoder per top-level value: nested values are decoded by the same instance, which saves and restores
/// the value it stands on around each (no decoder allocated per value).
private final class ValueDecoder: Decoder {
    // Accesses never overlap (one thread, no access held across a call into user code), so the runtime's
    // exclusivity checks are left out.
    /// Grows and shrinks as values nest; containers remember their depth in it instead of copying it.
    @exclusivity(unchecked) var codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    /// The value being decoded at this level.
    @exclusivity(unchecked) var value: JSON
    /// Where the next key lookup in this level's object starts: members are usually decoded in the order they
    /// were encoded, so most lookups compare one key. Only a guess, checked before it is used.
    @exclusivity(unchecked) var hint = 0

    init(value: JSON, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let object = try objectValue(value, KeyedDecodingContainer<Key>.self, at: codingPath)
        return KeyedDecodingContainer(KeyedContainer(decoder: self, object: object, depth: codingPath.count, suffix: .empty))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let array = try arrayValue(value, at: codingPath)
        return UnkeyedContainer(decoder: self, array: array, depth: codingPath.count, suffix: .empty)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// A value of `type` from `json`, found in a container with nested keys `suffix` under `key`.
    func unwrap<T: Decodable>(_ json: JSON, as type: T.Type, suffix: CodingPathSuffix, key: some CodingKey) throws -> T {
        // The common leaves skip the round trip through `init(from:)` and a single value container.
        if T.self == JSON.self { return json as! T }
        switch json {
        case .string(let s) where T.self == String.self: return s as! T
        case .int(let i) where T.self == Int.self: return i as! T
        case .bool(let b) where T.self == Bool.self: return b as! T
        default: break
        }
        let depth = codingPath.count
        suffix.append(to: &codingPath)
        codingPath.append(key)
        let (savedValue, savedHint) = (value, hint)
        (value, hint) = (json, 0)
        defer {
            (value, hint) = (savedValue, savedHint)
            codingPath.removeSubrange(depth...)
        }
        return try T(from: self)
    }

    /// The coding path of a container made at `depth` with nested keys `suffix`.
    func path(_ depth: Int, _ suffix: CodingPathSuffix) -> [any CodingKey] {
        var path = Array(codingPath.prefix(depth))
        suffix.append(to: &path)
        return path
    }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(value, at: codingPath) }
    func decode(_ type: String.Type) throws -> String { try string(value, at: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try floatingPoint(value, as: type, at: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint(value, as: type, at: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try integer(value, as: type, at: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(value, as: type, at: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(value, as: type, at: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(value, as: type, at: codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSON.self { return value as! T }
        // Same level, same path: the value's containers read this level's value.
        return try T(from: self)
    }
}

// MARK: - Conversions

private func describe(_ json: JSON) -> String {
    switch json {
    case .null: "null"
    case .bool(let b): "bool \(b)"
    case .int(let i): "number \(i)"
    case .double(let d): "number \(d)"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
}

private func mismatch(_ type: Any.Type, _ json: JSON, at path: [any CodingKey]) -> DecodingError {
    if json.isNull {
        return DecodingError.valueNotFound(
            type, DecodingError.Context(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    }
    return DecodingError.typeMismatch(
        type, DecodingError.Context(codingPath: path, debugDescription: "Expected to decode \(type) but found \(describe(json)) instead."))
}

private func bool(_ json: JSON, at path: @autoclosure () -> [any CodingKey]) throws -> Bool {
    guard case .bool(let b) = json else { throw mismatch(Bool.self, json, at: path()) }
    return b
}

private func string(_ json: JSON, at path: @autoclosure () -> [any CodingKey]) throws -> String {
    guard case .string(let s) = json else { throw mismatch(String.self, json, at: path()) }
    return s
}

private func integer<I: FixedWidthInteger>(_ json: JSON, as type: I.Type, at path: @autoclosure () -> [any CodingKey]) throws -> I {
    switch json {
    case .int(let i):
        if let n = I(exactly: i) { return n }
    case .double(let d):
        if let n = I(exactly: d) { return n }
    default:
        throw mismatch(type, json, at: path())
    }
    throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: path(), debugDescription: "The JSON \(describe(json)) does not fit in \(I.self)."))
}

private func floatingPoint<F: BinaryFloatingPoint>(
    _ json: JSON, as type: F.Type, at path: @autoclosure () -> [any CodingKey]
) throws -> F {
    let n: F
    switch json {
    case .int(let i): n = F(i)
    case .double(let d): n = F(d)
    default: throw mismatch(type, json, at: path())
    }
    // A finite Double past Float's range becomes infinity: refuse it rather than change the value.
    guard n.isFinite else {
        throw DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: path(), debugDescription: "The JSON \(describe(json)) does not fit in \(F.self)."))
    }
    return n
}

private func objectValue(_ json: JSON, _ containerType: Any.Type, at path: @autoclosure () -> [any CodingKey]) throws -> JSONObject {
    switch json {
    case .object(let object): return object
    case .null:
        throw DecodingError.valueNotFound(
            containerType,
            DecodingError.Context(codingPath: path(), debugDescription: "Cannot get keyed decoding container -- found null value instead"))
    default:
        throw DecodingError.typeMismatch(
            [String: Any].self,
            DecodingError.Context(codingPath: path(), debugDescription: "Expected an object but found \(describe(json)) instead."))
    }
}

private func arrayValue(_ json: JSON, at path: @autoclosure () -> [any CodingKey]) throws -> [JSON] {
    switch json {
    case .array(let array): return array
    case .null:
        throw DecodingError.valueNotFound(
            (any UnkeyedDecodingContainer).self,
            DecodingError.Context(codingPath: path(), debugDescription: "Cannot get unkeyed decoding container -- found null value instead")
        )
    default:
        throw DecodingError.typeMismatch(
            [Any].self,
            DecodingError.Context(codingPath: path(), debugDescription: "Expected an array but found \(describe(json)) instead."))
    }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let object: JSONObject
    let depth: Int
    let suffix: CodingPathSuffix

    var codingPath: [any CodingKey] { decoder.path(depth, suffix) }

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { position(key.stringValue) != nil }

    private func position(_ name: String) -> Int? {
        let guess = decoder.hint
        if guess < object.count, object.keys[guess] == name {
            decoder.hint = guess + 1
            return guess
        }
        guard let i = object.position(of: name) else { return nil }
        decoder.hint = i + 1
        return i
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    private func value(_ key: Key) throws -> JSON {
        guard let i = position(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return object.values[i]
    }

    /// The member for `decodeIfPresent`: nil when it is missing or null, in one lookup.
    private func valueIfPresent(_ key: Key) -> JSON? {
        guard let i = position(key.stringValue) else { return nil }
        let json = object.values[i]
        return json.isNull ? nil : json
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(value(key), at: path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(value(key), at: path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try floatingPoint(value(key), as: type, at: path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try floatingPoint(value(key), as: type, at: path(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(value(key), as: type, at: path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(value(key), as: type, at: path(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unwrap(value(key), as: type, suffix: suffix, key: key)
    }

    // One lookup each, where the protocol's defaults make three (contains, decodeNil, decode).
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try valueIfPresent(key).map { try bool($0, at: path(key)) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try valueIfPresent(key).map { try string($0, at: path(key)) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try valueIfPresent(key).map { try floatingPoint($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try valueIfPresent(key).map { try floatingPoint($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try valueIfPresent(key).map { try integer($0, as: type, at: path(key)) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try valueIfPresent(key).map { try decoder.unwrap($0, as: type, suffix: suffix, key: key) }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let object = try objectValue(value(key), KeyedDecodingContainer<NestedKey>.self, at: path(key))
        return KeyedDecodingContainer(
            KeyedContainer<NestedKey>(decoder: decoder, object: object, depth: depth, suffix: suffix.appending(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let array = try arrayValue(value(key), at: path(key))
        return UnkeyedContainer(decoder: decoder, array: array, depth: depth, suffix: suffix.appending(key))
    }

    func superDecoder() throws -> any Decoder { superDecoder(JSONCodingKey.super) }
    func superDecoder(forKey key: Key) throws -> any Decoder { superDecoder(key) }

    /// A decoder of the member at `key`, or of null when there is none (as with Foundation).
    private func superDecoder(_ key: some CodingKey) -> any Decoder {
        let json = position(key.stringValue).map { object.values[$0] } ?? .null
        return ValueDecoder(value: json, codingPath: codingPath + [key], userInfo: decoder.userInfo)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let array: [JSON]
    let depth: Int
    let suffix: CodingPathSuffix
    private(set) var currentIndex = 0

    init(decoder: ValueDecoder, array: [JSON], depth: Int, suffix: CodingPathSuffix) {
        self.decoder = decoder
        self.array = array
        self.depth = depth
        self.suffix = suffix
    }

    var codingPath: [any CodingKey] { decoder.path(depth, suffix) }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private func path() -> [any CodingKey] { codingPath + [JSONCodingKey.index(currentIndex)] }

    /// The next element; the index moves on only once it is decoded, as with Foundation.
    private func peek(_ type: Any.Type) throws -> JSON {
        guard currentIndex < array.count else {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: path(), debugDescription: "Unkeyed container is at end."))
        }
        return array[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try peek(Never?.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try advance(bool(peek(type), at: path())) }
    mutating func decode(_ type: String.Type) throws -> String { try advance(string(peek(type), at: path())) }
    mutating func decode(_ type: Double.Type) throws -> Double { try advance(floatingPoint(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Float.Type) throws -> Float { try advance(floatingPoint(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try advance(integer(peek(type), as: type, at: path())) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try advance(integer(peek(type), as: type, at: path())) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try advance(decoder.unwrap(peek(type), as: type, suffix: suffix, key: JSONCodingKey.index(currentIndex)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let object = try objectValue(peek(KeyedDecodingContainer<NestedKey>.self), KeyedDecodingContainer<NestedKey>.self, at: path())
        let suffix = suffix.appending(JSONCodingKey.index(currentIndex))
        return advance(KeyedDecodingContainer(KeyedContainer<NestedKey>(decoder: decoder, object: object, depth: depth, suffix: suffix)))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let array = try arrayValue(peek((any UnkeyedDecodingContainer).self), at: path())
        let suffix = suffix.appending(JSONCodingKey.index(currentIndex))
        return advance(UnkeyedContainer(decoder: decoder, array: array, depth: depth, suffix: suffix))
    }

    mutating func superDecoder() throws -> any Decoder {
        try advance(ValueDecoder(value: peek((any Decoder).self), codingPath: path(), userInfo: decoder.userInfo))
    }

    /// Moves past the element just decoded (only once it decoded, as with Foundation).
    private mutating func advance<T>(_ decoded: T) -> T {
        currentIndex += 1
        return decoded
    }
}
