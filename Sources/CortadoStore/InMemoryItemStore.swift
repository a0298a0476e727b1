/// The reference `ItemStore`: sorted arrays in memory, for tests and `cortado run`.
public actor InMemoryItemStore: ItemStore {
    private var spaces: [String: [ItemEntry]] = [:]

    public init() {}

    public func item(space: String, partition: [UInt8], sort: [UInt8]) -> [UInt8]? {
        guard let entries = spaces[space] else { return nil }
        let target = ItemPosition(partition: partition, sort: sort)
        let i = Self.index(of: target, in: entries)
        return i < entries.count && entries[i].position == target ? entries[i].value : nil
    }

    public func items(_ query: ItemQuery) -> [ItemEntry] {
        guard let entries = spaces[query.space], query.limit > 0 else { return [] }
        var found: [ItemEntry] = []
        let ordered: any Sequence<ItemEntry> = query.reverse ? AnySequence(entries.reversed()) : AnySequence(entries)
        for e in ordered where query.admits(e.position) {
            found.append(e)
            if found.count == query.limit { break }
        }
        return found
    }

    public func commitItems(_ writes: [ItemWrite]) {
        for write in writes {
            switch write {
            case .put(let e):
                var entries = spaces[e.space] ?? []
                let i = Self.index(of: e.position, in: entries)
                if i < entries.count, entries[i].position == e.position { entries[i] = e } else { entries.insert(e, at: i) }
                spaces[e.space] = entries
            case .delete(let space, let partition, let sort):
                guard var entries = spaces[space] else { continue }
                let target = ItemPosition(partition: partition, sort: sort)
                let i = Self.index(of: target, in: entries)
                if i < entries.count, entries[i].position == target { entries.remove(at: i) }
                spaces[space] = entries
            case .deleteSpace(let space):
                spaces[space] = nil
            }
        }
    }

    /// The first index whose key is not below `target`.
    private static func index(of target: ItemPosition, in entries: [ItemEntry]) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].position < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
