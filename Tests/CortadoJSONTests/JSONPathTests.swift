import CortadoJSON
import Testing

private let store: JSON = try! JSON(
    parsing: """
        {
          "detail-type": "Order Placed",
          "store": {
            "book": [
              {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
              {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
              {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
              {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
          },
          "letters": ["a", "b", "c", "d", "e", "f"],
          "max": 10,
          "weird key": {"a.b": 1, "it's": 2}
        }
        """)

/// Evaluates `path` against `value` (the store document by default).
private func eval(_ path: String, _ value: JSON = store) throws -> JSON {
    try JSONPath(path).evaluate(value)
}

/// The error a path raises, parsing or evaluating.
private func pathError(_ path: String, on value: JSON = store) -> JSONPathError? {
    do {
        _ = try JSONPath(path).evaluate(value)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONPathEvaluationTests {
    @Test func rootIsTheWholeValue() throws {
        #expect(try eval("$") == store)
    }

    @Test func dotAndBracketMembers() throws {
        #expect(try eval("$.store.bicycle.color") == "red")
        #expect(try eval("$['store']['bicycle']['color']") == "red")
        #expect(try eval(#"$["store"].bicycle["price"]"#) == 19.95)
        #expect(try eval("$['weird key']['a.b']") == 1)
        #expect(try eval(#"$['weird key']['it\'s']"#) == 2)
        #expect(try eval("$[ 'max' ]") == 10)
    }

    @Test func hyphenatedNamesWorkInDotNotation() throws {
        #expect(try eval("$.detail-type") == "Order Placed")
        #expect(try eval("$.a-b.c-d", ["a-b": ["c-d": 5]]) == 5)
    }

    @Test func indices() throws {
        #expect(try eval("$.letters[0]") == "a")
        #expect(try eval("$.letters[5]") == "f")
        #expect(try eval("$.letters[-1]") == "f")
        #expect(try eval("$.letters[-6]") == "a")
        #expect(try eval("$.store.book[1].author") == "Evelyn Waugh")
        #expect(try eval("$[1]", [10, 20]) == 20)
    }

    @Test func wildcards() throws {
        #expect(try eval("$.store.book[*].price") == [8.95, 12.99, 8.99, 22.99])
        #expect(try eval("$.store.bicycle.*") == ["red", 19.95])
        #expect(try eval("$.store.bicycle[*]") == ["red", 19.95])
        // An indefinite path that matches nothing is an empty array, not an error (AWS: `$.items[*]` on {}).
        #expect(try eval("$.items[*]", [:]) == [])
        #expect(try eval("$.max[*]") == [])
    }

    @Test func slices() throws {
        #expect(try eval("$.letters[1:3]") == ["b", "c"])
        #expect(try eval("$.letters[:2]") == ["a", "b"])
        #expect(try eval("$.letters[4:]") == ["e", "f"])
        #expect(try eval("$.letters[-2:]") == ["e", "f"])
        #expect(try eval("$.letters[:-4]") == ["a", "b"])
        #expect(try eval("$.letters[2:100]") == ["c", "d", "e", "f"])
        #expect(try eval("$.letters[3:1]") == [])
    }

    @Test func slicesWithSteps() throws {
        #expect(try eval("$.letters[::2]") == ["a", "c", "e"])
        #expect(try eval("$.letters[1:6:2]") == ["b", "d", "f"])
        #expect(try eval("$.letters[0:5:3]") == ["a", "d"])
        #expect(try eval("$.letters[1::4]") == ["b", "f"])
    }

    @Test func unions() throws {
        #expect(try eval("$.letters[0,2,-1]") == ["a", "c", "f"])
        #expect(try eval("$.letters[0, 9]") == ["a"])
        #expect(try eval("$.store.book[0,3].title") == ["Sayings", "The Lord"])
        // Names followed by more steps are each followed in turn.
        #expect(try eval("$['store','weird key'].bicycle.color") == ["red"])
    }

    @Test func namesUnionAtTheEndMergesIntoOneObject() throws {
        // Jayway's multi-property leaf: one object holding the named members that exist, in the order named.
        let merged = try eval("$.store.bicycle['price','color']")
        #expect(merged == ["price": 19.95, "color": "red"])
        #expect(merged.objectValue?.keys == ["price", "color"])
        #expect(try eval("$.store.bicycle['color','nothing']") == ["color": "red"])
        #expect(
            try eval("$.store.book[0:2]['title','price']") == [["title": "Sayings", "price": 8.95], ["title": "Sword", "price": 12.99]])
    }

    @Test func deepScanFindsEveryMatchInDocumentOrder() throws {
        #expect(try eval("$..author") == ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])
        #expect(try eval("$.store..price") == [8.95, 12.99, 8.99, 22.99, 19.95])
        #expect(try eval("$..isbn") == ["0-553", "0-395"])
        #expect(try eval("$..book[2].title") == ["Moby Dick"])
        #expect(try eval("$..['color']") == ["red"])
        #expect(try eval("$..missing") == [])
        #expect(try eval("$..a", ["a": 1, "b": ["a": 2, "c": [["a": 3]]]]) == [1, 2, 3])
    }

    @Test func deepScanWildcardVisitsEveryDescendantOnce() throws {
        #expect(try eval("$..*", ["a": [1, 2], "b": ["c": 3]]) == [[1, 2], ["c": 3], 1, 2, 3])
    }

    @Test func filtersWithComparisons() throws {
        #expect(try eval("$.store.book[?(@.price < 10)].title") == ["Sayings", "Moby Dick"])
        #expect(try eval("$.store.book[?(@.price <= 8.99)].title") == ["Sayings", "Moby Dick"])
        #expect(try eval("$.store.book[?(@.price > 20)].title") == ["The Lord"])
        #expect(try eval("$.store.book[?(@.price >= 12.99)].title") == ["Sword", "The Lord"])
        #expect(try eval("$.store.book[?(@.category == 'reference')].author") == ["Nigel Rees"])
        #expect(try eval(#"$.store.book[?(@.category == "reference")].author"#) == ["Nigel Rees"])
        #expect(try eval("$.store.book[?(@.category != 'fiction')].title") == ["Sayings"])
        #expect(try eval("$[?(@ > 1)]", [1, 2, 3]) == [2, 3])
        #expect(try eval("$[?(@.n == 2)]", [["n": 2.0], ["n": 3]]) == [["n": 2]])
    }

    @Test func filtersWithAndOrAndExistence() throws {
        #expect(try eval("$.store.book[?(@.price < 10 && @.category == 'fiction')].title") == ["Moby Dick"])
        #expect(try eval("$.store.book[?(@.price < 9 || @.price > 20)].title") == ["Sayings", "Moby Dick", "The Lord"])
        #expect(try eval("$.store.book[?(@.isbn)].title") == ["Moby Dick", "The Lord"])
        #expect(try eval("$.store.book[?(@.isbn && @.price < 10)].title") == ["Moby Dick"])
        #expect(try eval("$.store.book[?(!@.isbn)].title") == ["Sayings", "Sword"])
        #expect(try eval("$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].title") == ["Moby Dick", "The Lord"])
    }

    @Test func filtersCompareStringsAndLiterals() throws {
        let items: JSON = [["s": "apple", "b": true, "z": nil], ["s": "pear", "b": false, "z": 1]]
        #expect(try eval("$[?(@.s < 'banana')].s", items) == ["apple"])
        #expect(try eval("$[?(@.b == true)].s", items) == ["apple"])
        #expect(try eval("$[?(@.z == null)].s", items) == ["apple"])
        // A string never orders against a number.
        #expect(try eval("$[?(@.s > 1)].s", items) == [])
    }

    @Test func filterOnAnObjectTestsTheObjectItself() throws {
        #expect(try eval("$.store.bicycle[?(@.color == 'red')].price") == [19.95])
        #expect(try eval("$.store.bicycle[?(@.color == 'blue')].price") == [])
    }

    @Test func filterCanCompareWithTheRootDocument() throws {
        // `$` inside a filter is the document the path is evaluated on (Jayway), not the current item.
        #expect(try eval("$.store.book[?(@.price > $.max)].title") == ["Sword", "The Lord"])
    }

    @Test func filterRegexMatchesTheWholeString() throws {
        // Jayway's =~ uses Java's Matcher.matches(): the pattern must match the entire value.
        #expect(try eval("$.store.book[?(@.author =~ /.*Rees/)].title") == ["Sayings"])
        #expect(try eval("$.store.book[?(@.author =~ /Rees/)].title") == [])
        #expect(try eval("$.store.book[?(@.title =~ /S.*/)].title") == ["Sayings", "Sword"])
    }

    @Test func deepScanFilterReturnsEachMatchOnce() throws {
        // Jayway tests the filter on each object reached by the scan; an object inside an array is
        // reached once, not also as an element of its array.
        #expect(try eval("$..[?(@.price > 20)].title") == ["The Lord"])
        #expect(try eval("$..[?(@.color)].color") == ["red"])
    }

    @Test func contextAndVariableRoots() throws {
        #expect(try JSONPath("$$.Execution.Id").root == .context)
        #expect(try JSONPath("$myVar.x").root == .variable("myVar"))
        #expect(try JSONPath("$_v1").root == .variable("_v1"))
        #expect(try JSONPath("$.x").root == .input)
        #expect(try JSONPath("$$.Map.Item.Value").evaluate(["Map": ["Item": ["Value": 7]]]) == 7)
    }
}

@Suite struct JSONPathDefinitenessTests {
    @Test(arguments: ["$", "$.a", "$.a.b", "$['a'][0]", "$.a[-1].b", "$$.Task.Token", "$v.a", "$.a['b','c']"])
    func definite(path: String) throws {
        #expect(try JSONPath(path).isDefinite)
    }

    @Test(arguments: ["$.a[*]", "$.a.*", "$.a[0:2]", "$.a[0,1]", "$['a','b'].c", "$..a", "$.a[?(@.b)]"])
    func indefinite(path: String) throws {
        #expect(try !JSONPath(path).isDefinite)
    }

    @Test func indefinitePathsAlwaysGiveAnArray() throws {
        #expect(try eval("$.store.book[?(@.author == 'Nigel Rees')].price") == [8.95])
        #expect(try eval("$.letters[0:1]") == ["a"])
        #expect(try eval("$.store.book[0].price") == 8.95)
    }

    @Test func normalizedFormIsJaywaysBracketForm() throws {
        #expect(try JSONPath("$.detail.items[0]").normalized == "$['detail']['items'][0]")
        #expect(try JSONPath("$.a.*").normalized == "$['a'][*]")
        #expect(try JSONPath("$.a[1:3]").normalized == "$['a'][1:3]")
        #expect(try JSONPath("$.x").description == "$.x")
    }
}

@Suite struct JSONPathErrorTests {
    @Test func missingLastStepHasNoResults() {
        let e = pathError("$.a", on: [:])
        #expect(e?.kind == .noResults)
        #expect(e?.message == "No results for path: $['a']")
        #expect(pathError("$.store.bicycle.size")?.message == "No results for path: $['store']['bicycle']['size']")
        #expect(pathError("$.letters[6]")?.message == "No results for path: $['letters'][6]")
        #expect(pathError("$.letters[-7]")?.message == "No results for path: $['letters'][-7]")
    }

    @Test func missingEarlierStepIsAMissingProperty() {
        let e = pathError("$.a.b", on: [:])
        #expect(e?.kind == .missingProperty)
        #expect(e?.message == "Missing property in path $['a']")
        #expect(pathError("$.a.b.c", on: ["a": [:]])?.message == "Missing property in path $['a']['b']")
        #expect(pathError("$.max.x.y")?.message == "Missing property in path $['max']['x']")
    }

    @Test func memberOfANonObjectFindsNothing() {
        #expect(pathError("$.letters.x")?.message == "No results for path: $['letters']['x']")
        #expect(pathError("$.max[0]")?.message == "No results for path: $['max'][0]")
    }

    @Test func valueInReturnsNilInsteadOfThrowing() throws {
        #expect(try JSONPath("$.nope").value(in: store) == nil)
        #expect(try JSONPath("$.max").value(in: store) == 10)
    }

    @Test(arguments: [
        ("a.b", "Invalid JSONPath 'a.b': a path must start with '$'"),
        ("", "Invalid JSONPath '': a path must start with '$'"),
        ("$.", "Invalid JSONPath '$.': empty property name at position 2"),
        ("$.a b", "Invalid JSONPath '$.a b': unexpected space at position 3"),
        ("$.a[", "Invalid JSONPath '$.a[': unterminated '['"),
        ("$.a[0", "Invalid JSONPath '$.a[0': expected ']' at position 5"),
        ("$.a[x]", "Invalid JSONPath '$.a[x]': invalid array index '[x]'"),
        ("$.a[1:2:3:4]", "Invalid JSONPath '$.a[1:2:3:4]': invalid slice '[1:2:3:4]'"),
        ("$['a", "Invalid JSONPath '$['a': unterminated quoted name"),
        ("$1x", "Invalid JSONPath '$1x': '1x' is not a valid variable name"),
        ("$.a[?(@.b ==)]", "Invalid JSONPath '$.a[?(@.b ==)]': expected an operand in filter"),
        ("$.a[?(@.b == 1]", "Invalid JSONPath '$.a[?(@.b == 1]': unterminated filter expression"),
        ("$.a[?@.b]", "Invalid JSONPath '$.a[?@.b]': expected '(' after '?' at position 5"),
        ("$.a[?(@.b == foo)]", "Invalid JSONPath '$.a[?(@.b == foo)]': unexpected 'foo' in filter"),
    ])
    func syntaxErrors(path: String, message: String) {
        do {
            _ = try JSONPath(path)
            Issue.record("'\(path)' parsed")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message == message)
        }
    }
}
