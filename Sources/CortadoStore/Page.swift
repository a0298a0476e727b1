/// One page of a list, and the token for the next one (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextToken: String?

    public init(items: [Item], nextToken: String?) {
        self.items = items
        self.nextToken = nextToken
    }
}

extension Page: Equatable where Item: Equatable {}

/// Keyset cursors as opaque page tokens: a list name and the sort key of the last item, hex-encoded.
/// Stores share it so that every backend issues and checks tokens the same way.
public enum PageToken {
    private static let separator: UInt8 = 0x1F

    /// The token that resumes `list` after the item whose sort key is `key`.
    public static func make(_ list: String, _ key: [String]) -> String {
        var bytes = Array(list.utf8)
        for part in key {
            bytes.append(separator)
            bytes.append(contentsOf: part.utf8)
        }
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The sort key a token of `list` carries, which must have `count` parts.
    public static func key(_ token: String, list: String, count: Int) throws(StoreError) -> [String] {
        let invalid = StoreError(.invalidPageToken, "the page token is not one this store issued for \(list)")
        let hex = Array(token.utf8)
        guard hex.count % 2 == 0, !hex.isEmpty else { throw invalid }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        var i = 0
        while i < hex.count {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { throw invalid }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == count + 1, parts[0] == list else { throw invalid }
        return Array(parts.dropFirst())
    }

    /// A token's sort key made of one integer.
    public static func integerKey(_ token: String, list: String) throws(StoreError) -> Int64 {
        guard let v = Int64(try key(token, list: list, count: 1)[0]) else {
            throw StoreError(.invalidPageToken, "the page token is not one this store issued for \(list)")
        }
        return v
    }
}
