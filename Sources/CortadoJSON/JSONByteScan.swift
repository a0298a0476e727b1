/// Eight bytes at a time: whether a run of string bytes holds anything JSON text must escape, so that the
/// parser and the printer skip plain text a word at a time instead of a byte at a time.
enum JSONByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes at `offset` is a quote, a backslash or a control character (below
    /// 0x20). The caller checks that eight bytes are there.
    @inline(__always)
    static func needsAttention(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let word = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        // A byte is zero, or below 0x20, when subtracting borrows into its high bit while its own high
        // bit was clear (the classic "has zero byte" test; exact as to whether any byte matches).
        let found =
            ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
        return found & highBits != 0
    }
}

extension JSONByteScan {
    /// The offset (0–7) of the first of the eight bytes at `bytes` that is a quote, a backslash or a
    /// control character, or 8 if none is. The lowest flagged byte of these tests is exact: a false flag
    /// can only come from a borrow out of a lower byte, which is then flagged itself.
    @inline(__always)
    static func firstAttention(_ bytes: UnsafePointer<UInt8>) -> Int {
        // In little-endian order, so that the first byte is the lowest and borrows run towards later ones.
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let found =
            ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
        return (found & highBits).trailingZeroBitCount >> 3
    }

    /// The number of ASCII digits (0–8) the eight bytes at `bytes` start with. Adding 0x76 to a byte
    /// minus 0x30 sets its high bit unless it was a digit; a carry out of a byte only comes from one
    /// with its high bit already set, so the count is exact.
    @inline(__always)
    static func leadingDigits(_ bytes: UnsafePointer<UInt8>) -> Int {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
        let x = word ^ (ones &* 0x30)
        let notDigit = ((x &+ ones &* 0x76) | x) & highBits
        return notDigit.trailingZeroBitCount >> 3
    }
}
