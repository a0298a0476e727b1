/// A table's keys and indexes: what decides where an item is stored and how it is found.
public struct TableSchema: Sendable, Equatable {
    public var name: String
    public var keys: KeySchema
    public var indexes: [IndexSchema]

    public init(name: String, keys: KeySchema, indexes: [IndexSchema] = []) {
        self.name = name
        self.keys = keys
        self.indexes = indexes
    }

    public func index(named name: String) -> IndexSchema? { indexes.first { $0.name == name } }
}

/// A key attribute's scalar type; keys are S, N or B.
public enum KeyType: String, Sendable, Equatable {
    case string = "S", number = "N", binary = "B"

    public func matches(_ value: AttributeValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.binary, .binary): true
        default: false
        }
    }
}

public struct KeyElement: Sendable, Equatable {
    public var name: String
    public var type: KeyType

    public init(name: String, type: KeyType) {
        self.name = name
        self.type = type
    }
}

/// A partition key and an optional sort key.
public struct KeySchema: Sendable, Equatable {
    public var partition: KeyElement
    public var sort: KeyElement?

    public init(partition: KeyElement, sort: KeyElement? = nil) {
        self.partition = partition
        self.sort = sort
    }

    public var names: [String] { [partition.name] + (sort.map { [$0.name] } ?? []) }
}

/// A global or local secondary index.
public struct IndexSchema: Sendable, Equatable {
    public enum Projection: Sendable, Equatable {
        case all, keysOnly, include([String])
    }

    public var name: String
    public var keys: KeySchema
    public var projection: Projection
    public var isGlobal: Bool

    public init(name: String, keys: KeySchema, projection: Projection, isGlobal: Bool) {
        self.name = name
        self.keys = keys
        self.projection = projection
        self.isGlobal = isGlobal
    }
}
