/// An inclusive range of IPv4 or IPv6 addresses, as `cidr` patterns (and exact strings that are IP
/// addresses) match them. A CIDR's range runs from its network address to the address with every host
/// bit set (event-ruler 2.x: `220.160.153.171/31` holds `.170`).
public struct IPRange: Sendable, Hashable {
    public let low: [UInt8]
    public let high: [UInt8]

    /// The single address `text`, if it is an IP address literal.
    public static func address(_ text: String) -> IPRange? {
        guard let bytes = parse(text) else { return nil }
        return IPRange(low: bytes, high: bytes)
    }

    /// Parses `a.b.c.d/n` or `v6/n`, with event-ruler's messages.
    public static func cidr(_ text: String) throws(EventsError) -> IPRange {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        // Java's split drops trailing empty strings, so "10.0.0.0/" has one part.
        let kept = parts.count == 2 && parts[1].isEmpty ? [parts[0]] : parts
        guard kept.count == 2 else { throw EventsError("Malformed CIDR, one '/' required") }
        guard let bits = Int(kept[1]) else { throw EventsError("Malformed CIDR, mask bits must be an integer") }
        if bits < 0 { throw EventsError("Malformed CIDR, mask bits must not be negative") }
        let ip = String(kept[0])
        guard looksLikeIP(ip) else { throw EventsError("Nonstandard IP address: \(ip)") }
        guard let base = parse(ip) else { throw EventsError("Invalid IP address: \(ip)") }
        if base.count == 4, bits > 31 { throw EventsError("IPv4 mask bits must be < 32") }
        if base.count == 16, bits > 127 { throw EventsError("IPv6 mask bits must be < 128") }
        var low = base
        var top = base
        var host = base.count * 8 - bits
        for i in stride(from: top.count - 1, through: 0, by: -1) {
            if host >= 8 {
                low[i] = 0
                top[i] = 0xFF
            } else if host > 0 {
                let hostBits = UInt8((1 << host) - 1)
                low[i] &= ~hostBits
                top[i] |= hostBits
            }
            host -= 8
        }
        return IPRange(low: low, high: top)
    }

    /// Whether the leaf string `text` is an address in the range.
    public func contains(_ text: String) -> Bool {
        guard let ip = Self.parse(text), ip.count == low.count else { return false }
        return !ip.lexicographicallyPrecedes(low) && !high.lexicographicallyPrecedes(ip)
    }

    /// What `parse` makes of `bytes`, without allocating for the common cases: nil if they are not an
    /// address, the IPv4 address as a number, or (with a colon) `parse`'s answer for the text.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> ParsedAddress? {
        var value: UInt32 = 0
        var part = 0
        var digits = 0
        var parts = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                // Four runs of 1–10 digits (leading zeros allowed), each at most 255, as `parse` reads them.
                guard digits > 0, digits <= 10, part <= 255, parts < 3 else { return nil }
                value = value << 8 | UInt32(part)
                parts += 1
                part = 0
                digits = 0
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
                if part <= 255 { part = part * 10 + Int(b - UInt8(ascii: "0")) }
            } else {
                // Not dotted decimal: an IPv6 address if it has a colon (`parse` decides), else nothing.
                guard bytes.contains(UInt8(ascii: ":")) else { return nil }
                return parse(String(decoding: bytes, as: UTF8.self)).map { .other($0) }
            }
        }
        guard digits > 0, digits <= 10, part <= 255, parts == 3 else { return nil }
        return .v4(value << 8 | UInt32(part))
    }

    enum ParsedAddress {
        case v4(UInt32)
        case other([UInt8])
    }

    /// The shapes event-ruler tries as addresses: four dotted decimal runs, or hex digits and colons.
    static func looksLikeIP(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard !u.isEmpty else { return false }
        if u.contains(UInt8(ascii: ":")) {
            return u.allSatisfy { isHex($0) || $0 == UInt8(ascii: ":") }
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// The address's bytes (4 or 16), or nil if `s` is not an IP address literal.
    static func parse(_ s: String) -> [UInt8]? {
        guard looksLikeIP(s) else { return nil }
        if !s.contains(":") {
            var out: [UInt8] = []
            for part in s.split(separator: ".") {
                guard part.count <= 10, let v = Int(part), v <= 255 else { return nil }
                out.append(UInt8(v))
            }
            return out
        }
        return parseIPv6(s)
    }

    private static func parseIPv6(_ s: String) -> [UInt8]? {
        let halves = s.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
