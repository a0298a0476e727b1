/// A state machine as the store keeps it: the definition as text, never parsed here.
public struct StateMachineRecord: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var type: StateMachineType
    /// The ASL definition, exactly as the user sent it.
    public var definition: String
    public var roleArn: String
    /// Milliseconds since the Unix epoch.
    public var creationDate: Int64
    /// Milliseconds since the Unix epoch; nil until the first update.
    public var updateDate: Int64?
    public var revisionId: String
    public var description: String?
    /// JSON text of the `loggingConfiguration` member, if one was given.
    public var loggingConfiguration: String?
    /// JSON text of the `tracingConfiguration` member, if one was given.
    public var tracingConfiguration: String?

    public init(
        arn: String, name: String, type: StateMachineType, definition: String, roleArn: String, creationDate: Int64,
        updateDate: Int64? = nil, revisionId: String, description: String? = nil, loggingConfiguration: String? = nil,
        tracingConfiguration: String? = nil
    ) {
        self.arn = arn
        self.name = name
        self.type = type
        self.definition = definition
        self.roleArn = roleArn
        self.creationDate = creationDate
        self.updateDate = updateDate
        self.revisionId = revisionId
        self.description = description
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
    }
}

/// `STANDARD` or `EXPRESS`, AWS's names.
public struct StateMachineType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let standard = StateMachineType(rawValue: "STANDARD")
    public static let express = StateMachineType(rawValue: "EXPRESS")
    public static let all: [StateMachineType] = [.standard, .express]

    public var description: String { rawValue }
}

extension StateMachineRecord {
    /// The record's problem, if a store must refuse it whatever it holds.
    package func validationError() -> StoreError? {
        if !StateMachineType.all.contains(type) { return StoreError(.invalidArgument, "\(type) is not a state machine type (\(arn))") }
        if name.isEmpty { return StoreError(.invalidArgument, "a state machine needs a name (\(arn))") }
        return nil
    }
}
