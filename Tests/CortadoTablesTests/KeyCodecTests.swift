import CortadoTables
import Testing

/// Key bytes sort as DynamoDB sorts key values, and a sort-key condition is exactly a byte range.
@Suite struct KeyCodecTests {
    static func number(_ text: String) throws -> AttributeValue { .number(try DynamoNumber(parsing: text)) }

    static func lexicallyOrdered(_ values: [AttributeValue]) -> Bool {
        let bytes = values.map(KeyCodec.component)
        return zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
    }

    @Test func numbersSortNumerically() throws {
        let values = try ["-1e10", "-100", "-2.5", "-2", "-0.001", "0", "0.001", "0.5", "1", "1.5", "2", "10", "100", "1e10"].map(
            Self.number)
        #expect(Self.lexicallyOrdered(values))
    }

    @Test func stringsAndBinariesSortByBytesWithZeroBytes() {
        let strings: [AttributeValue] = ["", "a", "a\u{0}", "a\u{0}b", "a\u{1}", "ab", "b", "é"].map { .string($0) }
        #expect(Self.lexicallyOrdered(strings.dropFirst().map { $0 }))
        let binaries: [AttributeValue] = [[0x00], [0x00, 0x00], [0x00, 0xFF], [0x01], [0xFF], [0xFF, 0xFF]].map { .binary($0) }
        #expect(Self.lexicallyOrdered(binaries))
    }

    /// Whether an encoded first component (with whatever follows it) falls in the range.
    static func admits(_ range: SortRange, _ value: AttributeValue, suffix: [UInt8] = [0x42, 0x00, 0x01]) -> Bool {
        let bytes = KeyCodec.component(value) + suffix
        if let lower = range.lower {
            if lower.inclusive ? bytes.lexicographicallyPrecedes(lower.bytes) : !lower.bytes.lexicographicallyPrecedes(bytes) {
                return false
            }
        }
        if let upper = range.upper {
            if upper.inclusive ? upper.bytes.lexicographicallyPrecedes(bytes) : !bytes.lexicographicallyPrecedes(upper.bytes) {
                return false
            }
        }
        return true
    }

    @Test func conditionsAreByteRangesEvenWithIndexSuffixes() throws {
        let values = try ["-3", "-1", "0", "1", "2", "2.5", "3", "30"].map(Self.number)
        let two = try Self.number("2")
        let three = try Self.number("3")
        func chosen(_ condition: SortKeyCondition) -> [AttributeValue] {
            values.filter { Self.admits(SortRange(condition), $0) && Self.admits(SortRange(condition), $0, suffix: []) }
        }
        #expect(chosen(.equal(two)) == [two])
        #expect(chosen(.less(two)) == Array(values[0..<4]))
        #expect(chosen(.lessOrEqual(two)) == Array(values[0..<5]))
        #expect(chosen(.greater(two)) == Array(values[5...]))
        #expect(chosen(.greaterOrEqual(two)) == Array(values[4...]))
        #expect(chosen(.between(two, three)) == [two, try Self.number("2.5"), three])
    }

    @Test func beginsWithIsAPrefixRange() {
        let values: [AttributeValue] = ["item", "item#", "item#0", "item#0\u{0}", "item#9", "item$", "itex"].map { .string($0) }
        let range = SortRange(.beginsWith(.string("item#")))
        #expect(values.filter { Self.admits(range, $0) } == ["item#", "item#0", "item#0\u{0}", "item#9"].map { .string($0) })
        #expect(KeyCodec.successor(ofPrefix: [0x01, 0xFF, 0xFF]) == [0x02])
        #expect(KeyCodec.successor(ofPrefix: [0xFF]) == nil)
    }
}
