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
