import CortadoEvents
import CortadoJSON
import Testing

/// One test per rule of the input transformer (see "Transformers and schedules" in
/// `docs/architecture/events.md`); the recorded AWS behaviour itself is `TransformerCorpusTests`.
@Suite struct InputTransformerTests {
    static let event: JSON = [
        "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Order Placed",
        "source": "shop", "account": "123456789012", "time": "2024-07-11T11:59:58Z", "region": "eu-west-1",
        "resources": [],
        "detail": [
            "user": "u-1", "payload": ["sku": "A", "qty": 2], "tags": ["red", "blue"], "count": 3,
            "price": 9.5, "valid": true, "nothing": nil, "quote": "say \"hi\"\nbye",
            "items": [["id": "i1"], ["id": "i2"]],
        ],
    ]
    static let context = TransformContext(
        ruleARN: "arn:aws:events:eu-west-1:123456789012:rule/orders", ruleName: "orders",
        ingestionTime: 1_720_699_200_000)

    func apply(_ template: String, _ paths: [String: String] = [:]) throws -> String? {
        let t = try InputTransformer(inputPathsMap: paths, inputTemplate: template, targetID: "t1")
        return t.apply(to: Self.event, context: Self.context)
    }

    // MARK: Values in string templates

    @Test func aStringTemplateIsDeliveredAsTextWithItsQuotes() throws {
        #expect(try apply(#""user <u> bought""#, ["u": "$.detail.user"]) == #""user u-1 bought""#)
    }

    @Test func aTemplateWithoutQuotesIsPlainText() throws {
        #expect(try apply("<u> is in state <v>", ["u": "$.detail.user", "v": "$.detail.valid"]) == "u-1 is in state true")
    }

    @Test func aPathThatNamesNothingIsEmptyText() throws {
        #expect(try apply(#""[<x>]""#, ["x": "$.detail.absent"]) == #""[]""#)
        #expect(try apply(#""[<x>]""#, ["x": "$.detail.tags[7]"]) == #""[]""#)
        #expect(try apply(#""[<x>]""#, ["x": "$.nope.deeper"]) == #""[]""#)
    }

    @Test func nullIsTreatedAsNothing() throws {
        #expect(try apply(#""[<x>]""#, ["x": "$.detail.nothing"]) == #""[]""#)
        #expect(try apply(#"{"x": <x>}"#, ["x": "$.detail.nothing"]) == #"{"x":""}"#)
    }

    @Test func objectsAndListsLoseTheirQuotesInAStringTemplate() throws {
        #expect(try apply(#""p <p>""#, ["p": "$.detail.payload"]) == #""p {sku:A,qty:2}""#)
        #expect(try apply(#""t <t>""#, ["t": "$.detail.tags"]) == #""t [red,blue]""#)
    }

    @Test func numbersAndBooleansAreTheirJSONText() throws {
        #expect(
            try apply(#""<c> <p> <v>""#, ["c": "$.detail.count", "p": "$.detail.price", "v": "$.detail.valid"])
                == #""3 9.5 true""#)
    }

    @Test func stringsAreNotEscapedInAStringTemplate() throws {
        #expect(try apply(#""q <q>""#, ["q": "$.detail.quote"]) == "\"q say \"hi\"\nbye\"")
    }

    // MARK: Values in JSON templates

    @Test func aStringIsAJSONStringWithOrWithoutQuotesAroundThePlaceholder() throws {
        #expect(try apply(#"{"a": <u>, "b": "<u>"}"#, ["u": "$.detail.user"]) == #"{"a":"u-1","b":"u-1"}"#)
    }

    @Test func aStringInsideALiteralIsSpliced() throws {
        #expect(try apply(#"{"path": "users/<u>/x/<u>"}"#, ["u": "$.detail.user"]) == #"{"path":"users/u-1/x/u-1"}"#)
    }

    @Test func stringsAreJSONEscapedInAJSONTemplate() throws {
        let bare = try #require(try apply(#"{"q": <q>}"#, ["q": "$.detail.quote"]))
        #expect(try JSON(parsing: bare) == ["q": "say \"hi\"\nbye"])
        let spliced = try #require(try apply(#"{"q": "said: <q>."}"#, ["q": "$.detail.quote"]))
        #expect(try JSON(parsing: spliced) == ["q": "said: say \"hi\"\nbye."])
    }

    @Test func objectsListsNumbersAndBooleansAreJSONValues() throws {
        let body = try apply(
            #"{"p": <p>, "t": <t>, "c": <c>, "v": <v>, "l": [<c>, "x"]}"#,
            ["p": "$.detail.payload", "t": "$.detail.tags", "c": "$.detail.count", "v": "$.detail.valid"])
        #expect(body == #"{"p":{"sku":"A","qty":2},"t":["red","blue"],"c":3,"v":true,"l":[3,"x"]}"#)
    }

    @Test func aNumberInsideALiteralIsText() throws {
        #expect(try apply(#"{"n": "<c> items"}"#, ["c": "$.detail.count"]) == #"{"n":"3 items"}"#)
    }

    @Test func aPathThatNamesNothingIsAnEmptyString() throws {
        #expect(try apply(#"{"a": <x>, "b": "[<x>]"}"#, ["x": "$.detail.absent"]) == #"{"a":"","b":"[]"}"#)
    }

    @Test func anOutputThatIsNotJSONIsDropped() throws {
        #expect(try apply(#"{"p": "<p>"}"#, ["p": "$.detail.payload"]) == nil)
        #expect(try apply(#"{"t": "tags <t>"}"#, ["t": "$.detail.tags"]) == nil)
        #expect(try apply(#"{"a": <u> <u>}"#, ["u": "$.detail.user"]) == nil)
    }

    @Test func theJSONDeliveredIsMinified() throws {
        #expect(try apply("{\n  \"a\" :  [ 1,  2 ],\n  \"b\": { }\n}") == #"{"a":[1,2],"b":{}}"#)
    }

    @Test func wildcardsCollectEveryMatch() throws {
        #expect(try apply(#"{"ids": <ids>}"#, ["ids": "$.detail.items[*].id"]) == #"{"ids":["i1","i2"]}"#)
        #expect(try apply(#"{"ids": <ids>}"#, ["ids": "$.detail.tags[*].id"]) == #"{"ids":""}"#)
    }

    @Test func aLessThanSignThatIsNoPlaceholderIsText() throws {
        #expect(try apply(#""a < b and c<>d""#) == #""a < b and c<>d""#)
    }

    // MARK: Predefined variables

    @Test func ruleAndIngestionTime() throws {
        #expect(
            try apply(#""<aws.events.rule-name> <aws.events.rule-arn> <aws.events.event.ingestion-time>""#)
                == #""orders arn:aws:events:eu-west-1:123456789012:rule/orders 2024-07-11T12:00:00Z""#)
        #expect(
            try apply(#"{"r": <aws.events.rule-name>, "at": "<aws.events.event.ingestion-time>"}"#)
                == #"{"r":"orders","at":"2024-07-11T12:00:00Z"}"#)
    }

    @Test(
        arguments: [
            (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400_000, "2000-02-29T00:00:00Z"),
            (7_258_118_400_000, "2200-01-01T00:00:00Z"), (-31_622_400_000, "1968-12-31T00:00:00Z"),
            (1_720_699_201_999, "2024-07-11T12:00:01Z"),
        ] as [(Int64, String)])
    func ingestionTimeIsISO8601ToTheSecond(_ ms: Int64, _ text: String) {
        #expect(TransformContext(ruleARN: "", ruleName: "", ingestionTime: ms).ingestionTimeText == text)
    }

    @Test func theEventVariableIsTheEnvelopeWithoutDetail() throws {
        let body = try #require(try apply(#"{"e": <aws.events.event>}"#))
        let e = try #require(try JSON(parsing: body)["e"]?.objectValue)
        #expect(e["detail"] == nil)
        #expect(e["detail-type"] == nil)
        #expect(e["detailType"] == "Order Placed")
        #expect(e["id"] == Self.event["id"])
        #expect(e["time"] == "2024-07-11T11:59:58Z")
        #expect(e.count == 8)
    }

    @Test func theEventJSONVariableIsTheWholeEvent() throws {
        let body = try #require(try apply(#"{"e": <aws.events.event.json>}"#))
        #expect(try JSON(parsing: body) == ["e": Self.event])
    }

    // MARK: Validation at PutTargets

    func refusal(_ template: String, _ paths: [String: String] = [:]) -> String? {
        do throws(EventsError) {
            _ = try InputTransformer(inputPathsMap: paths, inputTemplate: template, targetID: "t1")
            return nil
        } catch {
            return error.message
        }
    }

    @Test func anUndefinedPlaceholderIsRefused() {
        #expect(refusal(#""a <x> b""#) == "InputTemplate for target t1 contains invalid placeholder x.")
        #expect(refusal(#""<aws.events.rule>""#) == "InputTemplate for target t1 contains invalid placeholder aws.events.rule.")
    }

    @Test func aPathEventBridgeDoesNotEvaluateIsRefused() {
        for bad in ["detail", "", "$$.Execution", "$var", "$..id", "$.items[?(@.id)]", "$.items[0:2]", "$.a['b','c']", "$.a b"] {
            #expect(
                refusal(#""<x>""#, ["x": bad]) == "InputPathsMap for target t1 contains invalid JSON path \(bad) for key x.",
                "\(bad)")
        }
    }

    @Test func reservedAndEmptyNamesAreRefused() {
        #expect(
            refusal("\"x\"", ["aws.events.rule-arn": "$.id"]) == "InputPathsMap for target t1 contains invalid key aws.events.rule-arn.")
        #expect(refusal("\"x\"", ["AWS.mine": "$.id"]) == "InputPathsMap for target t1 contains invalid key AWS.mine.")
        #expect(refusal("\"x\"", ["": "$.id"]) == "InputPathsMap for target t1 contains invalid key .")
    }

    @Test func atMostOneHundredVariables() {
        var paths: [String: String] = [:]
        for k in 0..<100 { paths["v\(k)"] = "$.detail" }
        #expect(refusal("\"x\"", paths) == nil)
        paths["v100"] = "$.detail"
        #expect(refusal("\"x\"", paths) == "InputPathsMap for target t1 has more than 100 entries.")
    }

    @Test func theTemplateMustHaveALength() {
        #expect(refusal("") == "InputTemplate for target t1 must be between 1 and 8192 characters long.")
        #expect(refusal(String(repeating: "a", count: 8193)) != nil)
        #expect(refusal(String(repeating: "a", count: 8192)) == nil)
    }
}

@Suite struct TargetInputTests {
    static let event = InputTransformerTests.event
    static let context = InputTransformerTests.context

    func body(_ input: TargetInput) -> String? { input.body(for: Self.event, context: Self.context) }

    @Test func noInputFieldDeliversTheEvent() throws {
        #expect(body(try TargetInput(targetID: "t")) == Self.event.text)
    }

    @Test func inputPathDeliversTheJSONOfWhatItNames() throws {
        #expect(body(try TargetInput(inputPath: "$.detail.payload", targetID: "t")) == #"{"sku":"A","qty":2}"#)
        #expect(body(try TargetInput(inputPath: "$.detail.tags[1]", targetID: "t")) == #""blue""#)
        #expect(body(try TargetInput(inputPath: "$['detail']['count']", targetID: "t")) == "3")
        #expect(body(try TargetInput(inputPath: "$", targetID: "t")) == Self.event.text)
    }

    @Test func inputPathThatNamesNothingDeliversNothing() throws {
        #expect(body(try TargetInput(inputPath: "$.detail.absent", targetID: "t")) == nil)
    }

    @Test func aConstantInputIsDeliveredAsGiven() throws {
        #expect(body(try TargetInput(input: #"{"env": "dev"}"#, targetID: "t")) == #"{"env": "dev"}"#)
    }

    func refusal(_ make: () throws(EventsError) -> TargetInput) -> String? {
        do throws(EventsError) {
            _ = try make()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func onlyOneInputFieldMayBeGiven() {
        let message = "Only one of Input, InputPath, or InputTransformer must be provided for target t."
        #expect(refusal { () throws(EventsError) in try TargetInput(input: "{}", inputPath: "$", targetID: "t") } == message)
        #expect(
            refusal { () throws(EventsError) in
                try TargetInput(inputPath: "$", inputTransformer: ([:], "\"x\""), targetID: "t")
            } == message)
    }

    @Test func aConstantInputMustBeJSON() {
        let message = refusal { () throws(EventsError) in try TargetInput(input: "env:dev", targetID: "1") }
        #expect(message?.hasPrefix("JSON syntax error in input for target 1: [Source: (String)\"env:dev\"; line: 1, column: ") == true)
    }

    @Test func aBadInputPathIsRefused() {
        #expect(
            refusal { () throws(EventsError) in try TargetInput(inputPath: "$..x", targetID: "t") }
                == "InputPath for target t is not a valid JSON path: $..x.")
    }
}
