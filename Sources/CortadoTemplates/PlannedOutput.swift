import CortadoJSON

/// One output of a plan, unresolved.
public struct PlannedOutput: Sendable, Equatable {
    public var name: String
    public var value: JSON
    public var description: String?
    /// `Export.Name`, unresolved, when the output is exported.
    public var exportName: JSON?
}
