import CortadoJSON
import Testing

@testable import CortadoJSONata

/// "Simple queries", "Predicate queries" and "Path operators" of the JSONata documentation.
struct PathTests {
    @Test(arguments: [
        ("Surname", "\"Smith\""),
        ("Age", "28"),
        ("Address.City", "\"Winchester\""),
        ("Other.Misc", "null"),
        ("Other.`Over 18 ?`", "true"),
        ("Phone[0]", #"{"type": "home", "number": "0203 544 1234"}"#),
        ("Phone[1]", #"{"type": "office", "number": "01962 001234"}"#),
        ("Phone[-1]", #"{"type": "mobile", "number": "077 7700 1234"}"#),
        ("Phone[-2]", #"{"type": "office", "number": "01962 001235"}"#),
        ("Phone[0].number", "\"0203 544 1234\""),
        ("Phone.number", #"["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"]"#),
        ("Phone.number[0]", #"["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"]"#),
        ("(Phone.number)[0]", "\"0203 544 1234\""),
        ("Phone[[0..1]].type", #"["home", "office"]"#),
        ("Phone[type='mobile']", #"{"type": "mobile", "number": "077 7700 1234"}"#),
        ("Phone[type='mobile'].number", "\"077 7700 1234\""),
        ("Phone[type='office'].number", #"["01962 001234", "01962 001235"]"#),
        ("Address[].City", #"["Winchester"]"#),
        ("Phone[type='mobile'].number[]", #"["077 7700 1234"]"#),
        ("Address.*", #"["Hursley Park", "Winchester", "SO21 2JN"]"#),
        ("*.Postcode", "\"SO21 2JN\""),
        ("**.Postcode", "\"SO21 2JN\""),
        ("Email.address", #"["fred.smith@my-work.com", "fsmith@my-work.com", "freddy@my-social.com", "frederic.smith@very-serious.com"]"#),
        ("Email[type='home'].address[1]", "\"frederic.smith@very-serious.com\""),
        ("[Address, Other.`Alternative.Address`].City", #"["Winchester", "London"]"#),
        ("FirstName & ' ' & Surname", "\"Fred Smith\""),
        ("Address.(Street & ', ' & City)", "\"Hursley Park, Winchester\""),
        ("$$.Address.City", "\"Winchester\""),
        ("Phone{type: number}", #"{"home": "0203 544 1234", "office": ["01962 001234", "01962 001235"], "mobile": "077 7700 1234"}"#),
        ("Phone{type: number[]}", #"{"home": ["0203 544 1234"], "office": ["01962 001234", "01962 001235"], "mobile": ["077 7700 1234"]}"#),
        ("(Phone.{type: number})[0]", #"{"home": "0203 544 1234"}"#),
        ("{'name': FirstName, 'age': Age}", #"{"name": "Fred", "age": 28}"#),
        ("Age > 18 ? 'adult' : 'minor'", "\"adult\""),
        ("$count(Phone[type='office'])", "2"),
        (
            "Phone[number]",
            #"[{"type": "home", "number": "0203 544 1234"}, {"type": "office", "number": "01962 001234"}, {"type": "office", "number": "01962 001235"}, {"type": "mobile", "number": "077 7700 1234"}]"#
        ),
    ])
    func addressQueries(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, address) == json(expected), "\(expression)")
    }

    @Test(arguments: ["Other.Nothing", "Phone[8]", "Phone[type='fax']", "Nothing.Else", "Phone[false]"])
    func undefinedResults(_ expression: String) throws {
        #expect(try eval(expression, address) == nil)
    }

    @Test(arguments: [
        ("$[0]", #"{"ref": [1, 2]}"#),
        ("$[0].ref", "[1, 2]"),
        ("$[0].ref[0]", "1"),
        ("$.ref", "[1, 2, 3, 4]"),
        ("ref", "[1, 2, 3, 4]"),
    ])
    func topLevelArrays(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, json(#"[{"ref": [1, 2]}, {"ref": [3, 4]}]"#)) == json(expected), "\(expression)")
    }

    @Test(arguments: [
        ("Account.Order[0].OrderID", "\"order103\""),
        ("Account.Order.Product.`Product Name`", #"["Bowler Hat", "Trilby hat", "Bowler Hat", "Cloak"]"#),
        ("Account.Order.Product[0].`Product Name`", #"["Bowler Hat", "Bowler Hat"]"#),
        ("(Account.Order.Product)[0].`Product Name`", "\"Bowler Hat\""),
        ("$string($sum(Account.Order.Product.(Price * Quantity)))", "\"336.36\""),
        ("Account.Order.Product{`Product Name`: Price}", #"{"Bowler Hat": [34.45, 34.45], "Trilby hat": 21.67, "Cloak": 107.99}"#),
        ("Account.Order.Product{`Product Name`: $sum(Quantity)}", #"{"Bowler Hat": 6, "Trilby hat": 1, "Cloak": 1}"#),
        ("Account.Order.Product^(Price).SKU", #"["0406634348", "0406654608", "040657863", "0406654603"]"#),
        ("Account.Order.Product^(>Price, <Quantity).SKU", #"["0406654603", "0406654608", "040657863", "0406634348"]"#),
        ("Account.Order.Product[Price > 30 and Quantity > 1].SKU", #"["0406654608", "040657863"]"#),
        ("Account.Order.Product.(Price < 50 ? 'Cheap' : 'Expensive')", #"["Cheap", "Cheap", "Cheap", "Expensive"]"#),
        ("Account.Order.{'id': OrderID, 'count': $count(Product)}", #"[{"id": "order103", "count": 2}, {"id": "order104", "count": 2}]"#),
        ("Account.Order.Product.$uppercase(`Product Name`)", #"["BOWLER HAT", "TRILBY HAT", "BOWLER HAT", "CLOAK"]"#),
        ("$max(Account.Order.Product.Price)", "107.99"),
    ])
    func invoiceQueries(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, invoice) == json(expected), "\(expression)")
    }

    @Test func integralResultsPrintAsIntegers() throws {
        #expect(try eval("$sum([1.5, 1.5])")?.text == "3")
        #expect(try eval("7 / 2")?.text == "3.5")
    }
}

/// "Path operators": the `@` and `#` binding operators.
struct BindingTests {
    @Test(arguments: [
        ("Account.Order#$i.{'id': OrderID, 'index': $i}", #"[{"id": "order103", "index": 0}, {"id": "order104", "index": 1}]"#),
        ("Account.Order.Product#$i[$i = 1].`Product Name`", #"["Trilby hat", "Cloak"]"#),
        ("(Account.Order@$o.$o.Product@$p.{'order': $o.OrderID, 'sku': $p.SKU})[0]", #"{"order": "order103", "sku": "0406654608"}"#),
        ("Account.Order#$i^(>$i).OrderID", #"["order104", "order103"]"#),
    ])
    func bindings(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, invoice) == json(expected), "\(expression)")
    }

    @Test func joinsTwoArraysWithFocus() throws {
        let library = json(
            #"{"loans": [{"isbn": "1", "who": "ann"}, {"isbn": "2", "who": "bob"}], "books": [{"isbn": "2", "title": "B"}, {"isbn": "1", "title": "A"}]}"#
        )
        #expect(
            try eval("loans@$l.books@$b[$l.isbn = $b.isbn].{'who': $l.who, 'title': $b.title}", library)
                == json(#"[{"who": "ann", "title": "A"}, {"who": "bob", "title": "B"}]"#))
    }
}

/// "Other operators": the transform operator.
struct TransformTests {
    @Test func updatesAndDeletesMatchedObjects() throws {
        let result = try eval("$ ~> |Account.Order.Product|{'Price': Price * 2}, ['SKU', 'ProductID']|", invoice)
        #expect(
            result?["Account"]?["Order"]?.arrayValue?[1]["Product"]?.arrayValue?[1]
                == json(#"{"Product Name": "Cloak", "Price": 215.98, "Quantity": 1}"#))
        #expect(
            try eval("$ ~> |Address|{'City': 'London'}|", address)?["Address"]
                == json(#"{"Street": "Hursley Park", "City": "London", "Postcode": "SO21 2JN"}"#))
    }

    @Test func leavesTheInputAlone() throws {
        #expect(try eval("($x := Address; $y := $x ~> |$|{'City': 'X'}|; $x.City)", address) == "Winchester")
    }

    @Test(arguments: [("$ ~> |Address|1|", "T2011"), ("$ ~> |Address|{}, 1|", "T2012")])
    func errors(_ expression: String, _ code: String) {
        #expect(errorCode(expression, address) == code)
    }
}

/// "Path operators": the parent operator `%`.
struct ParentTests {
    @Test(arguments: [
        ("(Account.Order.Product.{'name': `Product Name`, 'order': %.OrderID})[0]", #"{"name": "Bowler Hat", "order": "order103"}"#),
        ("Account.Order.Product[%.OrderID = 'order104'].SKU", #"["040657863", "0406654603"]"#),
        ("Account.Order.Product.%.%.`Account Name`", #"["Firefly", "Firefly", "Firefly", "Firefly"]"#),
        ("$count(Account.Order.Product.%)", "4"),
    ])
    func parents(_ expression: String, _ expected: String) throws {
        #expect(try eval(expression, invoice) == json(expected), "\(expression)")
    }

    @Test func noParentAtTheTop() {
        #expect(errorCode("%", invoice) == "S0217")
    }
}
