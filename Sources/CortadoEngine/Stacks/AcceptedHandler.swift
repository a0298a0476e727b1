import CortadoJSON

/// Types accepted and given names and ARNs but not made: IAM (Cortado checks no permissions) and
/// `AWS::Lambda::Permission`.
struct AcceptedHandler: ResourceHandler {
    let type: String

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = p["RoleName"]?.stringValue ?? p["PolicyName"]?.stringValue ?? stack.physicalName(logicalId)
        var attributes: [String: JSON] = [:]
        if type == "AWS::IAM::Role" {
            attributes["Arn"] = .string("arn:aws:iam::\(stack.account):role/\(name)")
            attributes["RoleId"] = .string(name)
        }
        return StackResource(logicalId: logicalId, type: type, physicalId: name, ref: .string(name), attributes: attributes)
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        old
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {}
}
