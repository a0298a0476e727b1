import CortadoJSON

/// A resource a stack made: its physical id and what it answers to `Ref` and `Fn::GetAtt`.
public struct StackResource: Sendable, Equatable {
    public var logicalId: String
    public var type: String
    public var physicalId: String
    public var ref: JSON
    public var attributes: [String: JSON]

    public init(logicalId: String, type: String, physicalId: String, ref: JSON, attributes: [String: JSON] = [:]) {
        self.logicalId = logicalId
        self.type = type
        self.physicalId = physicalId
        self.ref = ref
        self.attributes = attributes
    }
}
