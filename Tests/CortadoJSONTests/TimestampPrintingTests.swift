import Testing

@testable import CortadoJSON

/// History timestamps are epoch milliseconds printed as seconds, Java style; the printer has a fast path
/// for them that must agree with the general one.
@Suite struct TimestampPrintingTests {
    @Test func millisecondTimestampsPrintAsJavaDoes() {
        #expect(JSON.double(1_795_275_379.123).text == "1.795275379123E9")
        #expect(JSON.double(1_795_275_379).text == "1.795275379E9")
        #expect(JSON.double(1_795_275_379.1).text == "1.7952753791E9")
        #expect(JSON.double(-1_795_275_379.5).text == "-1.7952753795E9")
        #expect(JSON.double(123.456).text == "123.456")
        #expect(JSON.double(2.5).text == "2.5")
    }

    @Test func fastPathAgreesWithTheGeneralDigits() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let ms = Int64.random(in: 1_000...999_999_999_999_999, using: &generator)
            let value = Double(ms) / 1000
            let (digits, exponent) = JSONPrinter.slowDigits(value)
            #expect(JSONPrinter.formatDouble(value) == JSONPrinter.compose(value, digits: digits, exponent: exponent), "\(ms)")
        }
    }
}
