import CortadoJSON
import Testing

@testable import CortadoJSONata

/// Expressions a careless or hostile definition may hold: each must end in a JSONata error or a value, never a
/// trap, a hang or memory without bound.
@Suite struct HostileInputTests {
    static let environment: JSONataEnvironment = {
        var e = JSONataEnvironment(maxRangeSize: 1_000_000, maxSteps: 200_000)
        e.maxStringLength = 1_000_000
        return e
    }()

    @Test(arguments: [
        ("($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('x', 40))", "RangeError"),
        ("$pad('x', 1e15)", "D1001"),
        ("$count([1..1e15])", "D2014"),
        ("($f := function($n){ $f($n + 1) }; $f(0))", "U1001"),
        ("$count($map([1..900000], function($v){ $map([1..900000], function($w){ $w }) }))", "U1001"),
        ("$power(10, 1e10)", "D3061"),
        ("$formatBase(5, 1e30)", "D3100"),
        ("$formatBase(5, 0/0)", "D1001"),
    ])
    func failsWithItsCode(_ expression: String, _ code: String) throws {
        let e = try JSONataExpression(compiling: expression)
        let error = #expect(throws: JSONataError.self) { try e.evaluate(nil, environment: Self.environment) }
        #expect(error?.code == code, "\(expression): \(String(describing: error))")
    }

    @Test(arguments: [
        "$formatBase(1e30, 2)", "$substring('abc', 1e300, 1e300)", "$substring('abc', -1e300)", "$fromMillis(1e300)",
        "$formatInteger(1e300, 'w')", "$formatInteger(-1e20, 'I')", "$formatNumber(1e300, '#,###.00')",
        "$toMillis('99999-01-01')", "$string(1/3 * 1e308 * 10)", "[1, 2, 3][1e300]", "$round(1e300, 1e300)",
        "$split('abc', '', 1e300)", "$sift({'a': 1}, function($v){ $v })",
    ])
    func endsWithoutTrapping(_ expression: String) throws {
        let e = try JSONataExpression(compiling: expression)
        _ = try? e.evaluate(nil, environment: Self.environment)
    }
}

/// Every library function called with extreme arguments of every type: errors are fine, traps are not.
@Suite struct LibraryExtremesTests {
    static let extremes = [
        "1e300", "-1e300", "0", "-1", "0.5", "9007199254740993", "''", "'x'", "'𝄞é'", "[]", "[1e300, -1e300]", "{}",
        "{'a': 1e300}", "true", "null", "function($v){ $v }",
    ]

    /// The arguments after the first.
    static let rest = [
        "", ", 1e300", ", -1e300", ", 'x'", ", 0", ", 37", ", '#,##0.00'", ", '[Y0001]-[M01]'", ", 'w'", ", 1e300, 1e300",
        ", 'x', -1e300", ", -1e300, 'x'", ", '#', {'zero-digit': '𝄞', 'grouping-separator': ''}", ", '', ''",
    ]

    @Test func noFunctionTrapsOnExtremeArguments() throws {
        let names = Builtin.library.map(\.name).filter { !["eval", "random", "shuffle", "now", "millis", "uuid"].contains($0) }
        #expect(names.count >= 60)
        var calls = 0
        for name in names {
            for a in Self.extremes {
                for b in Self.rest {
                    let e = try JSONataExpression(compiling: "$\(name)(\(a)\(b))")
                    _ = try? e.evaluate(nil, environment: HostileInputTests.environment)
                    calls += 1
                }
            }
        }
        #expect(calls == names.count * Self.extremes.count * Self.rest.count)
    }
}
