import CortadoJSON

/// `Cortado::Api`, the SAM transform's form of an `Api`/`HttpApi`: `Ref` is the API's id.
struct ApiHandler: ResourceHandler {
    let routes: RoutesService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let id = RoutesService.newId()
        try await put(try definition(id, logicalId, p, stack), logicalId)
        return StackResource(
            logicalId: logicalId, type: "Cortado::Api", physicalId: id, ref: .string(id), attributes: ["RootResourceId": .string(id)])
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        try await put(try definition(old.physicalId, old.logicalId, to, stack), old.logicalId)
        return old
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        do { try await routes.delete(id: resource.physicalId) } catch { throw StackError(resource.logicalId, "\(error)") }
    }

    func put(_ api: ApiDefinition, _ logicalId: String) async throws(StackError) {
        do { try await routes.put(api) } catch { throw StackError(logicalId, "the API could not be stored: \(error)") }
    }

    func definition(_ id: String, _ logicalId: String, _ p: JSONObject, _ stack: StackContext) throws(StackError) -> ApiDefinition {
        let kind: ApiDefinition.Kind = p["Protocol"]?.stringValue == "HTTP" ? .http : .rest
        var routes: [ApiRoute] = []
        for (i, r) in (p["Routes"]?.arrayValue ?? []).enumerated() {
            guard let method = r["Method"]?.stringValue, let path = r["Path"]?.stringValue, let target = r["Target"] else {
                throw StackError(logicalId, "Properties/Routes/\(i) needs Method, Path and Target")
            }
            switch target["Type"]?.stringValue {
            case "Function"?:
                guard let f = target["Function"]?.stringValue else { throw StackError(logicalId, "Properties/Routes/\(i)/Target/Function") }
                routes.append(ApiRoute(method: method, path: path, target: .function(f)))
            case "StartExecution"?:
                guard let sm = target["StateMachine"]?.stringValue else {
                    throw StackError(logicalId, "Properties/Routes/\(i)/Target/StateMachine")
                }
                routes.append(ApiRoute(method: method, path: path, target: .startExecution(stateMachineArn: sm)))
            default:
                throw StackError(logicalId, "Properties/Routes/\(i)/Target/Type must be Function or StartExecution")
            }
        }
        return ApiDefinition(
            id: id, name: p["Name"]?.stringValue ?? "\(stack.stackName)-\(logicalId)",
            stage: p["StageName"]?.stringValue ?? (kind == .http ? "$default" : "Prod"), kind: kind, routes: routes)
    }

}
