import CortadoJSON

/// Makes, changes and removes one kind of resource through the in-process service that owns it, given the
/// resource's properties with every intrinsic function already resolved.
protocol ResourceHandler: Sendable {
    /// Creates the resource.
    func create(_ logicalId: String, _ properties: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource
    /// Changes it in place, or replaces it (creating the new one before the old is removed) when a property
    /// that names it changed.
    func update(
        _ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext
    ) async throws(StackError) -> StackResource
    func delete(_ resource: StackResource, _ properties: JSONObject, _ stack: StackContext) async throws(StackError)
}

extension ResourceHandler {
    /// Replacement by default.
    func update(
        _ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext
    ) async throws(StackError) -> StackResource {
        try await replace(old, from: from, to: to, stack)
    }

    /// CloudFormation's replacement: the new resource is created before the old one is removed.
    func replace(
        _ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext
    ) async throws(StackError) -> StackResource {
        let new = try await create(old.logicalId, to, stack)
        try await delete(old, from, stack)
        return new
    }
}

extension Result where Success == JSON, Failure == AWSError {
    /// The answer, or the service's error as the resource's failure.
    func answer(_ logicalId: String) throws(StackError) -> JSON {
        switch self {
        case .success(let v): return v
        case .failure(let e): throw StackError(logicalId, "\(e.type): \(e.message)")
        }
    }
}

extension JSONObject {
    /// A property that must be a string.
    func string(_ key: String, _ logicalId: String) throws(StackError) -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.stringValue else { throw StackError(logicalId, "Properties/\(key) must be a string") }
        return s
    }
}
