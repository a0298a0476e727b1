/// Key values as byte strings that sort as DynamoDB sorts them, for an ordered byte store.
///
/// A value's raw bytes are its UTF-8 (S), its bytes (B) or `DynamoNumber.sortableBytes` (N). Keys made of
/// several values (an index entry: the index's keys, then the table's) join them as components: each
/// raw value with `0x00` escaped as `0x00 0xFF`, ended by `0x00 0x01`. That keeps the order of the first
/// component and makes every component prefix-free, so a range on the first component is a byte range.
public enum KeyCodec {
    public static func raw(_ value: AttributeValue) -> [UInt8] {
        switch value {
        case .string(let s): Array(s.utf8)
        case .binary(let b): b
        case .number(let n): n.sortableBytes
        default: []
        }
    }

    public static func escaped(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 2)
        for byte in raw {
            out.append(byte)
            if byte == 0 { out.append(0xFF) }
        }
        return out
    }

    public static func component(_ value: AttributeValue) -> [UInt8] {
        escaped(raw(value)) + [0x00, 0x01]
    }

    /// The first byte string greater than every string that starts with `prefix`, or nil if none is.
    public static func successor(ofPrefix prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

/// A sort-key range as byte bounds over the first key component; nil ends are open.
public struct SortRange: Sendable, Equatable {
    public var lower: (bytes: [UInt8], inclusive: Bool)?
    public var upper: (bytes: [UInt8], inclusive: Bool)?

    public init(_ condition: SortKeyCondition?) {
        guard let condition else { return }
        func at(_ v: AttributeValue) -> [UInt8] { KeyCodec.escaped(KeyCodec.raw(v)) + [0x00, 0x01] }
        func past(_ v: AttributeValue) -> [UInt8] { KeyCodec.escaped(KeyCodec.raw(v)) + [0x00, 0x02] }
        switch condition {
        case .equal(let v): lower = (at(v), true); upper = (past(v), false)
        case .less(let v): upper = (at(v), false)
        case .lessOrEqual(let v): upper = (past(v), false)
        case .greater(let v): lower = (past(v), true)
        case .greaterOrEqual(let v): lower = (at(v), true)
        case .between(let lo, let hi): lower = (at(lo), true); upper = (past(hi), false)
        case .beginsWith(let p):
            let prefix = KeyCodec.escaped(KeyCodec.raw(p))
            lower = (prefix, true)
            upper = KeyCodec.successor(ofPrefix: prefix).map { ($0, false) }
        }
    }

    public static func == (a: SortRange, b: SortRange) -> Bool {
        a.lower?.bytes == b.lower?.bytes && a.lower?.inclusive == b.lower?.inclusive && a.upper?.bytes == b.upper?.bytes
            && a.upper?.inclusive == b.upper?.inclusive
    }
}
