import CortadoJSON

/// A stack as the resource store keeps it (kind `stack`, keyed by its id): what CloudFormation's Describe
/// actions show, and what a later update or delete needs — each resource's resolved properties and what it
/// answers to `Ref` and `Fn::GetAtt`. Written after every resource step, so a crash leaves a record of what exists.
public struct StackDocument: Codable, Sendable, Equatable {
    public var name: String
    public var id: String
    public var status: String
    public var statusReason: String?
    public var description: String?
    /// The template as the last successful operation received it.
    public var templateBody: String
    public var parameters: [Parameter]
    public var capabilities: [String]
    public var tags: [Tag]
    public var disableRollback: Bool
    /// The resources that exist, in creation order.
    public var resources: [Resource]
    public var outputs: [Output]
    /// Oldest first.
    public var events: [Event]
    /// Epoch milliseconds.
    public var creationTime: Int64
    public var lastUpdatedTime: Int64?
    public var deletionTime: Int64?

    public struct Parameter: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        /// Shown as `****` (kept, for `UsePreviousValue`).
        public var noEcho: Bool
    }

    public struct Tag: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// One resource the stack made.
    public struct Resource: Codable, Sendable, Equatable {
        public var logicalId: String
        public var type: String
        public var physicalId: String
        public var ref: JSON
        public var attributes: [String: JSON]
        /// The resolved properties it was made or last changed with.
        public var properties: JSON
        public var status: String
        public var statusReason: String?
        public var timestamp: Int64
        /// `DeletionPolicy: Retain`: left in place when the stack or the resource goes.
        public var retain: Bool

        var made: StackResource {
            StackResource(logicalId: logicalId, type: type, physicalId: physicalId, ref: ref, attributes: attributes)
        }
    }

    public struct Output: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        public var description: String?
        public var exportName: String?
    }

    public struct Event: Codable, Sendable, Equatable {
        public var eventId: String
        public var logicalId: String
        public var physicalId: String
        public var type: String
        public var status: String
        public var reason: String?
        public var timestamp: Int64
    }

    /// Whether the stack is gone (it stays listed, and describable by id, as CloudFormation keeps it).
    public var isDeleted: Bool { status == "DELETE_COMPLETE" }
}
