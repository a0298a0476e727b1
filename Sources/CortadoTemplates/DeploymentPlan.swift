import CortadoJSON

/// What deploying a template means: its resources in an order where each comes after what it references, the
/// values of its parameters and conditions, and what Cortado will ignore or cannot do.
public struct DeploymentPlan: Sendable {
    /// The resources to create, each after the resources it references.
    public var resources: [PlannedResource]
    /// The outputs whose condition holds, in template order, unresolved.
    public var outputs: [PlannedOutput]
    /// Every parameter's value as `Ref` gives it, and the pseudo parameters (`AWS::Region`, …).
    public var parameters: [String: JSON]
    /// The value of every condition.
    public var conditions: [String: Bool]
    /// The `Mappings` section.
    public var mappings: JSONObject
    /// What will not be deployed as written: ignored properties, unsupported event types.
    public var warnings: [String]
    /// Local paths the deploying command must read and package.
    public var localArtifacts: [LocalArtifact]

    /// The resources whose type Cortado cannot create; a deploy should refuse them rather than skip them.
    public var unsupported: [PlannedResource] { resources.filter { $0.support == .unsupported } }

    /// A resolver for values of this plan, given what the resources created so far returned.
    public func resolver(resources created: [String: (ref: JSON, attributes: [String: JSON])] = [:]) -> IntrinsicResolver {
        IntrinsicResolver(parameters: parameters, mappings: mappings, conditions: conditions, resources: created)
    }
}
