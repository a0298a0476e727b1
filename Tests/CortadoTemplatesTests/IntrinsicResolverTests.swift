import CortadoJSON
import Testing

@testable import CortadoTemplates

struct IntrinsicResolverTests {
    static let resolver = IntrinsicResolver(
        parameters: [
            "Env": "prod", "Subnets": ["a", "b", "c"], "AWS::Region": "eu-west-1", "AWS::StackName": "shop",
            "AWS::AccountId": "123456789012",
        ],
        mappings: ["Sizes": ["prod": ["Memory": 1024], "dev": ["Memory": 128]]],
        conditions: ["IsProd": true, "IsDev": false],
        resources: [
            "Table": (ref: "shop-table", attributes: ["Arn": "arn:aws:dynamodb:eu-west-1:123456789012:table/shop-table"]),
            "Bus": (ref: "shop-bus", attributes: ["Name": "shop-bus", "Arn": "arn:bus"]),
        ])

    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var output: String
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: #"{"Ref": "Env"}"#, output: #""prod""#),
        Case(input: #"{"Ref": "Table"}"#, output: #""shop-table""#),
        Case(input: #"{"Ref": "AWS::Region"}"#, output: #""eu-west-1""#),
        Case(input: #"{"Fn::GetAtt": ["Table", "Arn"]}"#, output: #""arn:aws:dynamodb:eu-west-1:123456789012:table/shop-table""#),
        Case(input: #"{"Fn::GetAtt": "Bus.Name"}"#, output: #""shop-bus""#),
        Case(input: #"{"Fn::GetAtt": ["Bus", {"Ref": "AttributeName"}]}"#, output: #""shop-bus""#),
        Case(input: #"{"Fn::Sub": "${AWS::StackName}-${Env}-${Table}"}"#, output: #""shop-prod-shop-table""#),
        Case(input: #"{"Fn::Sub": "${Bus.Arn}/x"}"#, output: #""arn:bus/x""#),
        Case(input: #"{"Fn::Sub": "${!Literal} and ${ Env }"}"#, output: #""${Literal} and prod""#),
        Case(input: #"{"Fn::Sub": ["${Name}:${Env}", {"Name": {"Fn::GetAtt": ["Bus", "Name"]}}]}"#, output: #""shop-bus:prod""#),
        Case(input: #"{"Fn::Sub": "no variables, ${unclosed"}"#, output: #""no variables, ${unclosed""#),
        Case(input: #"{"Fn::Join": ["-", ["a", {"Ref": "Env"}, 3]]}"#, output: #""a-prod-3""#),
        Case(input: #"{"Fn::Join": [",", {"Ref": "Subnets"}]}"#, output: #""a,b,c""#),
        Case(input: #"{"Fn::Select": [1, {"Ref": "Subnets"}]}"#, output: #""b""#),
        Case(input: #"{"Fn::Select": ["2", ["x", "y", "z"]]}"#, output: #""z""#),
        Case(input: #"{"Fn::Split": ["|", "a|b||c"]}"#, output: #"["a","b","","c"]"#),
        Case(input: #"{"Fn::If": ["IsProd", "big", "small"]}"#, output: #""big""#),
        Case(input: #"{"Fn::If": ["IsDev", "big", {"Fn::Join": ["", ["sm", "all"]]}]}"#, output: #""small""#),
        Case(input: #"{"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Memory"]}"#, output: "1024"),
        Case(input: ##"{"Fn::Base64": {"Fn::Sub": "#!/bin/sh ${Env}"}}"##, output: #""IyEvYmluL3NoIHByb2Q=""#),
        Case(input: #"{"Fn::GetAZs": ""}"#, output: #"["eu-west-1a","eu-west-1b","eu-west-1c"]"#),
        Case(input: #"{"Fn::GetAZs": "us-east-1"}"#, output: #"["us-east-1a","us-east-1b","us-east-1c"]"#),
        Case(input: #"{"A": 1, "B": {"Ref": "AWS::NoValue"}}"#, output: #"{"A":1}"#),
        Case(input: #"["a", {"Fn::If": ["IsDev", "b", {"Ref": "AWS::NoValue"}]}, "c"]"#, output: #"["a","c"]"#),
        Case(input: #"{"Nested": {"List": [{"Ref": "Env"}]}, "Keep": "as is"}"#, output: #"{"Nested":{"List":["prod"]},"Keep":"as is"}"#),
    ]

    @Test(arguments: cases)
    func resolves(_ c: Case) throws {
        var resolver = Self.resolver
        resolver.parameters["AttributeName"] = "Name"
        #expect(try resolver.resolve(JSON(parsing: c.input)) == (try JSON(parsing: c.output)))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var input: String
        var location: String
        var message: String
        var testDescription: String { message }
    }

    static let failures: [Failure] = [
        Failure(
            input: #"{"X": {"Ref": "Nope"}}"#, location: "P/X/Ref",
            message: "Ref to 'Nope', which is neither a parameter nor a created resource"),
        Failure(
            input: #"{"X": {"Fn::GetAtt": ["Table", "StreamArn"]}}"#, location: "P/X/Fn::GetAtt",
            message: "'Table' has no attribute 'StreamArn'"),
        Failure(
            input: #"{"X": [{"Fn::Sub": "${Missing}"}]}"#, location: "P/X/0/Fn::Sub",
            message: "Ref to 'Missing', which is neither a parameter nor a created resource"),
        Failure(input: #"{"X": {"Fn::Select": [5, ["a"]]}}"#, location: "P/X/Fn::Select", message: "index 5 is outside a list of 1"),
        Failure(
            input: #"{"X": {"Fn::FindInMap": ["Sizes", "test", "Memory"]}}"#, location: "P/X/Fn::FindInMap",
            message: "the mapping 'Sizes' has no key 'test'"),
        Failure(input: #"{"X": {"Fn::If": ["Nope", 1, 2]}}"#, location: "P/X/Fn::If", message: "no condition named 'Nope'"),
        Failure(input: #"{"X": {"Fn::Join": ["-", [["nested"]]]}}"#, location: "P/X/Fn::Join/1", message: "must be a string, not array"),
        Failure(
            input: #"{"X": {"Fn::ImportValue": "vpc"}}"#, location: "P/X/Fn::ImportValue",
            message: "Fn::ImportValue is not supported: Cortado keeps no exports between stacks"),
    ]

    @Test(arguments: failures)
    func failsWhereTheFunctionIs(_ f: Failure) throws {
        #expect(throws: TemplateError(location: f.location, message: f.message)) {
            try Self.resolver.resolve(JSON(parsing: f.input), at: "P")
        }
    }

    @Test func planGivesAResolver() throws {
        let plan = try plan("Mappings:\n  M: {eu-west-1: {Name: irish}}\nResources:\n  Thing: {Type: AWS::S3::Bucket}\n")
        let resolver = plan.resolver(resources: ["Thing": (ref: "bucket-1", attributes: [:])])
        let value = try resolver.resolve(["Fn::Sub": "${Thing}-${AWS::Region}"])
        #expect(value == "bucket-1-eu-west-1")
        #expect(try resolver.resolve(["Fn::FindInMap": ["M", ["Ref": "AWS::Region"], "Name"]]) == "irish")
    }
}
