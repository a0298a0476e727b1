/// The running frames of an execution, by id. Ids are handed out in order, so a flat array serves:
/// reading a field through `table[id]!` borrows the frame instead of copying it, as a dictionary would.
struct FrameTable: Sendable, ExpressibleByDictionaryLiteral {
    private var slots: [Frame?] = []

    init(dictionaryLiteral elements: (Int, Frame)...) {
        for (id, frame) in elements { self[id] = frame }
    }

    subscript(id: Int) -> Frame? {
        _read {
            if id >= 0 && id < slots.count { yield slots[id] } else { yield nil }
        }
        _modify {
            if id >= slots.count { slots.append(contentsOf: repeatElement(nil, count: id - slots.count + 1)) }
            yield &slots[id]
        }
    }

    mutating func removeValue(forKey id: Int) -> Frame? {
        guard id >= 0 && id < slots.count else { return nil }
        defer { slots[id] = nil }
        return slots[id]
    }

    var values: [Frame] { slots.compactMap { $0 } }
}
