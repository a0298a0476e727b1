import CortadoJSON
import CortadoStore
import Foundation
import Synchronization

/// An HTTP request to an API's stage, as the server read it (the stage prefix already taken off the path).
public struct ApiHTTPRequest: Sendable {
    public var method: String
    /// The path under the stage, percent-decoded (`/orders/17`).
    public var path: String
    /// The query string as sent, without `?`.
    public var rawQuery: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var sourceIp: String

    public init(method: String, path: String, rawQuery: String, headers: [(String, String)], body: [UInt8], sourceIp: String = "127.0.0.1")
    {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.sourceIp = sourceIp
    }
}

public struct ApiHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    static func json(_ value: JSON, status: Int = 200) -> ApiHTTPResponse {
        ApiHTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(value.text.utf8))
    }

    /// API Gateway's own answers (`{"message": "…"}`).
    static func message(_ text: String, status: Int) -> ApiHTTPResponse { json(["message": .string(text)], status: status) }
}

/// The APIs the stacks made, kept in the resource store and served as API Gateway serves them: a route that
/// proxies to a function sends API Gateway's proxy event (format 1.0 for a REST API, 2.0 for an HTTP API) and
/// answers with the function's `{statusCode, headers, body}`; a route to a state machine starts an execution
/// with the body as its input (docs/architecture/deploy.md, "Routes").
public final class RoutesService: Sendable {
    static let kind = "api"

    let store: any ExecutionStore
    let stepFunctions: StepFunctionsService
    let lambda: LambdaService
    let clock: any EngineClock
    let configuration: EngineConfiguration
    private let apis = Mutex<[String: Compiled]>([:])

    struct Compiled: Sendable {
        var definition: ApiDefinition
        var routes: [(route: ApiRoute, pattern: RoutePattern)]
    }

    public init(
        store: any ExecutionStore, stepFunctions: StepFunctionsService, lambda: LambdaService, clock: any EngineClock,
        configuration: EngineConfiguration
    ) {
        self.store = store
        self.stepFunctions = stepFunctions
        self.lambda = lambda
        self.clock = clock
        self.configuration = configuration
    }

    func arn(_ id: String) -> String { "arn:aws:apigateway:\(configuration.region)::/apis/\(id)" }

    /// Creates or replaces an API (durably, before it answers).
    public func put(_ api: ApiDefinition) async throws {
        try await store.putResource(
            ResourceRecord(kind: Self.kind, arn: arn(api.id), name: api.id, json: api.json.text, creationDate: clock.now()))
        remember(api)
    }

    public func delete(id: String) async throws {
        _ = try await store.deleteResource(kind: Self.kind, arn: arn(id))
        _ = apis.withLock { $0.removeValue(forKey: id) }
    }

    public func api(_ id: String) -> ApiDefinition? { apis.withLock { $0[id]?.definition } }

    /// Loads the stored APIs after a restart.
    public func recover() async throws {
        for record in try await store.allResources(kind: Self.kind) {
            if let api = ApiDefinition(json: try JSON(parsing: record.json)) { remember(api) }
        }
    }

    private func remember(_ api: ApiDefinition) {
        let compiled = Compiled(definition: api, routes: api.routes.map { ($0, RoutePattern($0.path)) })
        apis.withLock { $0[api.id] = compiled }
    }

    /// A fresh API id, as API Gateway makes them.
    public static func newId() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<10).map { _ in alphabet.randomElement()! })
    }

    /// Answers a request to `apiId` at `stage`; unknown APIs, stages and routes answer as API Gateway does.
    public func handle(apiId: String, stage: String, _ request: ApiHTTPRequest) async -> ApiHTTPResponse {
        guard let api = apis.withLock({ $0[apiId] }) else { return .message("Not Found", status: 404) }
        let notFound: ApiHTTPResponse =
            api.definition.kind == .rest
            ? .message("Missing Authentication Token", status: 403) : .message("Not Found", status: 404)
        var request = request
        if api.definition.kind == .http, api.definition.stage == "$default", stage != "$default" {
            // `https://<id>.execute-api…/things/3`: a `$default` stage has no prefix, so what looked like one is the
            // path's first segment.
            request.path = "/" + stage + (request.path == "/" ? "" : request.path)
        } else if api.definition.stage != stage, !(api.definition.kind == .http && stage == "$default") {
            return notFound
        }
        let method = request.method.uppercased()
        let candidates = api.routes.compactMap { entry -> (ApiRoute, RoutePattern, [String: String])? in
            guard entry.route.method == method || entry.route.method == "ANY",
                let parameters = entry.pattern.match(request.path)
            else { return nil }
            return (entry.route, entry.pattern, parameters)
        }
        // The most specific path wins; an exact method beats ANY.
        guard
            let (route, _, parameters) = candidates.max(by: { a, b in
                a.1.specificity.lexicographicallyPrecedes(b.1.specificity)
                    || (a.1.specificity == b.1.specificity && a.0.method == "ANY" && b.0.method != "ANY")
            })
        else { return notFound }
        do {
            switch route.target {
            case .function(let function):
                let event = proxyEvent(api.definition, route, parameters, request)
                let result = try await lambda.invoke(function: function, payload: Array(event.text.utf8))
                if result.functionError != nil { return .message("Internal server error", status: 502) }
                return functionResponse(api.definition.kind, result.payload)
            case .startExecution(let arn):
                return try await startExecution(arn, request)
            }
        } catch {
            return .message("Internal server error", status: 500)
        }
    }

    /// StartExecution with the body as input (StartSyncExecution for an EXPRESS machine, answering its output).
    func startExecution(_ arn: String, _ request: ApiHTTPRequest) async throws -> ApiHTTPResponse {
        let body = String(decoding: request.body, as: UTF8.self)
        let input = body.isEmpty ? "{}" : body
        let described = try await stepFunctions.handle(action: "DescribeStateMachine", body: ["stateMachineArn": .string(arn)]).get()
        let action = described["type"] == "EXPRESS" ? "StartSyncExecution" : "StartExecution"
        switch await stepFunctions.handle(action: action, body: ["stateMachineArn": .string(arn), "input": .string(input)]) {
        case .success(let answer):
            guard action == "StartSyncExecution" else { return .json(answer) }
            if answer["status"] == "SUCCEEDED", let output = answer["output"]?.stringValue {
                return ApiHTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(output.utf8))
            }
            return .json(["error": answer["error"] ?? .null, "cause": answer["cause"] ?? .null], status: 500)
        case .failure(let error):
            return .json(["__type": .string(error.type), "message": .string(error.message)], status: error.status)
        }
    }
}
