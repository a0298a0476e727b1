/// Ranges over an ordered key (numbers for `numeric`, addresses for `cidr`), indexed so that finding
/// the ranges that hold a value costs a binary search and a walk up a segment tree, plus the ranges
/// found: not one comparison per range.
///
/// The distinct bounds cut the line into pieces: before the first bound, each bound itself, between two
/// bounds, after the last. Every range covers a run of pieces, stored in the O(log n) tree nodes that
/// cover that run; a value's piece is found by binary search, and the ranges holding it are those
/// stored on the path from its leaf to the root.
struct IntervalIndex<Key: Comparable & Sendable, Payload: Sendable>: Sendable {
    struct Bound: Sendable {
        var key: Key
        var inclusive: Bool
    }

    private var pending: [(lower: Bound?, upper: Bound?, payload: Payload)] = []
    private var bounds: [Key] = []
    private var leaves = 1
    /// Node n's ranges are payloads[nodeStart[n]..<nodeStart[n + 1]]; nodes 1..<2 × leaves, heap order.
    private(set) var nodeStart: [Int32] = []
    private(set) var payloads: [Payload] = []

    var isEmpty: Bool { pending.isEmpty && payloads.isEmpty }

    /// A range; nil bounds are open-ended.
    mutating func insert(lower: Bound?, upper: Bound?, _ payload: Payload) {
        pending.append((lower, upper, payload))
    }

    mutating func freeze() {
        var keys: [Key] = []
        for range in pending {
            if let lower = range.lower { keys.append(lower.key) }
            if let upper = range.upper { keys.append(upper.key) }
        }
        keys.sort()
        bounds = []
        for key in keys where bounds.last != key { bounds.append(key) }
        let pieces = 2 * bounds.count + 1
        leaves = 1
        while leaves < pieces { leaves <<= 1 }
        var perNode = [[Payload]](repeating: [], count: 2 * leaves)
        for range in pending {
            let first = range.lower.map { $0.inclusive ? 2 * index($0.key) + 1 : 2 * index($0.key) + 2 } ?? 0
            let last = range.upper.map { $0.inclusive ? 2 * index($0.key) + 1 : 2 * index($0.key) } ?? pieces - 1
            guard first <= last else { continue }  // empty: holds no value
            var l = first + leaves
            var r = last + leaves + 1
            while l < r {
                if l & 1 == 1 {
                    perNode[l].append(range.payload)
                    l += 1
                }
                if r & 1 == 1 {
                    r -= 1
                    perNode[r].append(range.payload)
                }
                l >>= 1
                r >>= 1
            }
        }
        nodeStart = [0]
        payloads = []
        for node in perNode.indices {
            payloads.append(contentsOf: perNode[node])
            nodeStart.append(Int32(payloads.count))
        }
        pending = []
    }

    /// The position of `key` among the bounds (it is one of them).
    private func index(_ key: Key) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let mid = (low + high) / 2
            if bounds[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Calls `body` with every range that holds `value`.
    @inline(__always)
    func forEach(containing value: Key, _ body: (Payload) -> Void) {
        var node = leaf(containing: value)
        while node >= 1 {
            var p = Int(nodeStart[node])
            let end = Int(nodeStart[node + 1])
            while p < end {
                body(payloads[p])
                p += 1
            }
            node >>= 1
        }
    }

    /// The tree leaf of the piece holding `value` (0, "none", when the index is empty): the ranges
    /// holding the value are stored at it and its ancestors.
    @inline(__always)
    func leaf(containing value: Key) -> Int {
        if payloads.isEmpty { return 0 }
        // The first bound not below the value: the value is that bound's piece, or the gap before it.
        var low = 0
        var high = bounds.count
        while low < high {
            let mid = (low + high) / 2
            if bounds[mid] < value { low = mid + 1 } else { high = mid }
        }
        let piece = low < bounds.count && bounds[low] == value ? 2 * low + 1 : 2 * low
        return piece + leaves
    }
}

extension IntervalIndex where Payload == MatchHit {
    /// Records in `state` every range that holds `value` (a loop rather than a closure: mutating the
    /// state from a closure cost a copy of the arrays it touched).
    @inline(__always)
    func record(containing value: Key, leafIndex: Int32, into state: inout MatchState) {
        var node = leaf(containing: value)
        while node >= 1 {
            var p = Int(nodeStart[node])
            let end = Int(nodeStart[node + 1])
            while p < end {
                state.record(payloads[p], leafIndex)
                p += 1
            }
            node >>= 1
        }
    }
}
