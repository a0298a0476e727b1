/// An order-preserving byte encoding: comparing two encodings with memcmp orders the numbers.
///
/// Layout: a sign byte (0x40 negative, 0x80 zero, 0xC0 positive); then the leading digit's power of ten
/// plus 130 (0...255, one byte); then one byte per significant digit (digit + 1) and a 0x00 terminator, so a
/// shorter digit string sorts first. Negative numbers invert the exponent and digit bytes and end in 0xFF.
extension DynamoNumber {
    public var sortableBytes: [UInt8] {
        if isZero { return [0x80] }
        let biasedExponent = UInt8(scientificExponent - Self.minScientificExponent)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + 3)
        if isNegative {
            out.append(0x40)
            out.append(255 - biasedExponent)
            for d in digits { out.append(10 - d) }
            out.append(0xFF)
        } else {
            out.append(0xC0)
            out.append(biasedExponent)
            for d in digits { out.append(d + 1) }
            out.append(0x00)
        }
        return out
    }
}
