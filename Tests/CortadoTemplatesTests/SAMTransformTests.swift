import CortadoJSON
import Testing

@testable import CortadoTemplates

struct SAMTransformTests {
    static func ordersPlan(stage: String = "dev") throws -> DeploymentPlan {
        try Template(parsing: fixture("orders.yaml"))
            .plan(parameters: ["Stage": stage], stackName: "orders", region: "eu-west-1", account: "123456789012")
    }

    static func resource(_ plan: DeploymentPlan, _ id: String) throws -> PlannedResource {
        try #require(plan.resources.first { $0.logicalId == id }, "no resource \(id)")
    }

    @Test func expandsAsSAMNamesThings() throws {
        let plan = try Self.ordersPlan()
        let types = Dictionary(uniqueKeysWithValues: plan.resources.map { ($0.logicalId, $0.type) })
        #expect(
            types == [
                "OrdersBus": "AWS::Events::EventBus",
                "OrderTable": "AWS::DynamoDB::Table",
                "AuditTable": "AWS::DynamoDB::Table",
                "OrderWorkflow": "AWS::StepFunctions::StateMachine",
                "OrderWorkflowRole": "AWS::IAM::Role",
                "OrderWorkflowOrderPlaced": "AWS::Events::Rule",
                "OrderWorkflowOrderPlacedRole": "AWS::IAM::Role",
                "OrderWorkflowOrderCancelled": "AWS::Events::Rule",
                "OrderWorkflowOrderCancelledRole": "AWS::IAM::Role",
                "NotifyFunction": "AWS::Lambda::Function",
                "NotifyFunctionRole": "AWS::IAM::Role",
                "NotifyFunctionOrderSaved": "AWS::Events::Rule",
                "NotifyFunctionOrderSavedPermission": "AWS::Lambda::Permission",
                "NotifyFunctionTableStream": "AWS::Lambda::EventSourceMapping",
                "ServerlessRestApi": "Cortado::Api",
            ])
        #expect(plan.unsupported.isEmpty)
        // Everything comes after what it references.
        let position = Dictionary(uniqueKeysWithValues: plan.resources.enumerated().map { ($1.logicalId, $0) })
        for resource in plan.resources {
            for dependency in resource.dependencies { #expect(position[dependency]! < position[resource.logicalId]!) }
        }
    }

    @Test func simpleTable() throws {
        let table = try Self.resource(Self.ordersPlan(), "OrderTable")
        #expect(
            JSON.object(table.properties)
                == [
                    "AttributeDefinitions": [["AttributeName": "orderId", "AttributeType": "S"]],
                    "KeySchema": [["AttributeName": "orderId", "KeyType": "HASH"]],
                    "BillingMode": "PAY_PER_REQUEST",
                    "TableName": ["Fn::Sub": "${AppName}-order-table"],
                ])
    }

    @Test func stateMachineDefinitionIsSubstitutedText() throws {
        let machine = try Self.resource(Self.ordersPlan(), "OrderWorkflow")
        #expect(machine.properties["StateMachineName"] == ["Fn::Sub": "${AppName}-workflow"])
        #expect(machine.properties["StateMachineType"] == "STANDARD")
        #expect(machine.properties["RoleArn"] == ["Fn::GetAtt": ["OrderWorkflowRole", "Arn"]])
        #expect(machine.properties["TracingConfiguration"] == nil)
        let sub = try #require(machine.properties["DefinitionString"]?["Fn::Sub"]?.arrayValue)
        #expect(sub[1] == ["OrderTableName": ["Ref": "OrderTable"], "BusName": ["Fn::GetAtt": ["OrdersBus", "Name"]]])
        #expect(Set(machine.dependencies) == ["OrderTable", "OrdersBus", "OrderWorkflowRole"])
        // Resolved with what the resources returned, the text is the definition with the values in place.
        let plan = try Self.ordersPlan()
        let resolver = plan.resolver(resources: [
            "OrderTable": (ref: "orders-order-table", attributes: [:]),
            "OrdersBus": (ref: "orders-bus", attributes: ["Name": "orders-bus"]),
        ])
        let text = try #require(resolver.resolve(["Fn::Sub": .array(sub)]).stringValue)
        let definition = try JSON(parsing: text)
        #expect(definition["States"]?["Save"]?["Parameters"]?["TableName"] == "orders-order-table")
        #expect(definition["States"]?["Announce"]?["Parameters"]?["Entries"]?.arrayValue?.first?["EventBusName"] == "orders-bus")
        #expect(definition["States"]?["Save"]?["Parameters"]?["Item"]?["orderId"]?["S.$"] == "$.detail.orderId")
    }

    @Test func stateMachineEventBridgeRules() throws {
        let plan = try Self.ordersPlan()
        let placed = try Self.resource(plan, "OrderWorkflowOrderPlaced")
        #expect(placed.properties["EventBusName"] == ["Ref": "OrdersBus"])
        #expect(placed.properties["EventPattern"] == ["source": ["orders.api"], "detail-type": ["OrderPlaced"]])
        #expect(
            placed.properties["Targets"]
                == [
                    [
                        "Arn": ["Ref": "OrderWorkflow"], "Id": "OrderWorkflowOrderPlacedStepFunctionsTarget",
                        "RoleArn": ["Fn::GetAtt": ["OrderWorkflowOrderPlacedRole", "Arn"]], "InputPath": "$",
                    ]
                ])
        let cancelled = try Self.resource(plan, "OrderWorkflowOrderCancelled")
        #expect(cancelled.properties["Targets"]?.arrayValue?.first?["Id"] == "OrderWorkflowOrderCancelledStepFunctionsTarget")
    }

    @Test func functionWithGlobals() throws {
        let plan = try Self.ordersPlan()
        let function = try Self.resource(plan, "NotifyFunction")
        #expect(function.properties["CodeUri"] == "src/notify/")
        #expect(function.properties["Code"] == nil)
        #expect(function.properties["Runtime"] == "python3.12")
        #expect(function.properties["Timeout"] == 10)
        #expect(function.properties["Handler"] == "app.handler")
        #expect(function.properties["Role"] == ["Fn::GetAtt": ["NotifyFunctionRole", "Arn"]])
        #expect(function.properties["Environment"] == ["Variables": ["APP_NAME": ["Ref": "AppName"], "TABLE_NAME": ["Ref": "OrderTable"]]])
        #expect(function.properties["Layers"] == nil)
        #expect(plan.localArtifacts == [LocalArtifact(logicalId: "NotifyFunction", property: "CodeUri", path: "src/notify/")])
        #expect(plan.warnings.contains("Resources/NotifyFunction/Properties/Layers: Cortado ignores it"))
        #expect(plan.warnings.contains("Resources/OrderWorkflow/Properties/Tracing: Cortado ignores it"))
        // FunctionName is an Fn::If whose false branch removes it.
        #expect(try plan.resolver().resolve(function.properties["FunctionName"]!) == .null)
    }

    @Test func functionEvents() throws {
        let plan = try Self.ordersPlan()
        let rule = try Self.resource(plan, "NotifyFunctionOrderSaved")
        #expect(
            rule.properties["Targets"]
                == [
                    [
                        "Arn": ["Fn::GetAtt": ["NotifyFunction", "Arn"]], "Id": "NotifyFunctionOrderSavedLambdaTarget",
                        "Input": #"{"kind": "saved"}"#,
                    ]
                ])
        let permission = try Self.resource(plan, "NotifyFunctionOrderSavedPermission")
        #expect(
            JSON.object(permission.properties)
                == [
                    "Action": "lambda:InvokeFunction", "FunctionName": ["Ref": "NotifyFunction"], "Principal": "events.amazonaws.com",
                    "SourceArn": ["Fn::GetAtt": ["NotifyFunctionOrderSaved", "Arn"]],
                ])
        let stream = try Self.resource(plan, "NotifyFunctionTableStream")
        #expect(
            JSON.object(stream.properties)
                == [
                    "EventSourceArn": ["Fn::GetAtt": ["AuditTable", "StreamArn"]], "FunctionName": ["Ref": "NotifyFunction"],
                    "StartingPosition": "LATEST", "BatchSize": 10, "Enabled": true,
                ])
    }

    @Test func implicitRestApiCollectsRoutes() throws {
        let api = try Self.resource(Self.ordersPlan(), "ServerlessRestApi")
        #expect(api.properties["StageName"] == "Prod")
        #expect(api.properties["Protocol"] == "REST")
        #expect(
            api.properties["Routes"]
                == [
                    ["Method": "POST", "Path": "/orders", "Target": ["Type": "StartExecution", "StateMachine": ["Ref": "OrderWorkflow"]]],
                    [
                        "Method": "GET", "Path": "/orders/{orderId}",
                        "Target": ["Type": "Function", "Function": ["Fn::GetAtt": ["NotifyFunction", "Arn"]]],
                    ],
                ])
        #expect(Set(api.dependencies) == ["OrderWorkflow", "NotifyFunction"])
    }

    @Test func outputsFollowConditions() throws {
        #expect(try Self.ordersPlan().outputs.map(\.name) == ["ApiUrl", "WorkflowArn"])
        #expect(try Self.ordersPlan(stage: "prod").outputs.map(\.name) == ["ApiUrl", "WorkflowArn", "ProdOnly"])
    }

    @Test func explicitHttpApiAndSchedule() throws {
        let plan = try plan(
            """
            Transform: [AWS::Serverless-2016-10-31]
            Globals:
              HttpApi:
                StageName: v1
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
              Nightly:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: "def handler(e, c): return e"
                  Handler: index.handler
                  Runtime: python3.12
                  Role: arn:aws:iam::123456789012:role/existing
                  Events:
                    Tick:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 day)
                        Enabled: false
                        Timezone: UTC
                    Hello:
                      Type: HttpApi
                      Properties:
                        ApiId: !Ref Api
                        Path: /hello
                        Method: get
                    Queue:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:eu-west-1:123456789012:q
            """)
        #expect(plan.resources.map(\.logicalId).sorted() == ["Api", "Nightly", "NightlyTick", "NightlyTickPermission"])
        let nightly = try Self.resource(plan, "Nightly")
        #expect(nightly.properties["Code"] == ["ZipFile": "def handler(e, c): return e"])
        #expect(nightly.properties["Role"] == "arn:aws:iam::123456789012:role/existing")
        let tick = try Self.resource(plan, "NightlyTick")
        #expect(tick.properties["ScheduleExpression"] == "rate(1 day)")
        #expect(tick.properties["State"] == "DISABLED")
        let api = try Self.resource(plan, "Api")
        #expect(api.properties["StageName"] == "v1")
        #expect(
            api.properties["Routes"] == [
                ["Method": "GET", "Path": "/hello", "Target": ["Type": "Function", "Function": ["Fn::GetAtt": ["Nightly", "Arn"]]]]
            ])
        #expect(plan.warnings.contains("Resources/Nightly/Properties/Events/Queue: function events of type SQS are not supported; ignored"))
        #expect(
            plan.warnings.contains("Resources/Nightly/Properties/Events/Tick/Properties/Timezone: not a property Cortado knows; ignored"))
    }

    @Test func routeOfAConditionalFunctionIsConditional() throws {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Env: {Type: String, Default: dev}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Admin:
                Type: AWS::Serverless::Function
                Condition: IsProd
                Properties:
                  InlineCode: x
                  Handler: h
                  Runtime: python3.12
                  Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:x:1]
                  Events:
                    Get: {Type: HttpApi, Properties: {Path: /admin, Method: GET}}
            """
        let dev = try plan(text)
        #expect(dev.resources.map(\.logicalId) == ["ServerlessHttpApi"])
        #expect(dev.warnings.isEmpty)
        let api = try Self.resource(dev, "ServerlessHttpApi")
        #expect(try dev.resolver().resolve(api.properties["Routes"]!) == [])
        let prod = try plan(text, parameters: ["Env": "prod"])
        #expect(prod.warnings == ["Resources/Admin/Properties/Layers: Cortado ignores it"])
        #expect(Set(prod.resources.map(\.logicalId)) == ["Admin", "AdminRole", "ServerlessHttpApi"])
        let routes = try Self.resource(prod, "ServerlessHttpApi").properties["Routes"]!
        let resolved = try prod.resolver(resources: ["Admin": (ref: "admin", attributes: ["Arn": "arn:admin"])]).resolve(routes)
        #expect(resolved == [["Method": "GET", "Path": "/admin", "Target": ["Type": "Function", "Function": "arn:admin"]]])
    }

    @Test func codeFromS3() throws {
        let template = try Template(
            parsing: """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: s3://bucket/path/code.zip, Handler: h, Runtime: nodejs20.x}
                  B:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: {Bucket: b, Key: k, Version: "3"}, Handler: h, Runtime: nodejs20.x}
                """)
        #expect(template.processed["Resources"]?["A"]?["Properties"]?["Code"] == ["S3Bucket": "bucket", "S3Key": "path/code.zip"])
        #expect(template.processed["Resources"]?["B"]?["Properties"]?["Code"] == ["S3Bucket": "b", "S3Key": "k", "S3ObjectVersion": "3"])
        #expect(template.localArtifacts.isEmpty)
    }

    @Test func globalsSections() throws {
        let unused = try Template(
            parsing: "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  LayerVersion: {RetentionPolicy: Delete}\nResources: {}\n")
        #expect(unused.warnings == ["Globals/LayerVersion: Cortado makes no resources of this kind; ignored"])
        let error = parseError("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Functions: {Timeout: 3}\nResources: {}\n")
        #expect(error == TemplateError(location: "Globals/Functions", message: "'Functions' is not a Globals section of SAM"))
    }

    @Test func globalsMerge() {
        let merged = SAMTransform.merge(
            global: ["Timeout": 3, "Environment": ["Variables": ["A": "1", "B": "2"]], "Layers": ["l1"], "Tags": ["Ref": "T"]],
            local: ["Timeout": 30, "Environment": ["Variables": ["B": "3"]], "Layers": ["l2"], "Tags": ["x": "y"]])
        #expect(
            merged == ["Timeout": 30, "Environment": ["Variables": ["A": "1", "B": "3"]], "Layers": ["l1", "l2"], "Tags": ["x": "y"]])
    }

    @Test func definitionSubstitutionsLeaveOtherPlaceholders() {
        #expect(
            SAMTransform.escapePlaceholders(#"{"A": "${Known}", "B": "${other}"}"#, keeping: ["Known"])
                == #"{"A": "${Known}", "B": "${!other}"}"#)
    }

    @Test func simpleTableDefaultsAndErrors() throws {
        let table = try Template(parsing: "Transform: AWS::Serverless-2016-10-31\nResources:\n  T: {Type: AWS::Serverless::SimpleTable}\n")
        #expect(table.processed["Resources"]?["T"]?["Properties"]?["KeySchema"] == [["AttributeName": "id", "KeyType": "HASH"]])
        let error = parseError(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n    Properties: {PrimaryKey: {Name: k, Type: Str}}\n"
        )
        #expect(error?.location == "Resources/T/Properties/PrimaryKey/Type")
    }

    @Test func eventErrorsAreLocated() throws {
        let error = parseError(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  InlineCode: x
                  Handler: h
                  Runtime: python3.12
                  Events:
                    E:
                      Type: EventBridgeRule
                      Properties: {EventBusName: b}
            """)
        #expect(
            error
                == TemplateError(
                    location: "Resources/F/Properties/Events/E/Properties/Pattern", message: "an EventBridgeRule event needs a Pattern"))
    }
}
