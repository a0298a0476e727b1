/// The reference `ItemStore`: a sorted array per space in memory, for tests and `cortado run`.
/// Reads seek by binary search and walk from there, writes insert in place.
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
        guard let entries = spaces[query.space], query.limit > 0, !entries.isEmpty else { return [] }
        var found: [ItemEntry] = []
        if query.reverse {
            // Start at the last entry not past the upper end: the partition's end, or `after`.
            var end = entries.count
            if let partition = query.partition {
                end = Self.index(of: ItemPosition(partition: partition + [0], sort: []), in: entries, partitionOnly: true)
            }
            if let after = query.after { end = min(end, Self.index(of: after, in: entries)) }
            var i = end - 1
            while i >= 0, found.count < query.limit {
                let e = entries[i]
                if let partition = query.partition, e.partition != partition { break }
                if query.admits(e.position) {
                    found.append(e)
                } else if let lower = query.lower, e.partition == query.partition,
                    !lower.admitsAsLower(e.sort)
                {
                    break
                }
                i -= 1
            }
        } else {
            var start = 0
            if let partition = query.partition {
                start = Self.index(of: ItemPosition(partition: partition, sort: query.lower?.bytes ?? []), in: entries)
            }
            if let after = query.after { start = max(start, Self.index(of: after, in: entries)) }
            var i = start
            while i < entries.count, found.count < query.limit {
                let e = entries[i]
                if let partition = query.partition, e.partition != partition { break }
                if query.admits(e.position) {
                    found.append(e)
                } else if let upper = query.upper, e.partition == query.partition,
                    !upper.admitsAsUpper(e.sort)
                {
                    break
                }
                i += 1
            }
        }
        return found
    }

    public func commitItems(_ writes: [ItemWrite]) {
        for write in writes {
            switch write {
            case .put(let e):
                let i = Self.index(of: e.position, in: spaces[e.space] ?? [])
                if i < spaces[e.space, default: []].count, spaces[e.space]![i].position == e.position {
                    spaces[e.space]![i] = e
                } else {
                    spaces[e.space, default: []].insert(e, at: i)
                }
            case .delete(let space, let partition, let sort):
                guard let entries = spaces[space] else { continue }
                let target = ItemPosition(partition: partition, sort: sort)
                let i = Self.index(of: target, in: entries)
                if i < entries.count, entries[i].position == target { spaces[space]!.remove(at: i) }
            case .deleteSpace(let space):
                spaces[space] = nil
            }
        }
    }

    /// The first index whose key is not below `target` (with `partitionOnly`, whose partition is not
    /// below the target's).
    private static func index(of target: ItemPosition, in entries: [ItemEntry], partitionOnly: Bool = false) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            let below =
                partitionOnly
                ? entries[mid].partition.lexicographicallyPrecedes(target.partition) : entries[mid].position < target
            if below { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
