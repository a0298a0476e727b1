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
