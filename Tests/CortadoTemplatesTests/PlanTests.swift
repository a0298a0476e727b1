import CortadoJSON
import Testing

@testable import CortadoTemplates

struct PlanTests {
    @Test func resourcesComeAfterWhatTheyReference() throws {
        let plan = try plan(
            """
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventBusName: !Ref Bus
                  Targets: [{Arn: !GetAtt Machine.Arn, Id: t}]
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  DefinitionString: !Sub '{"Comment": "${Table.Arn} ${Logs}"}'
              Table:
                Type: AWS::DynamoDB::Table
              Bus:
                Type: AWS::Events::EventBus
                DependsOn: [Logs]
              Logs:
                Type: AWS::Logs::LogGroup
            """)
        #expect(plan.resources.map(\.logicalId) == ["Logs", "Bus", "Table", "Machine", "Rule"])
        #expect(plan.resources.last?.dependencies == ["Bus", "Machine"])
        #expect(plan.resources[3].dependencies == ["Table", "Logs"])
    }

    @Test func missingReferenceIsLocated() throws {
        let error = try #require(
            planError("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Ref Nope\n"))
        #expect(error.location == "Resources/A/Properties/X")
        #expect(error.message == "Ref to 'Nope', which is neither a parameter nor a resource")
    }

    @Test(arguments: [
        ("X: !GetAtt Nope.Arn", "Fn::GetAtt to 'Nope', which is not a resource"),
        ("X: !Sub '${Nope.Arn}'", "Fn::Sub ${Nope.Arn} to 'Nope', which is not a resource"),
        ("X: !Sub '${Nope}'", "Fn::Sub ${Nope} to 'Nope', which is neither a parameter nor a resource"),
    ])
    func missingReferenceKinds(_ property: String, _ message: String) throws {
        let error = try #require(planError("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      \(property)\n"))
        #expect(error.message == message)
    }

    @Test func subVariablesDefinedInItsMapAreNotReferences() throws {
        let plan = try plan("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Sub ['${Local}', {Local: x}]\n")
        #expect(plan.resources[0].dependencies == [])
    }

    @Test func missingDependsOnIsLocated() throws {
        let error = try #require(planError("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    DependsOn: [Nope]\n"))
        #expect(error.location == "Resources/A/DependsOn/0")
    }

    @Test func cycleIsNamed() throws {
        let error = try #require(
            planError(
                """
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                    Properties: {X: !Ref B}
                  B:
                    Type: AWS::S3::Bucket
                    Properties: {X: !GetAtt A.Arn}
                """))
        #expect(error.message == "circular dependency: A → B → A")
        #expect(error.location == "Resources/A")
    }

    @Test func selfReferenceIsACycle() throws {
        let error = try #require(planError("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: {X: !Ref A}\n"))
        #expect(error.message == "circular dependency: A → A")
    }

    @Test func typesAreClassified() throws {
        let plan = try plan(
            """
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              Role: {Type: AWS::IAM::Role}
              Bucket: {Type: AWS::S3::Bucket}
            """)
        #expect(plan.resources.map(\.support) == [.unsupported, .ignored, .supported])
        #expect(plan.unsupported.map(\.logicalId) == ["Queue"])
    }

    @Test func serverlessTypesWithoutAnExpansionAreUnsupported() throws {
        let plan = try plan(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Shared:
                Type: AWS::Serverless::LayerVersion
                Properties: {ContentUri: layer/}
              Topic: {Type: AWS::SNS::Topic}
            """)
        #expect(plan.unsupported.map(\.logicalId) == ["Shared", "Topic"])
        #expect(plan.unsupported.map(\.type) == ["AWS::Serverless::LayerVersion", "AWS::SNS::Topic"])
    }

    @Test func cloudFormationJSONTemplate() throws {
        let plan = try plan(
            """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": {"BusName": {"Type": "String", "Default": "orders"}},
              "Resources": {
                "Rule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    "EventBusName": {"Ref": "Bus"},
                    "EventPattern": {"source": ["shop"]},
                    "Targets": [{"Id": "flow", "Arn": {"Ref": "Flow"}, "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}]
                  }
                },
                "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": {"Ref": "BusName"}}},
                "Role": {"Type": "AWS::IAM::Role", "Properties": {}},
                "Flow": {
                  "Type": "AWS::StepFunctions::StateMachine",
                  "Properties": {
                    "DefinitionString": {"Fn::Join": ["", ["{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Succeed\\"}}}"]]},
                    "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]}
                  }
                }
              },
              "Outputs": {"FlowArn": {"Value": {"Ref": "Flow"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-flow"}}}}
            }
            """)
        #expect(plan.resources.map(\.logicalId) == ["Bus", "Role", "Flow", "Rule"])
        #expect(plan.resources.map(\.support) == [.supported, .ignored, .supported, .supported])
        #expect(plan.outputs.first?.exportName == ["Fn::Sub": "${AWS::StackName}-flow"])
        let definition = try plan.resolver().resolve(plan.resources[2].properties["DefinitionString"]!)
        #expect(try JSON(parsing: #require(definition.stringValue))["StartAt"] == "A")
    }

    @Test func subToAResourceLeftOutIsAnError() throws {
        let error = try #require(
            planError(
                """
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  Gone: {Type: AWS::S3::Bucket, Condition: Never}
                  Here:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: !Sub '${Gone}-copy'}
                """))
        #expect(
            error
                == TemplateError(
                    location: "Resources/Here/Properties/BucketName",
                    message: "Fn::Sub ${Gone} to 'Gone', which is not created: its condition 'Never' is false"))
    }

    @Test(arguments: ["Fn::ImportValue", "Fn::Cidr", "Fn::Length", "Fn::Nope"])
    func unsupportedFunctionsAreRefusedByThePlan(_ function: String) throws {
        let error = try #require(
            planError("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: [{\"\(function)\": [a]}]\n"))
        #expect(error.location == "Resources/A/Properties/X/0/\(function)")
        #expect(error.message.hasPrefix("\(function) is not supported"))
    }

    @Test func outputsAreCheckedAndKept() throws {
        let plan = try plan(
            "Resources:\n  B: {Type: AWS::S3::Bucket}\nOutputs:\n  Name:\n    Description: the bucket\n    Value: !Ref B\n    Export: {Name: x}\n"
        )
        #expect(plan.outputs == [PlannedOutput(name: "Name", value: ["Ref": "B"], description: "the bucket", exportName: "x")])
        let error = try #require(planError("Resources:\n  B: {Type: AWS::S3::Bucket}\nOutputs:\n  Name:\n    Value: !Ref C\n"))
        #expect(error.location == "Outputs/Name/Value")
    }
}
