import CortadoJSON

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
