import CortadoStore

/// The behaviour every `ItemStore` must have (the in-memory reference and SQLite pass the same checks):
///
/// ```swift
/// @Test(arguments: ItemStoreConformance.checks)
/// func inMemory(_ check: ItemStoreConformance.Check) async throws { try await check.run(InMemoryItemStore()) }
/// ```
public enum ItemStoreConformance {
    public struct Check: Sendable, CustomStringConvertible {
        public var name: String
        public var run: @Sendable (any ItemStore) async throws -> Void

        public init(_ name: String, _ run: @escaping @Sendable (any ItemStore) async throws -> Void) {
            self.name = name
            self.run = run
        }

        public var description: String { name }
    }

    public static let checks: [Check] = [
        Check("put, read, replace and delete one entry", lifecycle),
        Check("a partition's range in byte order, forward and backward, bounded and limited", ranges),
        Check("a whole space in key order, resumed after a position", scans),
        Check("a commit is all or nothing and in order; deleting a space spares the others", commits),
    ]

    static func entry(_ space: String, _ p: [UInt8], _ s: [UInt8], _ v: UInt8 = 0) -> ItemEntry {
        ItemEntry(space: space, partition: p, sort: s, value: [v])
    }

    static func lifecycle(_ store: any ItemStore) async throws {
        try StoreConformance.expect(try await store.item(space: "t/a", partition: [1], sort: []) == nil, "an empty store has no entry")
        try await store.commitItems([.put(entry("t/a", [1], [], 7))])
        try StoreConformance.expectEqual(try await store.item(space: "t/a", partition: [1], sort: []), [7], "read back")
        try StoreConformance.expect(try await store.item(space: "t/b", partition: [1], sort: []) == nil, "spaces are apart")
        try await store.commitItems([.put(entry("t/a", [1], [], 8))])
        try StoreConformance.expectEqual(try await store.item(space: "t/a", partition: [1], sort: []), [8], "a put replaces")
        try await store.commitItems([.delete(space: "t/a", partition: [1], sort: [])])
        try StoreConformance.expect(try await store.item(space: "t/a", partition: [1], sort: []) == nil, "deleted")
        try await store.commitItems([.delete(space: "t/a", partition: [9], sort: [])])  // deleting nothing is fine
    }

    static func ranges(_ store: any ItemStore) async throws {
        // Sort keys chosen so that byte order differs from length order and includes 0x00 and 0xFF.
        let stored: [[UInt8]] = [[0x00], [0x00, 0x01], [0x01], [0x01, 0xFF], [0x02], [0xFF], [0xFF, 0x00]]
        try await store.commitItems(
            stored.reversed().map { .put(entry("i/t/x", [5], $0)) } + [
                .put(entry("i/t/x", [6], [0x01])), .put(entry("i/t/x", [4], [0xFF])), .put(entry("i/t/x", [5, 0], [0x00])),
            ])
        func sorts(_ q: ItemQuery) async throws -> [[UInt8]] { try await store.items(q).map(\.sort) }
        try StoreConformance.expectEqual(try await sorts(ItemQuery(space: "i/t/x", partition: [5], limit: 100)), stored, "byte order")
        try StoreConformance.expectEqual(
            try await sorts(ItemQuery(space: "i/t/x", partition: [5], reverse: true, limit: 3)), [[0xFF, 0x00], [0xFF], [0x02]], "backward")
        try StoreConformance.expectEqual(
            try await sorts(
                ItemQuery(
                    space: "i/t/x", partition: [5], lower: ItemBound([0x00, 0x01], inclusive: false),
                    upper: ItemBound([0x02], inclusive: true), limit: 100)),
            [[0x01], [0x01, 0xFF], [0x02]], "bounds")
        try StoreConformance.expectEqual(
            try await sorts(
                ItemQuery(
                    space: "i/t/x", partition: [5], lower: ItemBound([0x01], inclusive: true), upper: ItemBound([0x02], inclusive: false),
                    after: ItemPosition(partition: [5], sort: [0x01]), limit: 100)),
            [[0x01, 0xFF]], "after a position within bounds")
        try StoreConformance.expectEqual(
            try await sorts(
                ItemQuery(space: "i/t/x", partition: [5], after: ItemPosition(partition: [5], sort: [0x02]), reverse: true, limit: 2)),
            [[0x01, 0xFF], [0x01]], "backward after a position")
        try StoreConformance.expectEqual(
            try await sorts(
                ItemQuery(
                    space: "i/t/x", partition: [5], lower: ItemBound([0x01], inclusive: false), upper: ItemBound([0xFF], inclusive: false),
                    reverse: true, limit: 100)),
            [[0x02], [0x01, 0xFF]], "backward between bounds, neighbouring partitions left out")
    }

    static func scans(_ store: any ItemStore) async throws {
        try await store.commitItems([
            .put(entry("t/s", [2], [1])), .put(entry("t/s", [1], [2])), .put(entry("t/s", [1], [1])), .put(entry("t/s", [1, 0], [0])),
            .put(entry("t/other", [0], [0])),
        ])
        var seen: [ItemPosition] = []
        var after: ItemPosition? = nil
        while true {
            let page = try await store.items(ItemQuery(space: "t/s", partition: nil, after: after, limit: 2))
            seen += page.map(\.position)
            guard page.count == 2, let last = page.last else { break }
            after = last.position
        }
        try StoreConformance.expectEqual(
            seen.map { $0.partition + [0xEE] + $0.sort }, [[1, 0xEE, 1], [1, 0xEE, 2], [1, 0, 0xEE, 0], [2, 0xEE, 1]],
            "a scan in (partition, sort) order, page by page")
    }

    static func commits(_ store: any ItemStore) async throws {
        try await store.commitItems([
            .put(entry("t/c", [1], [], 1)), .put(entry("t/c", [1], [], 2)), .delete(space: "t/c", partition: [2], sort: []),
        ])
        try StoreConformance.expectEqual(try await store.item(space: "t/c", partition: [1], sort: []), [2], "writes apply in order")
        try await store.commitItems([.put(entry("t/c", [3], [])), .put(entry("t/d", [3], [])), .deleteSpace("t/c")])
        try StoreConformance.expect(try await store.items(ItemQuery(space: "t/c", partition: nil, limit: 10)).isEmpty, "space deleted")
        try StoreConformance.expect(try await store.item(space: "t/d", partition: [3], sort: []) != nil, "other spaces stay")
    }
}
