/// One DynamoDB attribute value, in the ten types of DynamoDB's data model.
///
/// Sets keep their elements in the order they arrived (DynamoDB does not promise an order), and compare
/// equal regardless of it.
public enum AttributeValue: Sendable {
    case string(String)
    case number(DynamoNumber)
    case binary([UInt8])
    case bool(Bool)
    case null
    case list([AttributeValue])
    case map([String: AttributeValue])
    case stringSet([String])
    case numberSet([DynamoNumber])
    case binarySet([[UInt8]])

    /// The type's name in the wire format and in `attribute_type`: `S`, `N`, `B`, `BOOL`, `NULL`, `L`, `M`, `SS`, `NS`, `BS`.
    public var typeDescriptor: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .binary: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .list: "L"
        case .map: "M"
        case .stringSet: "SS"
        case .numberSet: "NS"
        case .binarySet: "BS"
        }
    }

    /// Every type descriptor, for `attribute_type`'s check of its argument.
    static let typeDescriptors: Set<String> = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"]
}

/// An item: attribute names and their values.
public typealias Item = [String: AttributeValue]

extension AttributeValue: Hashable {
    /// DynamoDB's equality: strings and binaries byte for byte, numbers by value, sets regardless of order.
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)): a == b
        case (.binary(let a), .binary(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)): a == b
        case (.stringSet(let a), .stringSet(let b)): a.count == b.count && Set(a.map { Array($0.utf8) }) == Set(b.map { Array($0.utf8) })
        case (.numberSet(let a), .numberSet(let b)): a.count == b.count && Set(a) == Set(b)
        case (.binarySet(let a), .binarySet(let b)): a.count == b.count && Set(a) == Set(b)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeDescriptor)
        switch self {
        case .string(let s): hasher.combine(Array(s.utf8))
        case .number(let n): hasher.combine(n)
        case .binary(let b): hasher.combine(b)
        case .bool(let b): hasher.combine(b)
        case .null: break
        case .list(let l): hasher.combine(l)
        case .map(let m): hasher.combine(m)
        // Order-independent: the sum of the elements' hashes.
        case .stringSet(let s): hasher.combine(s.reduce(0) { $0 &+ Array($1.utf8).hashValue })
        case .numberSet(let s): hasher.combine(s.reduce(0) { $0 &+ $1.hashValue })
        case .binarySet(let s): hasher.combine(s.reduce(0) { $0 &+ $1.hashValue })
        }
    }
}
