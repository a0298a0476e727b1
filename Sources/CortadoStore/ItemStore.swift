/// Where tables keep their items and index entries: ordered spaces of byte-string keys.
///
/// A space is one table's items, one of its indexes, or its stream. Within a space an entry is keyed by
/// `(partition, sort)`, both compared as unsigned bytes (`memcmp`), so the table layer encodes its key
/// values to sort as DynamoDB sorts them (docs/architecture/tables.md). The store knows nothing of
/// items; values are opaque bytes.
///
/// Every method is atomic; `commitItems` that returned is durable and later reads see it.
public protocol ItemStore: Sendable {
    /// The entry's value, or nil.
    func item(space: String, partition: [UInt8], sort: [UInt8]) async throws -> [UInt8]?
    /// Entries in key order (or reverse), as `ItemQuery` bounds them.
    func items(_ query: ItemQuery) async throws -> [ItemEntry]
    /// Applies every write, in order, in one transaction: all of them or (on a throw) none.
    func commitItems(_ writes: [ItemWrite]) async throws
}

/// One stored entry.
public struct ItemEntry: Sendable, Equatable {
    public var space: String
    public var partition: [UInt8]
    public var sort: [UInt8]
    public var value: [UInt8]

    public init(space: String, partition: [UInt8], sort: [UInt8], value: [UInt8]) {
        self.space = space
        self.partition = partition
        self.sort = sort
        self.value = value
    }

    public var position: ItemPosition { ItemPosition(partition: partition, sort: sort) }
}

/// A key within a space.
public struct ItemPosition: Sendable, Equatable, Comparable {
    public var partition: [UInt8]
    public var sort: [UInt8]

    public init(partition: [UInt8], sort: [UInt8]) {
        self.partition = partition
        self.sort = sort
    }

    public static func < (a: ItemPosition, b: ItemPosition) -> Bool {
        if a.partition != b.partition { return a.partition.lexicographicallyPrecedes(b.partition) }
        return a.sort.lexicographicallyPrecedes(b.sort)
    }
}

/// One end of a sort-key range.
public struct ItemBound: Sendable, Equatable {
    public var bytes: [UInt8]
    public var inclusive: Bool

    public init(_ bytes: [UInt8], inclusive: Bool) {
        self.bytes = bytes
        self.inclusive = inclusive
    }

    func admitsAsLower(_ sort: [UInt8]) -> Bool {
        inclusive ? !sort.lexicographicallyPrecedes(bytes) : bytes.lexicographicallyPrecedes(sort)
    }

    func admitsAsUpper(_ sort: [UInt8]) -> Bool {
        inclusive ? !bytes.lexicographicallyPrecedes(sort) : sort.lexicographicallyPrecedes(bytes)
    }
}

/// A read of one space: one partition's sort-key range (a Query), or the whole space in key order (a
/// Scan), starting strictly after `after` in the direction of travel.
public struct ItemQuery: Sendable, Equatable {
    public var space: String
    /// One partition, or nil for every entry of the space (then `lower` and `upper` must be nil).
    public var partition: [UInt8]?
    public var lower: ItemBound?
    public var upper: ItemBound?
    public var after: ItemPosition?
    public var reverse: Bool
    public var limit: Int

    public init(
        space: String, partition: [UInt8]?, lower: ItemBound? = nil, upper: ItemBound? = nil, after: ItemPosition? = nil,
        reverse: Bool = false, limit: Int
    ) {
        self.space = space
        self.partition = partition
        self.lower = lower
        self.upper = upper
        self.after = after
        self.reverse = reverse
        self.limit = limit
    }

    /// Whether an entry falls within the bounds (all but `limit`).
    public func admits(_ e: ItemPosition) -> Bool {
        if let partition, e.partition != partition { return false }
        if let lower, !lower.admitsAsLower(e.sort) { return false }
        if let upper, !upper.admitsAsUpper(e.sort) { return false }
        if let after { return reverse ? e < after : after < e }
        return true
    }
}

/// A change to one space.
public enum ItemWrite: Sendable, Equatable {
    case put(ItemEntry)
    case delete(space: String, partition: [UInt8], sort: [UInt8])
    /// Removes every entry of the space (a table or index being deleted).
    case deleteSpace(String)
}
