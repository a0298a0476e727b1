/// The working memory of one match: sized to a machine once, then reused event after event without
/// clearing, since every per-branch and per-field entry carries the stamp of the event that wrote it.
struct MatchState {
    var stamp: UInt32 = 0

    // Branches of several fields (or with `exists: false`), by their index among those.
    var branchStamp: [UInt32] = []
    var branchMask: [UInt64] = []
    /// Whether a leaf from inside an array satisfied one of the branch's fields.
    var branchArrays: [Bool] = []
    /// The branch's last hit in `hits` (each hit links to the one before).
    var branchHead: [Int32] = []
    var touched: [Int32] = []

    // Fields: whether the event has a leaf there, and its last leaf (linked through `leaves`).
    var fieldStamp: [UInt32] = []
    var fieldHead: [Int32] = []

    /// The leaves found at rule fields: field, trail (a run of `trails`) and the field's previous leaf.
    var leaves: [(field: Int32, trailStart: Int32, trailCount: Int32, previous: Int32)] = []
    /// The arrays each leaf sits in, outermost first, as (array number << 32 | element index).
    var trails: [UInt64] = []
    var trailStack: [UInt64] = []
    var arrays: UInt64 = 0
    /// Satisfied (branch, slot) pairs of multi-field branches, with the leaf and the branch's previous hit.
    var hits: [(hit: MatchHit, leaf: Int32, previous: Int32)] = []

    /// Rules matched (repeats possible until `finish`).
    var matched: [Int32] = []
    var ruleBits: [UInt64] = []

    /// Anything-but conditions a leaf is excluded from carry that leaf's mark.
    var exclusions: [UInt32] = []
    var exclusionMark: UInt32 = 0

    /// The text walker's trie nodes entered in each open object, to notice a repeated key.
    var seen: [Int32] = []

    /// Readies the state for one event of a machine with these dimensions.
    mutating func begin(branches: Int, fields: Int, exclusions exclusionCount: Int) {
        if branchStamp.count != branches || fieldStamp.count != fields || exclusions.count != exclusionCount {
            branchStamp = Array(repeating: 0, count: branches)
            branchMask = Array(repeating: 0, count: branches)
            branchArrays = Array(repeating: false, count: branches)
            branchHead = Array(repeating: -1, count: branches)
            fieldStamp = Array(repeating: 0, count: fields)
            fieldHead = Array(repeating: -1, count: fields)
            exclusions = Array(repeating: 0, count: exclusionCount)
            exclusionMark = 0
            stamp = 0
        }
        stamp &+= 1
        if stamp == 0 {
            for i in branchStamp.indices { branchStamp[i] = 0 }
            for i in fieldStamp.indices { fieldStamp[i] = 0 }
            stamp = 1
        }
        // Most events leave most of these empty; emptying an empty array still costs a call.
        if !touched.isEmpty { touched.removeAll(keepingCapacity: true) }
        if !leaves.isEmpty { leaves.removeAll(keepingCapacity: true) }
        if !trails.isEmpty { trails.removeAll(keepingCapacity: true) }
        if !trailStack.isEmpty { trailStack.removeAll(keepingCapacity: true) }
        if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
        if !matched.isEmpty { matched.removeAll(keepingCapacity: true) }
        if !seen.isEmpty { seen.removeAll(keepingCapacity: true) }
        arrays = 0
    }

    /// Notes a leaf at `field` (inside the arrays on `trailStack`); its index for `record`.
    @inline(__always)
    mutating func addLeaf(_ field: Int32) -> Int32 {
        let index = Int32(leaves.count)
        let f = Int(field)
        if fieldStamp[f] != stamp {
            fieldStamp[f] = stamp
            fieldHead[f] = -1
        }
        leaves.append((field, Int32(trails.count), Int32(trailStack.count), fieldHead[f]))
        fieldHead[f] = index
        if !trailStack.isEmpty { trails.append(contentsOf: trailStack) }
        return index
    }

    /// Notes that `leaf` satisfies a condition.
    @inline(__always)
    mutating func record(_ hit: MatchHit, _ leaf: Int32) {
        if hit.slot < 0 {
            matched.append(hit.target)
            return
        }
        let b = Int(hit.target)
        if branchStamp[b] != stamp {
            branchStamp[b] = stamp
            branchMask[b] = 0
            branchArrays[b] = false
            branchHead[b] = -1
            touched.append(hit.target)
        }
        branchMask[b] |= 1 << UInt64(hit.slot)
        if leaves[Int(leaf)].trailCount > 0 { branchArrays[b] = true }
        hits.append((hit, leaf, branchHead[b]))
        branchHead[b] = Int32(hits.count - 1)
    }

    /// A mark no anything-but condition carries yet, for one leaf's exclusions.
    @inline(__always)
    mutating func nextExclusionMark() -> UInt32 {
        exclusionMark &+= 1
        if exclusionMark == 0 {
            for i in exclusions.indices { exclusions[i] = 0 }
            exclusionMark = 1
        }
        return exclusionMark
    }

    func trail(_ leaf: Int32) -> [UInt64] {
        let entry = leaves[Int(leaf)]
        return Array(trails[Int(entry.trailStart)..<Int(entry.trailStart + entry.trailCount)])
    }

    /// Sorts `matched` and drops repeats: a rule matches once however many of its branches do.
    mutating func finish(rules: Int) {
        if matched.count < 2 { return }
        if matched.count <= 64 {
            matched.sort()
            var kept = 1
            for i in 1..<matched.count where matched[i] != matched[kept - 1] {
                matched[kept] = matched[i]
                kept += 1
            }
            matched.removeSubrange(kept...)
            return
        }
        // Many matches: a bit per rule, read back in order, costs less than sorting them.
        let words = (rules + 63) / 64
        if ruleBits.count != words { ruleBits = Array(repeating: 0, count: words) }
        for r in matched { ruleBits[Int(r) >> 6] |= 1 << UInt64(r & 63) }
        matched.removeAll(keepingCapacity: true)
        for w in ruleBits.indices where ruleBits[w] != 0 {
            var bits = ruleBits[w]
            while bits != 0 {
                matched.append(Int32(w << 6 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            ruleBits[w] = 0
        }
    }
}
