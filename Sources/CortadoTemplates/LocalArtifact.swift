/// A local file or directory a resource names (`CodeUri: ./src`, `DefinitionUri: statemachine.asl.json`), which
/// the deploying command reads, relative to the template, and puts in place of the property.
public struct LocalArtifact: Sendable, Hashable {
    /// The resource that names it (after the transform: the `AWS::Lambda::Function` or state machine).
    public var logicalId: String
    /// The property that holds the path (`CodeUri` or `DefinitionUri`), kept as written in the resource.
    public var property: String
    /// The path as written.
    public var path: String

    public init(logicalId: String, property: String, path: String) {
        self.logicalId = logicalId
        self.property = property
        self.path = path
    }
}
