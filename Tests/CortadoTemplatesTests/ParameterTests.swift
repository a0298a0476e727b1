import CortadoJSON
import Testing

@testable import CortadoTemplates

struct ParameterTests {
    static let template = """
        Parameters:
          Env:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
          Name:
            Type: String
            Default: shop
            AllowedPattern: "[a-z]+"
            MinLength: 2
            MaxLength: 8
          Memory:
            Type: Number
            Default: 128
            MinValue: 128
            MaxValue: 1024
          Subnets:
            Type: CommaDelimitedList
            Default: "a, b,c"
          Ports:
            Type: List<Number>
            Default: "80,443"
          Secret:
            Type: AWS::SSM::Parameter::Value<String>
            Default: /shop/secret
        Resources:
          Thing:
            Type: AWS::S3::Bucket
        """

    @Test func defaultsGiveValues() throws {
        let plan = try plan(Self.template)
        #expect(plan.parameters["Env"] == "dev")
        #expect(plan.parameters["Memory"] == "128")
        #expect(plan.parameters["Subnets"] == ["a", "b", "c"])
        #expect(plan.parameters["Ports"] == ["80", "443"])
        #expect(plan.parameters["Secret"] == "/shop/secret")
    }

    @Test func overridesWin() throws {
        let plan = try plan(Self.template, parameters: ["Env": "prod", "Memory": "512", "Subnets": "x"])
        #expect(plan.parameters["Env"] == "prod")
        #expect(plan.parameters["Memory"] == "512")
        #expect(plan.parameters["Subnets"] == ["x"])
    }

    @Test func pseudoParameters() throws {
        let plan = try plan(Self.template)
        #expect(plan.parameters["AWS::Region"] == "eu-west-1")
        #expect(plan.parameters["AWS::AccountId"] == "123456789012")
        #expect(plan.parameters["AWS::StackName"] == "shop")
        #expect(plan.parameters["AWS::Partition"] == "aws")
        #expect(plan.parameters["AWS::URLSuffix"] == "amazonaws.com")
        #expect(
            plan.parameters["AWS::StackId"]?.stringValue?.hasPrefix("arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/") == true)
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var overrides: [String: String]
        var message: String
        var testDescription: String { message }
    }

    static let bad: [Bad] = [
        Bad(overrides: ["Env": "test"], message: "parameter 'Env' must be one of 'dev', 'prod', not 'test'"),
        Bad(overrides: ["Name": "Shop"], message: "parameter 'Name' must match the pattern [a-z]+, but 'Shop' does not"),
        Bad(overrides: ["Name": "s"], message: "parameter 'Name' must be at least 2 characters long"),
        Bad(overrides: ["Name": "shopshopshop"], message: "parameter 'Name' must be at most 8 characters long"),
        Bad(overrides: ["Memory": "lots"], message: "parameter 'Memory' must be a number, not 'lots'"),
        Bad(overrides: ["Memory": "64"], message: "parameter 'Memory' must be at least 128, not 64"),
        Bad(overrides: ["Memory": "2048"], message: "parameter 'Memory' must be at most 1024, not 2048"),
        Bad(overrides: ["Ports": "80,http"], message: "parameter 'Ports' must be a list of numbers, but holds 'http'"),
    ]

    @Test(arguments: bad)
    func badOverrideIsNamed(_ bad: Bad) throws {
        let error = try #require(planError(Self.template, parameters: bad.overrides))
        #expect(error.message == bad.message)
        #expect(error.location == "Parameters/\(bad.overrides.keys.first!)")
    }

    @Test func missingValueNamesTheParameter() throws {
        let error = try #require(planError("Parameters:\n  AppName:\n    Type: String\nResources:\n  Thing:\n    Type: AWS::S3::Bucket\n"))
        #expect(error.location == "Parameters/AppName")
        #expect(error.message == "parameter 'AppName' needs a value: it has no Default and none was given")
    }

    @Test func unknownOverrideIsAnError() throws {
        let error = try #require(planError(Self.template, parameters: ["Nope": "1"]))
        #expect(error.message.contains("'Nope'"))
    }

    @Test func badDefaultIsFoundAtLoad() throws {
        let error = try #require(
            parseError("Parameters:\n  Env:\n    Type: String\n    Default: x\n    AllowedValues: [a]\nResources: {}\n"))
        #expect(error.location == "Parameters/Env/Default")
    }

    @Test func unknownTypeIsAnError() throws {
        let error = try #require(parseError("Parameters:\n  Env:\n    Type: Strin\nResources: {}\n"))
        #expect(error.location == "Parameters/Env/Type")
    }
}
