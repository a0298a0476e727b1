import CortadoJSON
import CortadoStore
import Foundation
import Testing

@testable import CortadoEngine
@testable import CortadoServer

/// Stacks through CloudFormation's actions, as a user of the AWS CLI sees them: what a create makes, what an
/// update changes and removes, what a failure undoes, what is refused before anything is touched, and what a
/// restart finds.
@Suite(.serialized) struct StackServiceTests {
    let h = Harness()

    func cfn(_ action: String, _ body: JSON) async throws -> JSON {
        try await h.server.cloudFormation.handle(action: action, body: body).get()
    }

    func cfnError(_ action: String, _ body: JSON) async -> AWSError? {
        if case .failure(let e) = await h.server.cloudFormation.handle(action: action, body: body) { return e }
        return nil
    }

    func stack(_ name: String) async throws -> JSON {
        try #require(try await cfn("DescribeStacks", ["StackName": .string(name)])["Stacks"]?.arrayValue?.first)
    }

    func create(_ name: String, _ template: String, _ parameters: [String: String] = [:]) async throws -> JSON {
        try await cfn(
            "CreateStack",
            [
                "StackName": .string(name), "TemplateBody": .string(template),
                "Capabilities": ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
                "Parameters": .array(parameters.map { ["ParameterKey": .string($0.key), "ParameterValue": .string($0.value)] }),
            ])
    }

    func update(_ name: String, _ template: String) async throws -> JSON {
        try await cfn(
            "UpdateStack",
            ["StackName": .string(name), "TemplateBody": .string(template), "Capabilities": ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]])
    }

    func tables() async throws -> [JSON] {
        try await h.server.tables.handle(action: "ListTables", body: [:]).get()["TableNames"]?.arrayValue ?? []
    }

    func machines() async throws -> [String] {
        (try await h.call("ListStateMachines", [:])["stateMachines"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    static let shop = """
        Parameters:
          Env:
            Type: String
            Default: dev
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub orders-${Env}
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              KeySchema: [{AttributeName: id, KeyType: HASH}]
          Bus:
            Type: AWS::Events::EventBus
            Properties: {Name: Shop}
          Flow:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              StateMachineName: shop-flow
              RoleArn: arn:aws:iam::000000000000:role/flow
              DefinitionString: !Sub '{"StartAt":"Save","States":{"Save":{"Type":"Pass","Result":"${Orders}","End":true}}}'
          NewOrder:
            Type: AWS::Events::Rule
            Properties:
              EventBusName: !Ref Bus
              EventPattern: {source: [shop]}
              Targets: [{Id: flow, Arn: !Ref Flow, RoleArn: arn:aws:iam::000000000000:role/events}]
        Outputs:
          FlowArn:
            Value: !GetAtt Flow.Arn
          Table:
            Value: !Ref Orders
            Description: the order table
        """

    @Test func aCreateMakesEveryResourceInOrderAndResolvesTheOutputs() async throws {
        let answer = try await create("shop", Self.shop, ["Env": "test"])
        let id = try #require(answer["StackId"]?.stringValue)
        #expect(id.hasPrefix("arn:aws:cloudformation:us-east-1:000000000000:stack/shop/"))
        let s = try await stack("shop")
        #expect(s["StackStatus"] == "CREATE_COMPLETE")
        #expect(s["Parameters"] == [["ParameterKey": "Env", "ParameterValue": "test"]])
        #expect(
            s["Outputs"] == [
                ["OutputKey": "FlowArn", "OutputValue": "arn:aws:states:us-east-1:000000000000:stateMachine:shop-flow"],
                ["OutputKey": "Table", "OutputValue": "orders-test", "Description": "the order table"],
            ])
        #expect(try await tables() == ["orders-test"])
        let described = try await h.call(
            "DescribeStateMachine", ["stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:shop-flow"])
        #expect(described["definition"]?.stringValue?.contains(#""Result":"orders-test""#) == true)

        // Events, newest first, as DescribeStackEvents lists them: each resource after what it references.
        let events = try #require(try await cfn("DescribeStackEvents", ["StackName": "shop"])["StackEvents"]?.arrayValue)
        let story = events.reversed().map { "\($0["LogicalResourceId"]!.stringValue!) \($0["ResourceStatus"]!.stringValue!)" }
        #expect(story.first == "shop CREATE_IN_PROGRESS" && story.last == "shop CREATE_COMPLETE")
        let completed = story.filter { $0.hasSuffix(" CREATE_COMPLETE") }.map { $0.split(separator: " ")[0] }
        #expect(completed.firstIndex(of: "Flow")! < completed.firstIndex(of: "NewOrder")!)
        #expect(completed.firstIndex(of: "Bus")! < completed.firstIndex(of: "NewOrder")!)
        let resources = try #require(try await cfn("DescribeStackResources", ["StackName": "shop"])["StackResources"]?.arrayValue)
        #expect(resources.count == 4)
        #expect(
            resources.first { $0["LogicalResourceId"] == "NewOrder" }?["PhysicalResourceId"]?.stringValue?.hasPrefix("Shop|shop-NewOrder-")
                == true)

        #expect(await cfnError("CreateStack", ["StackName": "shop", "TemplateBody": .string(Self.shop)])?.type == "AlreadyExistsException")
    }

    @Test func anUpdateChangesInPlaceRemovesWhatWentAndSaysWhenNothingChanges() async throws {
        _ = try await create("shop", Self.shop)
        let flowArn: JSON = "arn:aws:states:us-east-1:000000000000:stateMachine:shop-flow"
        let changed = Self.shop.replacingOccurrences(of: #""Type":"Pass""#, with: #""Type":"Pass","Comment":"v2""#)
            .replacingOccurrences(
                of: """
                      NewOrder:
                        Type: AWS::Events::Rule
                        Properties:
                          EventBusName: !Ref Bus
                          EventPattern: {source: [shop]}
                          Targets: [{Id: flow, Arn: !Ref Flow, RoleArn: arn:aws:iam::000000000000:role/events}]

                    """, with: "")
        #expect(changed != Self.shop)
        _ = try await update("shop", changed)
        let s = try await stack("shop")
        #expect(s["StackStatus"] == "UPDATE_COMPLETE")
        #expect(s["LastUpdatedTime"] != nil)
        let definition = try await h.call("DescribeStateMachine", ["stateMachineArn": flowArn])["definition"]
        #expect(definition?.stringValue?.contains("v2") == true)
        let rules = try await h.server.events.handle(action: "ListRules", body: ["EventBusName": "Shop"]).get()["Rules"]?.arrayValue
        #expect(rules?.isEmpty == true)
        #expect(try await cfn("DescribeStackResources", ["StackName": "shop"])["StackResources"]?.arrayValue?.count == 3)

        let again = await cfnError(
            "UpdateStack", ["StackName": "shop", "TemplateBody": .string(changed), "Capabilities": ["CAPABILITY_IAM"]])
        #expect(again?.type == "ValidationError")
        #expect(again?.message == "No updates are to be performed.")
    }

    static let failing = """
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders-rollback
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              KeySchema: [{AttributeName: id, KeyType: HASH}]
              BillingMode: PAY_PER_REQUEST
          Broken:
            Type: AWS::Lambda::Function
            DependsOn: Orders
            Properties:
              Runtime: cobol85
              Handler: index.handler
              Role: arn:aws:iam::000000000000:role/x
              Code: {ZipFile: "def handler(e, c): return 1"}
        """

    @Test func aFailedCreateRemovesWhatItMade() async throws {
        _ = try await create("broken", Self.failing)
        let s = try await stack("broken")
        #expect(s["StackStatus"] == "ROLLBACK_COMPLETE")
        #expect(s["StackStatusReason"] == "The following resource(s) failed to create: [Broken]. Rollback requested by user.")
        #expect(try await tables().isEmpty)
        let events = try #require(try await cfn("DescribeStackEvents", ["StackName": "broken"])["StackEvents"]?.arrayValue)
        let failed = try #require(events.first { $0["ResourceStatus"] == "CREATE_FAILED" })
        #expect(failed["LogicalResourceId"] == "Broken")
        #expect(failed["ResourceStatusReason"]?.stringValue?.contains("cobol85") == true)
        #expect(events.contains { $0["LogicalResourceId"] == "Orders" && $0["ResourceStatus"] == "DELETE_COMPLETE" })
        // A stack that rolled back cannot be updated, only deleted.
        let update = await cfnError("UpdateStack", ["StackName": "broken", "TemplateBody": .string(Self.failing)])
        #expect(update?.message.contains("is in ROLLBACK_COMPLETE state and can not be updated") == true)
        _ = try await cfn("DeleteStack", ["StackName": "broken"])
        #expect(await cfnError("DescribeStacks", ["StackName": "broken"])?.message == "Stack with id broken does not exist")
    }

    @Test func aFailedUpdatePutsBackWhatItChanged() async throws {
        _ = try await create("shop", Self.shop)
        let flowArn: JSON = "arn:aws:states:us-east-1:000000000000:stateMachine:shop-flow"
        let before = try await h.call("DescribeStateMachine", ["stateMachineArn": flowArn])["definition"]
        let outputs = Self.shop.range(of: "Outputs:")!.lowerBound
        let changed =
            String(Self.shop[..<outputs]).replacingOccurrences(of: #""Type":"Pass""#, with: #""Type":"Pass","Comment":"v2""#)
                + """
                  Broken:
                    Type: AWS::Lambda::Function
                    DependsOn: Flow
                    Properties:
                      Runtime: cobol85
                      Handler: index.handler
                      Role: arn:aws:iam::000000000000:role/x
                      Code: {ZipFile: "x"}
                """
        _ = try await update("shop", changed)
        let s = try await stack("shop")
        #expect(s["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE")
        #expect(try await h.call("DescribeStateMachine", ["stateMachineArn": flowArn])["definition"] == before)
        #expect(s["Outputs"]?.arrayValue?.count == 2)
        #expect(try await cfn("GetTemplate", ["StackName": "shop"])["TemplateBody"] == .string(Self.shop))
    }

    @Test func aBadTemplateOrDefinitionIsRefusedBeforeAnythingIsMade() async throws {
        let badDefinition = Self.shop.replacingOccurrences(of: #""End":true"#, with: #""Next":"Nowhere""#)
        let e = await cfnError("CreateStack", ["StackName": "shop", "TemplateBody": .string(badDefinition)])
        #expect(e?.type == "ValidationError")
        #expect(e?.message.hasPrefix("Template error: resource Flow: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET") == true)
        #expect(e?.message.contains("at /States/Save/Next") == true)

        let missing = Self.shop.replacingOccurrences(of: "!Ref Orders", with: "!Ref Order")
        let unresolved = await cfnError("CreateStack", ["StackName": "shop", "TemplateBody": .string(missing)])?.message ?? ""
        #expect(unresolved.hasPrefix("Template format error: Outputs/Table/Value"))
        #expect(unresolved.contains("'Order'"))
        let cycle = "Resources:\n  A: {Type: AWS::S3::Bucket, DependsOn: B}\n  B: {Type: AWS::S3::Bucket, DependsOn: A}\n"
        #expect(
            await cfnError("CreateStack", ["StackName": "shop", "TemplateBody": .string(cycle)])?.message.contains("circular dependency")
                == true)
        let queue = "Resources:\n  Q: {Type: AWS::SQS::Queue}\n  B: {Type: AWS::S3::Bucket}\n"
        #expect(
            await cfnError("CreateStack", ["StackName": "shop", "TemplateBody": .string(queue)])?.message
                == "Template format error: Cortado does not make resources of these types: Q (AWS::SQS::Queue)")
        #expect(
            await cfnError("CreateStack", ["StackName": "9lives", "TemplateBody": .string(queue)])?.message.contains("stackName") == true)
        #expect(try await tables().isEmpty)
        #expect(try await machines().isEmpty)
        #expect(try await cfn("ListStacks", [:])["StackSummaries"] == [])
    }

    @Test func aFailedDeleteNamesTheResourceAndKeepsItsRecord() async throws {
        let template = "Resources:\n  Invoices:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: invoices}\n"
        _ = try await create("billing", template)
        _ = await h.server.s3.handle(
            S3HTTPRequest(method: "PUT", path: "/invoices/a.json", headers: ["host": "localhost"], body: Array("{}".utf8)))
        _ = try await cfn("DeleteStack", ["StackName": "billing"])
        let s = try await stack("billing")
        #expect(s["StackStatus"] == "DELETE_FAILED")
        #expect(s["StackStatusReason"] == "The following resource(s) failed to delete: [Invoices]. ")
        let resource = try #require(try await cfn("DescribeStackResources", ["StackName": "billing"])["StackResources"]?.arrayValue?.first)
        #expect(resource["ResourceStatus"] == "DELETE_FAILED")
        #expect(resource["ResourceStatusReason"]?.stringValue?.contains("not empty") == true, "\(resource)")
    }

    @Test func aLogGroupKeepsItsRetentionAndABadOneLeavesNothingBehind() async throws {
        let template =
            "Resources:\n  Log:\n    Type: AWS::Logs::LogGroup\n    Properties: {LogGroupName: /shop/all, RetentionInDays: DAYS}\n"
        _ = try await create("logs", template.replacingOccurrences(of: "DAYS", with: "7"))
        let groups = try await h.server.logs.handle(action: "DescribeLogGroups", body: [:]).get()["logGroups"]?.arrayValue ?? []
        #expect(groups.map { $0["retentionInDays"] } == [7])
        _ = try await update("logs", template.replacingOccurrences(of: "DAYS", with: "14"))
        let changed = try await h.server.logs.handle(action: "DescribeLogGroups", body: [:]).get()["logGroups"]?.arrayValue ?? []
        #expect(changed.map { $0["retentionInDays"] } == [14])
        _ = try await cfn("DeleteStack", ["StackName": "logs"])

        _ = try await create("bad-logs", template.replacingOccurrences(of: "DAYS", with: "8"))
        #expect(try await stack("bad-logs")["StackStatus"] == "ROLLBACK_COMPLETE")
        let left = try await h.server.logs.handle(action: "DescribeLogGroups", body: [:]).get()["logGroups"]?.arrayValue
        #expect(left == [])
    }

    @Test func capabilitiesAreAskedForAsCloudFormationAsksForThem() async throws {
        let sam = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {InlineCode: "def handler(e, c): return 1", Handler: index.handler, Runtime: python3.12}
            """
        let none = await cfnError("CreateStack", ["StackName": "sam", "TemplateBody": .string(sam)])
        #expect(none?.type == "InsufficientCapabilitiesException")
        #expect(none?.message == "Requires capabilities : [CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM]")
        let summary = try await cfn("ValidateTemplate", ["TemplateBody": .string(sam)])
        #expect(summary["DeclaredTransforms"] == ["AWS::Serverless-2016-10-31"])
        _ = try await create("sam", sam)
        #expect(try await stack("sam")["StackStatus"] == "CREATE_COMPLETE")
    }

    @Test func aDeleteRemovesEverythingButWhatIsRetained() async throws {
        let retained = Self.shop.replacingOccurrences(
            of: "    Type: AWS::DynamoDB::Table\n", with: "    Type: AWS::DynamoDB::Table\n    DeletionPolicy: Retain\n")
        let id = try await create("shop", retained)["StackId"]!
        _ = try await cfn("DeleteStack", ["StackName": "shop"])
        #expect(try await machines().isEmpty)
        #expect(try await tables() == ["orders-dev"])
        // Gone by name; by id it is still described, as DELETE_COMPLETE, and listed.
        #expect(await cfnError("DescribeStacks", ["StackName": "shop"]) != nil)
        let gone = try #require(try await cfn("DescribeStacks", ["StackName": id])["Stacks"]?.arrayValue?.first)
        #expect(gone["StackStatus"] == "DELETE_COMPLETE")
        let events = try await cfn("DescribeStackEvents", ["StackName": id])["StackEvents"]?.arrayValue ?? []
        #expect(events.contains { $0["LogicalResourceId"] == "Orders" && $0["ResourceStatus"] == "DELETE_SKIPPED" })
        // Deleting what does not exist is not an error.
        _ = try await cfn("DeleteStack", ["StackName": "shop"])
        // The name is free again.
        _ = try await create("shop", Self.shop.replacingOccurrences(of: "orders-${Env}", with: "orders2-${Env}"))
        #expect(try await stack("shop")["StackStatus"] == "CREATE_COMPLETE")
    }

    @Test func aRestartFindsTheStacksAndMarksAnInterruptedOneFailed() async throws {
        let store = InMemoryStore()
        let first = Harness(store: store)
        _ = try await first.server.cloudFormation.handle(
            action: "CreateStack", body: ["StackName": "shop", "TemplateBody": .string(Self.shop)]
        ).get()
        // A crash in the middle of an operation leaves its record in progress.
        var record = try #require(try await store.allResources(kind: "stack").first)
        record.json = record.json.replacingOccurrences(of: #""status":"CREATE_COMPLETE""#, with: #""status":"CREATE_IN_PROGRESS""#)
        try await store.putResource(record)

        let second = Harness(store: store)
        try await second.server.recover()
        let described = try await second.server.cloudFormation.handle(action: "DescribeStacks", body: ["StackName": "shop"]).get()
        let s = try #require(described["Stacks"]?.arrayValue?.first)
        #expect(s["StackStatus"] == "CREATE_FAILED")
        #expect(s["StackStatusReason"]?.stringValue?.hasPrefix("Cortado stopped while the stack was being changed") == true)
        // Its record still knows what exists, so a delete removes it.
        _ = try await second.server.cloudFormation.handle(action: "DeleteStack", body: ["StackName": "shop"]).get()
        let left = try await second.server.tables.handle(action: "ListTables", body: [:]).get()["TableNames"]
        #expect(left == [])
    }

    @Test func theQueryProtocolReadsFormsAndWritesCloudFormationsXML() throws {
        let form =
            "Action=CreateStack&Version=2010-05-15&StackName=shop&TemplateBody=%7B%22Resources%22%3A+%7B%7D%7D"
            + "&Parameters.member.2.ParameterKey=B&Parameters.member.2.ParameterValue=2"
            + "&Parameters.member.1.ParameterKey=A&Parameters.member.1.ParameterValue=a%26b&Capabilities.member.1=CAPABILITY_IAM"
        let (action, parameters) = try #require(QueryProtocol.decode(form))
        #expect(action == "CreateStack")
        #expect(
            parameters == [
                "StackName": "shop", "TemplateBody": #"{"Resources": {}}"#,
                "Parameters": [["ParameterKey": "A", "ParameterValue": "a&b"], ["ParameterKey": "B", "ParameterValue": "2"]],
                "Capabilities": ["CAPABILITY_IAM"],
            ])
        let xml = QueryProtocol.response("DescribeStacks", ["Stacks": [["StackName": "a<b", "DisableRollback": false]]], requestId: "r1")
        #expect(
            xml == #"<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>"#
                + "<Stacks><member><StackName>a&lt;b</StackName><DisableRollback>false</DisableRollback></member></Stacks>"
                + "</DescribeStacksResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeStacksResponse>")
        #expect(
            QueryProtocol.errorResponse(AWSError("ValidationError", "Stack with id x does not exist"), requestId: "r2")
                == #"<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>"#
                + "<Code>ValidationError</Code><Message>Stack with id x does not exist</Message></Error><RequestId>r2</RequestId></ErrorResponse>"
        )
    }
}
