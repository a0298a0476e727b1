import CortadoJSON
import Foundation
import Testing

@testable import CortadoEngine

/// Each resource type a stack makes, made, changed and removed through the services as a user of the APIs
/// then sees it (`StackServices`, the stack engine's hands).
@Suite(.serialized) struct StackResourceTests {
    let h = Harness()
    var stack: StackContext { StackContext(stackName: "shop", region: "us-east-1", account: "000000000000") }
    var services: StackServices { h.server.stackServices }

    @Test func stateMachinesAreCreatedUpdatedAndDeleted() async throws {
        let definition: JSON = ["StartAt": "P", "States": ["P": ["Type": "Pass", "Result": "${Greeting}", "End": true]]]
        let made = try await services.create(
            "OrderProcessor", type: "AWS::StepFunctions::StateMachine",
            ["StateMachineName": "OrderProcessorWorkflow", "Definition": definition, "DefinitionSubstitutions": ["Greeting": "hello"]],
            stack)
        #expect(made.ref == "arn:aws:states:us-east-1:000000000000:stateMachine:OrderProcessorWorkflow")
        #expect(made.attributes["Name"] == "OrderProcessorWorkflow")
        let described = try await h.call("DescribeStateMachine", ["stateMachineArn": made.ref])
        #expect(described["definition"]?.stringValue?.contains("\"hello\"") == true)

        let changed: JSONObject = [
            "StateMachineName": "OrderProcessorWorkflow", "DefinitionString": #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#,
        ]
        let updated = try await services.update(made, from: ["StateMachineName": "OrderProcessorWorkflow"], to: changed, stack)
        #expect(updated == made)  // changed in place
        #expect(try await h.call("DescribeStateMachine", ["stateMachineArn": made.ref])["definition"] == changed["DefinitionString"])

        try await services.delete(made, changed, stack)
        await #expect(throws: Error.self) { try await h.call("DescribeStateMachine", ["stateMachineArn": made.ref]) }
    }

    @Test func aGeneratedNameFollowsCloudFormation() async throws {
        let made = try await services.create(
            "Flow", type: "AWS::StepFunctions::StateMachine",
            ["DefinitionString": #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#], stack)
        let name = try #require(made.attributes["Name"]?.stringValue)
        // CloudFormation's state machine names leave the stack out: `<LogicalId>-<12 letters and digits>`.
        #expect(name.hasPrefix("Flow-"))
        #expect(name.count == "Flow-".count + 12)
    }

    @Test func busesRulesAndTargetsAreMadeAndRemoved() async throws {
        let bus = try await services.create("Bus", type: "AWS::Events::EventBus", ["Name": "Serverlesspresso"], stack)
        #expect(bus.attributes["Arn"] == "arn:aws:events:us-east-1:000000000000:event-bus/Serverlesspresso")
        let group = try await services.create("Log", type: "AWS::Logs::LogGroup", ["LogGroupName": "/aws/events/all"], stack)
        let rule = try await services.create(
            "LogAll", type: "AWS::Events::Rule",
            [
                "Name": "serverlesspresso-log-all", "EventBusName": "Serverlesspresso",
                "EventPattern": ["source": [["prefix": ""]]], "State": "ENABLED",
                "Targets": [["Id": "logs", "Arn": group.attributes["Arn"]!]],
            ], stack)
        #expect(rule.ref == "Serverlesspresso|serverlesspresso-log-all")
        let targets = try await h.server.events.handle(
            action: "ListTargetsByRule", body: ["Rule": "serverlesspresso-log-all", "EventBusName": "Serverlesspresso"]
        ).get()
        #expect(targets["Targets"]?.arrayValue?.count == 1)
        try await services.delete(rule, ["Targets": [["Id": "logs"]]], stack)
        let rules = try await h.server.events.handle(action: "ListRules", body: ["EventBusName": "Serverlesspresso"]).get()
        #expect(rules["Rules"]?.arrayValue?.isEmpty == true)
    }

    @Test func tablesGetTheirStreamsAndTimeToLive() async throws {
        let table = try await services.create(
            "OrderTable", type: "AWS::DynamoDB::Table",
            [
                "TableName": "serverlesspresso-order-table",
                "AttributeDefinitions": [["AttributeName": "PK", "AttributeType": "S"], ["AttributeName": "SK", "AttributeType": "S"]],
                "KeySchema": [["AttributeName": "PK", "KeyType": "HASH"], ["AttributeName": "SK", "KeyType": "RANGE"]],
                "StreamSpecification": ["StreamViewType": "NEW_AND_OLD_IMAGES"],
                "TimeToLiveSpecification": ["AttributeName": "TTL", "Enabled": true],
            ], stack)
        #expect(table.ref == "serverlesspresso-order-table")
        #expect(table.attributes["StreamArn"]?.stringValue?.contains("/stream/") == true)
        let described = try await h.server.tables.handle(action: "DescribeTable", body: ["TableName": "serverlesspresso-order-table"]).get()
        #expect(described["Table"]?["BillingModeSummary"]?["BillingMode"] == "PAY_PER_REQUEST")
        let ttl = try await h.server.tables.handle(action: "DescribeTimeToLive", body: ["TableName": "serverlesspresso-order-table"]).get()
        #expect(ttl["TimeToLiveDescription"]?["AttributeName"] == "TTL")
    }

    @Test func inlineFunctionCodeIsPackagedAndRuns() async throws {
        let made = try await services.create(
            "Hello", type: "AWS::Lambda::Function",
            [
                "FunctionName": "stack-hello", "Runtime": "python3.12", "Handler": "index.handler",
                "Code": ["ZipFile": "def handler(event, context):\n    return {'hello': event['name']}\n"],
            ], stack)
        #expect(made.attributes["Arn"] == "arn:aws:lambda:us-east-1:000000000000:function:stack-hello")
        let result = try await h.server.lambda.invoke(function: "stack-hello", payload: Array(#"{"name": "Ada"}"#.utf8))
        #expect(try JSON(parsing: String(decoding: result.payload, as: UTF8.self)) == ["hello": "Ada"])
        try await services.delete(made, [:], stack)
        await #expect(throws: Error.self) { try await h.server.lambda.invoke(function: "stack-hello", payload: []) }
    }

    @Test func functionCodeIsReadFromCortadosS3AsSamPackageLeavesIt() async throws {
        let zip = try FunctionHandler.zip([("app.py", Array("def handler(event, context):\n    return 'from s3'\n".utf8))], "Fn")
        _ = await h.server.s3.handle(S3HTTPRequest(method: "PUT", path: "/artifacts", headers: ["host": "localhost"]))
        let put = await h.server.s3.handle(
            S3HTTPRequest(method: "PUT", path: "/artifacts/fn/code.zip", headers: ["host": "localhost"], body: Array(zip)))
        #expect(put.status == 200)
        _ = try await services.create(
            "Fn", type: "AWS::Lambda::Function",
            [
                "FunctionName": "from-s3", "Runtime": "python3.12", "Handler": "app.handler",
                "Code": ["S3Bucket": "artifacts", "S3Key": "fn/code.zip"],
            ], stack)
        let result = try await h.server.lambda.invoke(function: "from-s3", payload: Array("{}".utf8))
        #expect(String(decoding: result.payload, as: UTF8.self) == #""from s3""#)
        let missing = await #expect(throws: StackError.self) {
            try await services.create(
                "Gone", type: "AWS::Lambda::Function",
                ["Runtime": "python3.12", "Handler": "app.handler", "Code": ["S3Bucket": "artifacts", "S3Key": "nope.zip"]], stack)
        }
        #expect(
            missing?.message.hasPrefix("InvalidParameterValueException: Error occurred while GetObject. S3 Error Code: NoSuchKey") == true)
    }

    @Test func apisFromTheTransformAreServed() async throws {
        let machine = try await h.createMachine("Orders", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        let api = try await services.create(
            "ServerlessHttpApi", type: "Cortado::Api",
            [
                "Name": "shop", "Protocol": "HTTP", "StageName": "$default",
                "Routes": [["Method": "POST", "Path": "/orders", "Target": ["Type": "StartExecution", "StateMachine": .string(machine)]]],
            ], stack)
        let id = try #require(api.ref.stringValue)
        #expect(h.server.routes.api(id)?.kind == .http)
        let answer = await h.server.routes.handle(
            apiId: id, stage: "$default", ApiHTTPRequest(method: "POST", path: "/orders", rawQuery: "", headers: [], body: Array("{}".utf8))
        )
        #expect(answer.status == 200)
        try await services.delete(api, [:], stack)
        #expect(h.server.routes.api(id) == nil)
        let bad = await #expect(throws: StackError.self) {
            try await services.create(
                "Bad", type: "Cortado::Api", ["Routes": [["Method": "GET", "Path": "/x", "Target": ["Type": "SQS"]]]], stack)
        }
        #expect(bad == StackError("Bad", "Properties/Routes/0/Target/Type must be Function or StartExecution"))
    }

    @Test func unknownTypesAndServiceErrorsNameTheResource() async throws {
        let unknown = await #expect(throws: StackError.self) {
            try await services.create("Queue", type: "AWS::SQS::Queue", [:], stack)
        }
        #expect(unknown == StackError("Queue", "Cortado does not make resources of type AWS::SQS::Queue"))
        let bad = await #expect(throws: StackError.self) {
            try await services.create("Broken", type: "AWS::StepFunctions::StateMachine", ["DefinitionString": "{}"], stack)
        }
        #expect(bad?.logicalId == "Broken")
        #expect(bad?.message.hasPrefix("InvalidDefinition") == true)
        let role = try await services.create("Role", type: "AWS::IAM::Role", ["RoleName": "app"], stack)
        #expect(role.attributes["Arn"] == "arn:aws:iam::000000000000:role/app")
    }
}
