import CortadoJSON
import Testing

@testable import CortadoJSONata

/// `$formatNumber`, `$formatInteger` and `$parseInteger` ("Numeric functions" of the JSONata documentation, with
/// the pictures of XPath F&O 3.1 that it refers to).
struct FormatTests {
    @Test(arguments: [
        ("$formatNumber(12345.6, '#,###.00')", "12,345.60"),
        ("$formatNumber(1234.5678, '00.000e0')", "12.346e2"),
        ("$formatNumber(34.555, '#0.00;(#0.00)')", "34.56"),
        ("$formatNumber(-34.555, '#0.00;(#0.00)')", "(34.56)"),
        ("$formatNumber(0.14, '01%')", "14%"),
        ("$formatNumber(0.14, '###pm', {'per-mille': 'pm'})", "140pm"),
        ("$formatNumber(1234.5678, '①①.①①①e①', {'zero-digit': '⑟'})", "①②.③④⑥e②"),
        ("$formatNumber(12345678.9, '9,999.99')", "12,345,678.90"),
        ("$formatNumber(123412345678.9, '9,9,99.99')", "123412345,6,78.90"),
        ("$formatNumber(1234.56789, '9,999.999,999')", "1,234.567,890"),
        ("$formatNumber(123.9, '9999')", "0124"),
        ("$formatNumber(-6, '000')", "-006"),
        ("$formatNumber(5, '#')", "5"),
        ("$formatNumber(0, '#')", "0"),
        ("$formatNumber(0.5, '#%')", "50%"),
        ("$formatNumber(0.0123, '0.0‰')", "12.3‰"),
        ("$formatNumber(2.5, '0')", "2"),
        ("$formatNumber(3.5, '0')", "4"),
        ("$formatNumber(1.25, '0.###')", "1.25"),
        ("$formatNumber(1, '0.00##')", "1.00"),
        ("$formatNumber(12345678, '#,##,###')", "123,45,678"),
        ("$formatNumber(1234.5, '#.##0,00', {'decimal-separator': ',', 'grouping-separator': '.'})", "1.234,50"),
        ("$formatNumber(-5, '0', {'minus-sign': '~'})", "~5"),
        ("$formatNumber(1234, '0.0e00')", "1.2e03"),
        ("$formatNumber(0.234, '0.0e0')", "2.3e-1"),
        ("$formatNumber(0.234, '#.00e0')", "0.23e0"),
        ("$formatNumber(0.234, '.00e0')", ".23e0"),
        ("$formatNumber(99.99, '0.0e0')", "1.0e2"),
        ("$formatNumber(1234, '0.0E0', {'exponent-separator': 'E'})", "1.2E3"),
        ("$formatNumber(42, '$#,##0.00 each')", "$42.00 each"),
        ("$formatNumber(7, '#|#', {'pattern-separator': '|'})", "7"),
        ("$formatNumber(-7, '#|[#]', {'pattern-separator': '|'})", "[7]"),
        ("$formatNumber(1234, 'X,XX0', {'digit': 'X'})", "1,234"),
    ])
    func formatNumber(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == .string(expected), "\(expression)")
    }

    @Test(arguments: [
        ("$formatNumber(1, '#;#;#')", "D3080"),
        ("$formatNumber(1, '#.#.#')", "D3081"),
        ("$formatNumber(1, '#%%')", "D3082"),
        ("$formatNumber(1, '#‰‰')", "D3083"),
        ("$formatNumber(1, '#%‰')", "D3084"),
        ("$formatNumber(1, 'abc')", "D3085"),
        ("$formatNumber(1, '#a#')", "D3086"),
        ("$formatNumber(1, '#,.0')", "D3087"),
        ("$formatNumber(1, '#,')", "D3088"),
        ("$formatNumber(1, '#,,#')", "D3089"),
        ("$formatNumber(1, '0#')", "D3090"),
        ("$formatNumber(1, '.#0')", "D3091"),
        ("$formatNumber(1, '0e0%')", "D3092"),
        ("$formatNumber(1, '0e0#')", "D3093"),
        ("$formatNumber('1', '0')", "T0410"),
    ])
    func formatNumberErrors(_ expression: String, _ code: String) {
        #expect(errorCode(expression) == code, "\(expression)")
    }

    @Test(arguments: [
        ("$formatInteger(2789, 'w')", "two thousand, seven hundred and eighty-nine"),
        ("$formatInteger(1999, 'I')", "MCMXCIX"),
        ("$formatInteger(2789, 'W')", "TWO THOUSAND, SEVEN HUNDRED AND EIGHTY-NINE"),
        ("$formatInteger(2789, 'Ww')", "Two Thousand, Seven Hundred and Eighty-Nine"),
        ("$formatInteger(1001, 'w')", "one thousand and one"),
        ("$formatInteger(1000000, 'w')", "one million"),
        ("$formatInteger(0, 'w')", "zero"),
        ("$formatInteger(21, 'w;o')", "twenty-first"),
        ("$formatInteger(100, 'w;o')", "one hundredth"),
        ("$formatInteger(12, 'w;o')", "twelfth"),
        ("$formatInteger(40, 'w;o')", "fortieth"),
        ("$formatInteger(-3, 'w')", "minus three"),
        ("$formatInteger(7, 'i')", "vii"),
        ("$formatInteger(2024, 'I')", "MMXXIV"),
        ("$formatInteger(1e15, 'I')", "1000000000000000"),
        ("$formatInteger(1, 'A')", "A"),
        ("$formatInteger(28, 'A')", "AB"),
        ("$formatInteger(4, 'a')", "d"),
        ("$formatInteger(12, '000')", "012"),
        ("$formatInteger(1234567, '#,##0')", "1,234,567"),
        ("$formatInteger(1234567, '#.##0')", "1.234.567"),
        ("$formatInteger(1234567, '# ##0')", "1 234 567"),
        ("$formatInteger(-12, '0')", "-12"),
        ("$formatInteger(12.7, '0')", "12"),
        ("$formatInteger(123, '０')", "１２３"),
        ("$formatInteger(21, '1;o')", "21st"),
        ("$formatInteger(22, '1;o')", "22nd"),
        ("$formatInteger(23, '1;o')", "23rd"),
        ("$formatInteger(12, '1;o')", "12th"),
        ("$formatInteger(111, '1;o')", "111th"),
    ])
    func formatInteger(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == .string(expected), "\(expression)")
    }

    @Test(arguments: [
        ("$formatInteger(1, 'Z')", "D3130"),
        ("$formatInteger(1, '0０')", "D3131"),
    ])
    func formatIntegerErrors(_ expression: String, _ code: String) {
        #expect(errorCode(expression) == code, "\(expression)")
    }

    @Test(arguments: [
        ("$parseInteger('twelve thousand, four hundred and seventy-six', 'w')", 12476),
        ("$parseInteger('12,345,678', '#,##0')", 12_345_678),
        ("$parseInteger('MCMXCIX', 'I')", 1999),
        ("$parseInteger('xiv', 'i')", 14),
        ("$parseInteger('AB', 'A')", 28),
        ("$parseInteger('21st', '1;o')", 21),
        ("$parseInteger('twenty-first', 'w;o')", 21),
        ("$parseInteger('one million', 'w')", 1_000_000),
        ("$parseInteger('012', '000')", 12),
        ("$parseInteger('-5', '0')", -5),
    ])
    func parseInteger(_ expression: String, _ expected: Int) throws {
        #expect(try eval(expression) == .int(expected), "\(expression)")
    }

    @Test func parseIntegerOfOtherTextIsUndefined() throws {
        #expect(try eval("$parseInteger('12x', '0')") == nil)
    }
}
