import CortadoJSON

/// An HTTP API made from a template's `Api`/`HttpApi` events (the SAM transform's `Cortado::Api`): routes
/// that start executions or proxy to functions, served as API Gateway serves them (docs/architecture/deploy.md).
public struct ApiDefinition: Sendable, Equatable {
    /// API Gateway's id: ten lower-case letters and digits.
    public var id: String
    public var name: String
    /// The stage its URLs carry (`Prod` for SAM's implicit REST API, `$default` for an HTTP API).
    public var stage: String
    public var kind: Kind
    public var routes: [ApiRoute]

    /// A REST API sends payload format 1.0 to functions; an HTTP API sends 2.0.
    public enum Kind: String, Sendable {
        case rest = "REST"
        case http = "HTTP"
    }

    public init(id: String, name: String, stage: String, kind: Kind, routes: [ApiRoute]) {
        self.id = id
        self.name = name
        self.stage = stage
        self.kind = kind
        self.routes = routes
    }
}

/// One method and path of an API and what answers it.
public struct ApiRoute: Sendable, Equatable {
    /// `GET`, `POST`, ... or `ANY`.
    public var method: String
    /// `/orders`, `/orders/{id}`, `/{proxy+}`.
    public var path: String
    public var target: Target

    public enum Target: Sendable, Equatable {
        /// A function by name or ARN, called with API Gateway's proxy event.
        case function(String)
        /// A state machine: StartExecution with the request body as input (StartSyncExecution for EXPRESS).
        case startExecution(stateMachineArn: String)
    }

    public init(method: String, path: String, target: Target) {
        self.method = method.uppercased()
        self.path = path
        self.target = target
    }
}

extension ApiDefinition {
    /// The stored document.
    var json: JSON {
        .object([
            "id": .string(id), "name": .string(name), "stage": .string(stage), "kind": .string(kind.rawValue),
            "routes": .array(
                routes.map { r in
                    var o: JSONObject = ["method": .string(r.method), "path": .string(r.path)]
                    switch r.target {
                    case .function(let f): o["function"] = .string(f)
                    case .startExecution(let arn): o["stateMachineArn"] = .string(arn)
                    }
                    return .object(o)
                }),
        ])
    }

    init?(json: JSON) {
        guard let id = json["id"]?.stringValue, let name = json["name"]?.stringValue, let stage = json["stage"]?.stringValue,
            let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:))
        else { return nil }
        var routes: [ApiRoute] = []
        for r in json["routes"]?.arrayValue ?? [] {
            guard let method = r["method"]?.stringValue, let path = r["path"]?.stringValue else { return nil }
            if let f = r["function"]?.stringValue {
                routes.append(ApiRoute(method: method, path: path, target: .function(f)))
            } else if let arn = r["stateMachineArn"]?.stringValue {
                routes.append(ApiRoute(method: method, path: path, target: .startExecution(stateMachineArn: arn)))
            } else {
                return nil
            }
        }
        self.init(id: id, name: name, stage: stage, kind: kind, routes: routes)
    }
}
