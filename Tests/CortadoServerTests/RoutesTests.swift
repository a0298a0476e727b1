import CortadoEngine
import CortadoJSON
import Foundation
import Testing

/// A stack's HTTP API (`RoutesService`): API Gateway's proxy events to a real Python function, state machines
/// started from a request body, route ranking, and API Gateway's answers for what matches nothing.
@Suite(.serialized) struct RoutesTests {
    let h = Harness()

    /// A Python function answering with the event it got, as API Gateway's proxy response.
    static let echo = """
        import json
        def handler(event, context):
            return {"statusCode": 201, "headers": {"X-Echo": "yes"}, "body": json.dumps(event)}
        """

    func createEcho(_ name: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-route-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.echo.write(to: dir.appendingPathComponent("handler.py"), atomically: true, encoding: .utf8)
        let body: JSON = [
            "FunctionName": .string(name), "Runtime": "python3.12", "Handler": "handler.handler",
            "Role": "arn:aws:iam::000000000000:role/fn", "Code": ["S3Bucket": "cortado-local", "S3Key": .string(dir.path)],
        ]
        let r = await h.server.lambda.handle(
            LambdaHTTPRequest(method: "POST", path: "/2015-03-31/functions", query: [:], headers: [:], body: Array(body.text.utf8)))
        #expect(r.status == 201)
    }

    func request(_ method: String, _ path: String, query: String = "", body: String = "") -> ApiHTTPRequest {
        ApiHTTPRequest(
            method: method, path: path, rawQuery: query, headers: [("Content-Type", "application/json"), ("User-Agent", "test")],
            body: Array(body.utf8))
    }

    @Test func aRestRouteSendsTheProxyEventAndAnswersWithTheFunctionsResponse() async throws {
        try await createEcho("route-echo")
        let api = ApiDefinition(
            id: "abcdefghij", name: "orders", stage: "Prod", kind: .rest,
            routes: [ApiRoute(method: "POST", path: "/orders/{id}", target: .function("route-echo"))])
        try await h.server.routes.put(api)
        let answer = await h.server.routes.handle(
            apiId: "abcdefghij", stage: "Prod", request("POST", "/orders/17", query: "x=1&x=2&y=z", body: #"{"drink":"latte"}"#))
        #expect(answer.status == 201)
        #expect(answer.headers.contains { $0 == ("X-Echo", "yes") })
        let event = try JSON(parsing: String(decoding: answer.body, as: UTF8.self))
        #expect(event["resource"] == "/orders/{id}")
        #expect(event["path"] == "/orders/17")
        #expect(event["httpMethod"] == "POST")
        #expect(event["pathParameters"] == ["id": "17"])
        #expect(event["queryStringParameters"] == ["x": "2", "y": "z"])
        #expect(event["multiValueQueryStringParameters"] == ["x": ["1", "2"], "y": ["z"]])
        #expect(event["body"] == #"{"drink":"latte"}"#)
        #expect(event["isBase64Encoded"] == false)
        #expect(event["requestContext"]?["stage"] == "Prod")
        #expect(event["requestContext"]?["path"] == "/Prod/orders/17")

        // Nothing there: API Gateway's REST answer.
        let missing = await h.server.routes.handle(apiId: "abcdefghij", stage: "Prod", request("GET", "/orders/17"))
        #expect(missing.status == 403)
        #expect(String(decoding: missing.body, as: UTF8.self) == #"{"message":"Missing Authentication Token"}"#)
        let wrongStage = await h.server.routes.handle(apiId: "abcdefghij", stage: "Dev", request("POST", "/orders/17"))
        #expect(wrongStage.status == 403)
    }

    @Test func anHTTPRouteSendsPayloadFormatTwo() async throws {
        try await createEcho("route-echo-v2")
        let api = ApiDefinition(
            id: "httpapi001", name: "h", stage: "$default", kind: .http,
            routes: [ApiRoute(method: "ANY", path: "/{proxy+}", target: .function("route-echo-v2"))])
        try await h.server.routes.put(api)
        let answer = await h.server.routes.handle(apiId: "httpapi001", stage: "$default", request("GET", "/a/b/c", query: "q=1"))
        #expect(answer.status == 201)
        let event = try JSON(parsing: String(decoding: answer.body, as: UTF8.self))
        #expect(event["version"] == "2.0")
        #expect(event["routeKey"] == "ANY /{proxy+}")
        #expect(event["rawPath"] == "/a/b/c")
        #expect(event["rawQueryString"] == "q=1")
        #expect(event["pathParameters"] == ["proxy": "a/b/c"])
        #expect(event["requestContext"]?["http"]?["method"] == "GET")
        #expect(event["headers"]?["user-agent"] == "test")
        // At `https://<id>.execute-api…/a/b/c` the responder cannot know `a` is not a stage: a `$default` stage
        // has no prefix, so the route sees the whole path.
        let byHost = await h.server.routes.handle(apiId: "httpapi001", stage: "a", request("GET", "/b/c"))
        #expect(try JSON(parsing: String(decoding: byHost.body, as: UTF8.self))["rawPath"] == "/a/b/c")
    }

    @Test func routesStartExecutionsWithTheBodyAsInput() async throws {
        let standard = try await h.createMachine(
            "RouteStandard", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        let express = try await h.createMachine(
            "RouteExpress", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.order"}, "End": true}}}"#,
            type: "EXPRESS")
        try await h.server.routes.put(
            ApiDefinition(
                id: "sfnroutes1", name: "s", stage: "Prod", kind: .rest,
                routes: [
                    ApiRoute(method: "POST", path: "/orders", target: .startExecution(stateMachineArn: standard)),
                    ApiRoute(method: "POST", path: "/quote", target: .startExecution(stateMachineArn: express)),
                ]))
        let started = await h.server.routes.handle(apiId: "sfnroutes1", stage: "Prod", request("POST", "/orders", body: #"{"order": 1}"#))
        #expect(started.status == 200)
        let arn = try #require(try JSON(parsing: String(decoding: started.body, as: UTF8.self))["executionArn"]?.stringValue)
        let done = try await h.waitUntilClosed(arn)
        #expect(done["input"] == #"{"order": 1}"#)
        #expect(done["status"] == "SUCCEEDED")

        let quoted = await h.server.routes.handle(apiId: "sfnroutes1", stage: "Prod", request("POST", "/quote", body: #"{"order": 2}"#))
        #expect(quoted.status == 200)
        #expect(try JSON(parsing: String(decoding: quoted.body, as: UTF8.self)) == ["got": 2])
    }

    @Test func theMostSpecificRouteWinsAndAPIsSurviveARestart() async throws {
        let machine = try await h.createMachine("RouteRank", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        let api = ApiDefinition(
            id: "rankroutes", name: "r", stage: "Prod", kind: .rest,
            routes: [
                ApiRoute(method: "ANY", path: "/{proxy+}", target: .function("nobody")),
                ApiRoute(method: "GET", path: "/orders/{id}", target: .function("nobody")),
                ApiRoute(method: "GET", path: "/orders/latest", target: .startExecution(stateMachineArn: machine)),
            ])
        try await h.server.routes.put(api)
        let latest = await h.server.routes.handle(apiId: "rankroutes", stage: "Prod", request("GET", "/orders/latest"))
        #expect(latest.status == 200)  // the literal route started an execution
        let other = await h.server.routes.handle(apiId: "rankroutes", stage: "Prod", request("GET", "/orders/9"))
        #expect(other.status == 500)  // `/orders/{id}` names a function that does not exist

        // A new server on the same store serves the API it stored.
        let restarted = Runtime(
            store: h.store, clock: h.clock, tokens: TaskTokens(key: Harness.tokenKey), configuration: EngineConfiguration())
        try await restarted.recover()
        #expect(restarted.routes.api("rankroutes") == api)
    }
}
