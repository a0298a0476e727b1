import CortadoJSON
import Testing

@testable import CortadoJSONata

/// Grouping over paths with `@`/`#` bindings, `%` inside lambdas, and regex literals called as functions.
struct GroupingAndRegexCallTests {
    static let library = json(
        """
        {"library": {
          "books": [{"isbn": "A", "title": "Structure"}, {"isbn": "B", "title": "Compilers"}],
          "loans": [{"customer": "10001", "isbn": "A"}, {"customer": "10003", "isbn": "B"}, {"customer": "10001", "isbn": "B"}]
        }}
        """)

    @Test(arguments: [
        (
            "library.loans@$l.books@$b[$l.isbn=$b.isbn]{ $l.customer: $b.title }",
            #"{"10001": ["Structure", "Compilers"], "10003": "Compilers"}"#
        ),
        ("library.loans@$l.books@$b[$l.isbn=$b.isbn]{ $b.title: $count($l) }", #"{"Structure": 1, "Compilers": 2}"#),
        ("library.loans#$i{ customer: $i }", #"{"10001": [0, 2], "10003": 1}"#),
    ])
    func groupingSeesBoundVariables(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, Self.library) == json(expected), "\(expression)")
    }

    @Test(arguments: [
        ("Account.Order#$i.Product{ `Product Name`: $i }", #"{"Bowler Hat": [0, 1], "Trilby hat": 0, "Cloak": 1}"#),
        ("Account.Order#$i.Product{ $string($i): $sum(Quantity) }", #"{"0": 3, "1": 5}"#),
        ("($f := function() { %.OrderID }; Account.Order.Product.$f())", #"["order103", "order103", "order104", "order104"]"#),
        (
            "($name := function($p) { $p.`Product Name` & ' of ' & %.OrderID }; Account.Order.Product[Price > 100].$name($))",
            #""Cloak of order104""#
        ),
        ("Account.Order.Product.(function() { %.OrderID })()", #"["order103", "order103", "order104", "order104"]"#),
    ])
    func onTheInvoice(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, invoice) == json(expected), "\(expression)")
    }

    @Test(arguments: [
        ("/ab/('cabc')", #"{"match": "ab", "index": 1, "groups": []}"#),
        ("/a(b+)/('cabbcab')", #"{"match": "abb", "index": 1, "groups": ["bb"]}"#),
        ("/a(b+)/('cabbcab').next()", #"{"match": "ab", "index": 5, "groups": ["b"]}"#),
        ("/A/i('xa')", #"{"match": "a", "index": 1, "groups": []}"#),
        ("($r := /[0-9]+/; $r('ab 12 345').next().match)", #""345""#),
    ])
    func regexCalls(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression) == json(expected), "\(expression)")
    }

    @Test func aRegexWithoutMatchGivesUndefined() throws {
        #expect(try eval("/x/('abc')") == nil)
        #expect(try eval("/a/('abc').next()") == nil)
    }
}
