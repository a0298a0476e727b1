import CortadoJSON
import Testing

@testable import CortadoTemplates

struct TemplateParsingTests {
    struct ShortForm: CustomTestStringConvertible, Sendable {
        var yaml: String
        var json: String
        var testDescription: String { yaml }
    }

    static let shortForms: [ShortForm] = [
        ShortForm(yaml: "!Ref Bucket", json: #"{"Ref":"Bucket"}"#),
        ShortForm(yaml: "!GetAtt Queue.Arn", json: #"{"Fn::GetAtt":["Queue","Arn"]}"#),
        ShortForm(yaml: "!GetAtt Stack.Outputs.Url", json: #"{"Fn::GetAtt":["Stack","Outputs.Url"]}"#),
        ShortForm(yaml: "!GetAtt [Queue, Arn]", json: #"{"Fn::GetAtt":["Queue","Arn"]}"#),
        ShortForm(yaml: "!Sub '${AWS::StackName}-x'", json: #"{"Fn::Sub":"${AWS::StackName}-x"}"#),
        ShortForm(yaml: "!Sub ['${A}', {A: !Ref B}]", json: #"{"Fn::Sub":["${A}",{"A":{"Ref":"B"}}]}"#),
        ShortForm(yaml: "!Join [':', [a, b]]", json: #"{"Fn::Join":[":",["a","b"]]}"#),
        ShortForm(yaml: "!If [IsProd, 1, 2]", json: #"{"Fn::If":["IsProd",1,2]}"#),
        ShortForm(yaml: "!Select [0, !GetAZs '']", json: #"{"Fn::Select":[0,{"Fn::GetAZs":""}]}"#),
        ShortForm(yaml: "!Split [',', 'a,b']", json: #"{"Fn::Split":[",","a,b"]}"#),
        ShortForm(yaml: "!Equals [!Ref Env, prod]", json: #"{"Fn::Equals":[{"Ref":"Env"},"prod"]}"#),
        ShortForm(yaml: "!And [!Condition A, !Condition B]", json: #"{"Fn::And":[{"Condition":"A"},{"Condition":"B"}]}"#),
        ShortForm(
            yaml: "!Or [!Condition A, !Not [!Condition B]]", json: #"{"Fn::Or":[{"Condition":"A"},{"Fn::Not":[{"Condition":"B"}]}]}"#),
        ShortForm(yaml: "!FindInMap [Sizes, !Ref Env, Memory]", json: #"{"Fn::FindInMap":["Sizes",{"Ref":"Env"},"Memory"]}"#),
        ShortForm(yaml: "!Base64 hello", json: #"{"Fn::Base64":"hello"}"#),
        ShortForm(yaml: "!Base64 42", json: #"{"Fn::Base64":"42"}"#),
        ShortForm(yaml: "!Sub |\n        line ${A}", json: #"{"Fn::Sub":"line ${A}\n"}"#),
        ShortForm(yaml: "!GetAZs us-east-1", json: #"{"Fn::GetAZs":"us-east-1"}"#),
        ShortForm(yaml: "!ImportValue shared-vpc", json: #"{"Fn::ImportValue":"shared-vpc"}"#),
        ShortForm(yaml: "!Cidr ['10.0.0.0/16', 4, 8]", json: #"{"Fn::Cidr":["10.0.0.0/16",4,8]}"#),
    ]

    @Test(arguments: shortForms)
    func shortFormBecomesLongForm(_ form: ShortForm) throws {
        let value = try properties(of: "Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      V: \(form.yaml)\n")
        #expect(value["V"] == (try JSON(parsing: form.json)))
    }

    @Test func scalarsKeepTheirTypes() throws {
        let value = try properties(
            of: """
                Resources:
                  Thing:
                    Type: AWS::S3::Bucket
                    Properties:
                      Int: 30
                      Double: 1.5
                      Yes: true
                      No: false
                      Quoted: "30"
                      Single: 'true'
                      Account: 012345678901
                      Nothing:
                      Date: 2010-09-09
                      Word: yes
                """)
        #expect(value["Int"] == .int(30))
        #expect(value["Double"] == .double(1.5))
        #expect(value["Yes"] == .bool(true))
        #expect(value["No"] == .bool(false))
        #expect(value["Quoted"] == .string("30"))
        #expect(value["Single"] == .string("true"))
        #expect(value["Account"] == .string("012345678901"))
        #expect(value["Nothing"] == .null)
        #expect(value["Date"] == .string("2010-09-09"))
        #expect(value["Word"] == .string("yes"))
    }

    @Test func keysKeepTheirOrder() throws {
        let value = try properties(of: "Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties: {Zeta: 1, Alpha: 2, Mid: 3}\n")
        #expect(value.objectValue?.keys == ["Zeta", "Alpha", "Mid"])
    }

    @Test func jsonTemplate() throws {
        let template = try Template(
            parsing: """
                {
                  "Parameters": {"Name": {"Type": "String", "Default": "b"}},
                  "Resources": {"Thing": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Name"}}}}
                }
                """)
        #expect(template.parameters.map(\.name) == ["Name"])
        #expect(template.processed["Resources"]?["Thing"]?["Properties"]?["BucketName"] == ["Ref": "Name"])
        let plan = try template.plan(stackName: "s", region: "us-east-1", account: "1")
        #expect(plan.resources.map(\.logicalId) == ["Thing"])
    }

    @Test func unknownTagIsLocated() throws {
        let error = try #require(parseError("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      V: !Reff x\n"))
        #expect(error.location == "Resources/Thing/Properties/V")
        #expect(error.message == "unknown tag '!Reff'")
        #expect(error.line == 5)
    }

    @Test func duplicateKeyIsLocated() throws {
        let error = try #require(
            parseError("Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      Name: a\n      Name: b\n"))
        #expect(error == TemplateError(location: "Resources/Thing/Properties", message: "duplicate key 'Name'", line: 5))
    }

    @Test func yamlSyntaxErrorIsLocated() throws {
        let error = try #require(
            parseError(
                "Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: a\n        - Key: 'b\n"))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.line == 8)
        #expect(error.location == "Resources/Thing/Properties/Tags/1/Key")
    }

    @Test(arguments: [
        (3, "Resources/Thing/Type"),
        (6, "Resources/Thing/Properties/Tags/0"),
        (7, "Resources/Thing/Properties/Tags/1/Key"),
        (8, "Resources/Thing/Properties/Tags/1/Value"),
        (10, "Resources/Thing/Properties/Script"),
        (11, "Resources/Other"),
    ])
    func linesAreLocated(_ line: Int, _ location: String) {
        let text = """
            Resources:  # the resources
              Thing:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - {Key: a, Value: b}
                    - Key: "c: d"
                      Value: e
                  Script: |
                    echo: not a key
              Other:

            """
        #expect(YAMLLocator.components(atLine: line, in: text).joined(separator: "/") == location)
    }

    @Test func jsonDuplicateKeyIsLocated() throws {
        let error = try #require(
            parseError(#"{"Resources": {"Thing": {"Type": "AWS::S3::Bucket", "Properties": {"A": 1,\#n "A": 2}}}}"#))
        #expect(error.message == "duplicate key 'A'")
        #expect(error.location == "Resources/Thing/Properties")
        #expect(error.line == 1)
    }

    @Test func jsonSyntaxErrorHasALine() throws {
        let error = try #require(parseError("{\n  \"Resources\": {,\n}"))
        #expect(error.message.hasPrefix("JSON syntax error"))
        #expect(error.line == 2)
    }

    @Test func resourcesAreChecked() throws {
        #expect(parseError("Parameters: {}\n")?.location == "Resources")
        #expect(parseError("Resources:\n  Thing:\n    Properties: {}\n")?.location == "Resources/Thing/Type")
        #expect(parseError("Resources:\n  Thing-1:\n    Type: AWS::S3::Bucket\n")?.message == "a logical id must be alphanumeric")
        let reserved = parseError("Resources:\n  Thing:\n    Type: Cortado::Api\n")
        #expect(reserved?.location == "Resources/Thing/Type")
    }

    @Test func otherTransformsAreRefused() throws {
        let error = parseError("Transform: AWS::LanguageExtensions\nResources:\n  Thing:\n    Type: AWS::S3::Bucket\n")
        #expect(error?.location == "Transform")
    }
}
