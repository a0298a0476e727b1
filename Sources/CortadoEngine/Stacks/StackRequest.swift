/// What CreateStack and UpdateStack ask for.
public struct StackRequest: Sendable {
    public var name: String
    /// The template text; nil on an update that keeps the previous template (`UsePreviousTemplate`).
    public var templateBody: String?
    public var parameters: [String: String]
    /// Parameters to take from the stack as it is (`UsePreviousValue`).
    public var previousParameters: Set<String>
    public var capabilities: [String]
    public var tags: [StackDocument.Tag]
    /// `ROLLBACK` (the default), `DELETE` or `DO_NOTHING` for a failed create.
    public var onFailure: String

    public init(
        name: String, templateBody: String?, parameters: [String: String] = [:], previousParameters: Set<String> = [],
        capabilities: [String] = [], tags: [StackDocument.Tag] = [], onFailure: String = "ROLLBACK"
    ) {
        self.name = name
        self.templateBody = templateBody
        self.parameters = parameters
        self.previousParameters = previousParameters
        self.capabilities = capabilities
        self.tags = tags
        self.onFailure = onFailure
    }
}
