import Testing

@testable import CortadoTables

@Suite struct DynamoNumberTests {
    func number(_ text: String) throws -> DynamoNumber { try DynamoNumber(parsing: text) }

    func error(_ text: String) -> String? {
        do {
            _ = try DynamoNumber(parsing: text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        ("1.50", "1.5"), ("0100", "100"), ("1e3", "1000"), ("-0", "0"), ("0.0", "0"), ("+7", "7"), ("1E-5", "0.00001"),
        ("-12.340e1", "-123.4"), (".5", "0.5"), ("5.", "5"),
        ("123456789012345678901234567890.12345678", "123456789012345678901234567890.12345678"),
        ("1E+125", "1" + String(repeating: "0", count: 125)), ("1E-130", "0." + String(repeating: "0", count: 129) + "1"),
    ])
    func canonicalText(_ input: String, _ expected: String) throws {
        #expect(try number(input).text == expected)
    }

    @Test func badNumbersAreRejectedWithAWSMessages() {
        for text in ["", "abc", "1.2.3", "1e", "--1", "NaN", "Infinity", " 1", "0x10", "1e+"] {
            #expect(error(text) == "A value provided cannot be converted into a number", "\(text)")
        }
        #expect(error("1" + String(repeating: "1", count: 38)) == "Attempting to store more than 38 significant digits in a Number")
        // Trailing and leading zeros are not significant.
        #expect(error("000" + String(repeating: "1", count: 38) + "000") == nil)
        #expect(error("1E126") == "Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(error("9.9999999999999999999999999999999999999E+125") == nil)
        #expect(error("1E-131") == "Number underflow. Attempting to store a number with magnitude smaller than supported range")
        #expect(error("0E-500") == nil)
    }

    @Test func equalValuesAreEqualWhateverTheirSpelling() throws {
        #expect(try number("1.50") == number("15e-1"))
        #expect(try Set([number("1"), number("1.0"), number("10E-1")]).count == 1)
    }

    @Test func orderIsNumeric() throws {
        let sorted = [
            "-1E125", "-100", "-10", "-9.99", "-1", "-0.5", "-1E-130", "0", "1E-130", "0.001", "0.5", "1", "1.01", "9", "10", "11", "100",
            "1E125",
        ]
        let numbers = try sorted.map(number)
        for i in 0..<numbers.count {
            for j in 0..<numbers.count {
                #expect((numbers[i] < numbers[j]) == (i < j), "\(sorted[i]) < \(sorted[j])")
                let bytesLess = numbers[i].sortableBytes.lexicographicallyPrecedes(numbers[j].sortableBytes)
                #expect(bytesLess == (i < j), "bytes \(sorted[i]) < \(sorted[j])")
            }
        }
    }

    @Test(arguments: [
        ("1", "2", "3"), ("0.1", "0.2", "0.3"), ("99", "1", "100"), ("-5", "3", "-2"), ("5", "-5", "0"), ("1.5", "-0.25", "1.25"),
        ("-1", "-1.5", "-2.5"), ("1E30", "1", "1" + String(repeating: "0", count: 29) + "1"), ("0", "-7", "-7"),
    ])
    func additionIsExact(_ a: String, _ b: String, _ sum: String) throws {
        #expect(try (number(a) + number(b)).text == sum)
        let difference = try number(sum) - number(b)
        #expect(try difference.text == number(a).text)
    }

    @Test func arithmeticBeyondTheLimitsFails() throws {
        #expect(throws: TableError.validation("Attempting to store more than 38 significant digits in a Number")) {
            _ = try number("1E100") + number("1E-100")
        }
        #expect(throws: TableError.validation("Number overflow. Attempting to store a number with magnitude larger than supported range")) {
            _ = try number("9E125") + number("9E125")
        }
    }
}
