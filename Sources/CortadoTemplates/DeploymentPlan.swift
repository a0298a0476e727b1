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

/// One resource of a plan.
public struct PlannedResource: Sendable, Equatable {
    public var logicalId: String
    public var type: String
    public var support: ResourceSupport
    /// The properties as written (after the SAM transform), intrinsic functions unresolved.
    public var properties: JSONObject
    /// The logical ids of the resources this one references or names in `DependsOn`, in template order.
    public var dependencies: [String]
    /// The whole resource entry (`DeletionPolicy`, `Metadata`, …).
    public var definition: JSONObject
}

/// One output of a plan, unresolved.
public struct PlannedOutput: Sendable, Equatable {
    public var name: String
    public var value: JSON
    public var description: String?
    /// `Export.Name`, unresolved, when the output is exported.
    public var exportName: JSON?
}

/// Whether Cortado creates a resource type.
public enum ResourceSupport: String, Sendable, Hashable {
    /// Created through Cortado's services.
    case supported
    /// Accepted and not created (IAM): `Ref` and `Fn::GetAtt` to it give an ARN.
    case ignored
    /// Not something Cortado can create: listed in the plan, never dropped silently.
    case unsupported

    static let supportedTypes: Set<String> = [
        "AWS::StepFunctions::StateMachine", "AWS::Lambda::Function", "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping",
        "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::Logs::LogGroup", "AWS::DynamoDB::Table", "AWS::S3::Bucket",
        CortadoAPI.type,
    ]

    /// The support for a resource type.
    public init(type: String) {
        if Self.supportedTypes.contains(type) {
            self = .supported
        } else if type.hasPrefix("AWS::IAM::") {
            self = .ignored
        } else {
            self = .unsupported
        }
    }
}
