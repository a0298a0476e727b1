import CortadoJSON
import Testing

@testable import CortadoJSONata

struct OperatorTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("7 % 5", "2"),
        ("1 / 4", "0.25"),
        ("-(5 - 8)", "3"),
        ("5 & 0 & true", "\"50true\""),
        ("'a' & null & [1, 2]", "\"anull[1,2]\""),
        ("1 = 1.0", "true"),
        ("'a' != 'b'", "true"),
        ("[1, 2] = [1, 2]", "true"),
        ("{'a': 1} = {'a': 1}", "true"),
        ("'abc' < 'abd'", "true"),
        ("3 >= 3", "true"),
        ("2 in [1, 2, 3]", "true"),
        ("'x' in 'x'", "true"),
        ("true and false", "false"),
        ("false or 1", "true"),
        ("[1..5]", "[1, 2, 3, 4, 5]"),
        ("[1..3, 7..9]", "[1, 2, 3, 7, 8, 9]"),
        ("[5..1]", "[]"),
        ("[[1, 2], [3]]", "[[1, 2], [3]]"),
        ("[1, [2, 3]]", "[1, [2, 3]]"),
        ("$x := 5", "5"),
        ("($x := 5; $y := 6; $x * $y)", "30"),
        ("nothing ?: 'default'", "\"default\""),
        ("nothing ?? 'default'", "\"default\""),
        ("0 ?? 'default'", "0"),
        ("nothing = 1", "false"),
        ("nothing < 1", "false"),
        ("nothing in [1]", "false"),
        ("1 ? 'yes'", "\"yes\""),
        ("$string(1/3)", "\"0.333333333333333\""),
        ("$string(1e21)", "\"1e+21\""),
        ("$string(0.0000001)", "\"1e-7\""),
        ("$string(123456789012)", "\"123456789012\""),
    ])
    func values(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == json(expected), "\(expression)")
    }

    @Test(arguments: ["nothing + 1", "1 - nothing", "0 ? 1", "[nothing]", "($x := nothing; $x)", "()"])
    func undefined(_ expression: String) throws {
        let result = try eval(expression)
        #expect(result == nil || result == json("[]"), "\(expression)")
    }

    @Test(arguments: [
        ("'a' + 1", "T2001"),
        ("1 * 'a'", "T2002"),
        ("1 < 'a'", "T2009"),
        ("{} < 1", "T2010"),
        ("true > false", "T2010"),
        ("[1..2.5]", "T2004"),
        ("['a'..2]", "T2003"),
        ("[1..20000000]", "D2014"),
        ("1 / 0", "D1001"),
        ("-'a'", "D1002"),
        ("{1: 2}", "T1003"),
        ("{'a': 1, 'a': 2}", "D1009"),
        ("foo()", "T1005"),
        ("$foo()", "T1006"),
        ("1 ~> 2", "T2006"),
        ("Account.Order^(Product)", "T2008"),
        ("$error('boom')", "D3137"),
    ])
    func errors(_ expression: String, _ code: String) {
        #expect(errorCode(expression, invoice) == code, "\(expression)")
    }

    @Test func comparisonErrorMessage() {
        #expect(failure("1 < 'a'")?.message == "The values 1 and \"a\" either side of operator \"<\" must be of the same data type")
    }
}
