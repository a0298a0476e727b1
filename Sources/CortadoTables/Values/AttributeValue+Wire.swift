import CortadoJSON

/// DynamoDB's JSON wire format: one key naming the type, e.g. `{"S":"x"}`, `{"N":"1"}`, `{"B":"<base64>"}`,
/// `{"M":{...}}`, `{"SS":[...]}`.
extension AttributeValue {
    /// Decodes a wire value with AWS's checks and messages.
    public init(wire: JSON) throws(TableError) {
        guard case .object(let object) = wire else {
            throw .serialization("Unexpected value type in payload: an AttributeValue must be an object")
        }
        var found: (String, JSON)? = nil
        for (key, value) in object where AttributeValue.typeDescriptors.contains(key) {
            // AWS's deserializer drops explicit nulls, so {"S": null, "N": "1"} is one value.
            if value.isNull { continue }
            if found != nil {
                throw .validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
            }
            found = (key, value)
        }
        guard let (type, value) = found else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        switch type {
        case "S": self = .string(try Self.string(value))
        case "N": self = .number(try DynamoNumber(parsing: try Self.string(value)))
        case "B": self = .binary(try Self.binary(value))
        case "BOOL":
            guard case .bool(let b) = value else { throw Self.mismatch }
            self = .bool(b)
        case "NULL":
            guard case .bool(let b) = value else { throw Self.mismatch }
            guard b else {
                throw .validation("One or more parameter values were invalid: Null attribute value types must have the value of true")
            }
            self = .null
        case "L":
            guard case .array(let elements) = value else { throw Self.mismatch }
            var list: [AttributeValue] = []
            list.reserveCapacity(elements.count)
            for element in elements { list.append(try AttributeValue(wire: element)) }
            self = .list(list)
        case "M":
            guard case .object(let members) = value else { throw Self.mismatch }
            var map: [String: AttributeValue] = [:]
            for (key, member) in members { map[key] = try AttributeValue(wire: member) }
            self = .map(map)
        case "SS":
            let texts = try Self.strings(value, setName: "string")
            try Self.checkDistinct(texts, texts)
            self = .stringSet(texts)
        case "NS":
            let texts = try Self.strings(value, setName: "number")
            var numbers: [DynamoNumber] = []
            for text in texts { numbers.append(try DynamoNumber(parsing: text)) }
            try Self.checkDistinct(numbers, texts)
            self = .numberSet(numbers)
        default:  // "BS"
            let texts = try Self.strings(value, setName: "binary")
            var blobs: [[UInt8]] = []
            for text in texts { blobs.append(try Self.binary(.string(text))) }
            try Self.checkDistinct(blobs, texts)
            self = .binarySet(blobs)
        }
    }

    /// The wire form: numbers as their canonical text, binaries in base64, map keys sorted.
    public var wire: JSON {
        switch self {
        case .string(let s): ["S": .string(s)]
        case .number(let n): ["N": .string(n.text)]
        case .binary(let b): ["B": .string(Base64.encode(b))]
        case .bool(let b): ["BOOL": .bool(b)]
        case .null: ["NULL": true]
        case .list(let l): ["L": .array(l.map(\.wire))]
        case .map(let m): ["M": ItemWire.encode(m)]
        case .stringSet(let s): ["SS": .array(s.map { .string($0) })]
        case .numberSet(let s): ["NS": .array(s.map { .string($0.text) })]
        case .binarySet(let s): ["BS": .array(s.map { .string(Base64.encode($0)) })]
        }
    }

    private static let mismatch = TableError.serialization("Unexpected value type in payload")

    private static func string(_ value: JSON) throws(TableError) -> String {
        guard case .string(let s) = value else { throw mismatch }
        return s
    }

    private static func binary(_ value: JSON) throws(TableError) -> [UInt8] {
        guard let bytes = Base64.decode(try string(value), requirePadding: true) else {
            throw .serialization("Base64 encoded value could not be decoded")
        }
        return bytes
    }

    private static func strings(_ value: JSON, setName: String) throws(TableError) -> [String] {
        guard case .array(let elements) = value else { throw mismatch }
        // AWS's message, with its article and double space.
        if elements.isEmpty { throw .validation("One or more parameter values were invalid: An \(setName) set  may not be empty") }
        var out: [String] = []
        for element in elements { out.append(try string(element)) }
        return out
    }

    private static func checkDistinct<T: Hashable>(_ elements: [T], _ texts: [String]) throws(TableError) {
        if Set(elements).count != elements.count {
            throw .validation(
                "One or more parameter values were invalid: Input collection [\(texts.joined(separator: ", "))] contains duplicates.")
        }
    }
}

/// Items in the wire format: an object of attribute names to wire values.
public enum ItemWire {
    public static func decode(_ json: JSON) throws(TableError) -> Item {
        guard case .object(let object) = json else { throw .serialization("Unexpected value type in payload: an item must be an object") }
        var item: Item = [:]
        for (name, value) in object { item[name] = try AttributeValue(wire: value) }
        return item
    }

    /// Encodes with attribute names sorted (by UTF-8 bytes), so that output is deterministic.
    public static func encode(_ item: Item) -> JSON {
        var object = JSONObject(minimumCapacity: item.count)
        for name in item.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            object.append(name, item[name]!.wire)
        }
        return .object(object)
    }
}
