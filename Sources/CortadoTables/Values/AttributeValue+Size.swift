/// DynamoDB's item-size accounting (the 400 KB item limit, capacity units).
///
/// Strings and binaries count their bytes, numbers about one byte per two significant digits plus one,
/// booleans and nulls one byte, lists and maps three bytes plus one per element (map elements also count
/// their names), sets the sum of their elements.
extension AttributeValue {
    public var size: Int {
        switch self {
        case .string(let s): s.utf8.count
        case .number(let n): Self.numberSize(n)
        case .binary(let b): b.count
        case .bool, .null: 1
        case .list(let l): 3 + l.reduce(0) { $0 + 1 + $1.size }
        case .map(let m): 3 + m.reduce(0) { $0 + 1 + $1.key.utf8.count + $1.value.size }
        case .stringSet(let s): s.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let s): s.reduce(0) { $0 + Self.numberSize($1) }
        case .binarySet(let s): s.reduce(0) { $0 + $1.count }
        }
    }

    static func numberSize(_ n: DynamoNumber) -> Int {
        (n.significantDigits + 1) / 2 + 1 + (n.isNegative ? 1 : 0)
    }
}

/// The size DynamoDB counts for an item: each attribute's name in UTF-8 bytes plus its value's size.
public func itemSize(_ item: Item) -> Int {
    item.reduce(0) { $0 + $1.key.utf8.count + $1.value.size }
}
