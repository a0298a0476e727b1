/// The `ExpressionAttributeNames` and `ExpressionAttributeValues` of one request, and which of them the
/// request's expressions used.
public struct ExpressionAttributes: Sendable {
    public var names: [String: String]?
    public var values: [String: AttributeValue]?
    private(set) var usedNames: Set<String> = []
    private(set) var usedValues: Set<String> = []

    public init(names: [String: String]?, values: [String: AttributeValue]?) {
        self.names = names
        self.values = values
    }

    /// AWS's checks of the maps themselves, before any expression is parsed: not empty when given, keys
    /// spelled `#name` and `:value`.
    public func validate() throws(TableError) {
        if let names {
            if names.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
            for key in names.keys.sorted() where !Self.isPlaceholder(key, prefix: UInt8(ascii: "#")) {
                throw .validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
        if let values {
            if values.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
            for key in values.keys.sorted() where !Self.isPlaceholder(key, prefix: UInt8(ascii: ":")) {
                throw .validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
    }

    /// AWS's check after all of a request's expressions are parsed: every name and value was used.
    public func checkAllUsed() throws(TableError) {
        let unusedNames = (names ?? [:]).keys.filter { !usedNames.contains($0) }.sorted()
        if !unusedNames.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.joined(separator: ", "))}")
        }
        let unusedValues = (values ?? [:]).keys.filter { !usedValues.contains($0) }.sorted()
        if !unusedValues.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.joined(separator: ", "))}")
        }
    }

    /// The attribute name a `#name` placeholder stands for, marking it used.
    mutating func name(_ placeholder: String) -> String? {
        guard let name = names?[placeholder] else { return nil }
        usedNames.insert(placeholder)
        return name
    }

    /// The value a `:value` placeholder stands for, marking it used.
    mutating func value(_ placeholder: String) -> AttributeValue? {
        guard let value = values?[placeholder] else { return nil }
        usedValues.insert(placeholder)
        return value
    }

    private static func isPlaceholder(_ key: String, prefix: UInt8) -> Bool {
        let bytes = Array(key.utf8)
        return bytes.count > 1 && bytes[0] == prefix && bytes.dropFirst().allSatisfy(ExpressionLexer.isWordByte)
    }
}
