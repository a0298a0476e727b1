/// The working memory of one match: sized to a machine once, then reused event after event without
/// clearing, since every per-branch and per-field entry carries the stamp of the event that wrote it.
struct MatchState: @unchecked Sendable {  // moved between a scratch and its machine's pool, never shared
    var stamp: UInt32 = 0

    // Branches of several fields (or with `exists: false`), by their index among those.
    var branchStamp = RawList<UInt32>(repeating: 0, count: 1)
    var branchMask = RawList<UInt64>(repeating: 0, count: 1)
    /// Whether a leaf from inside an array satisfied one of the branch's fields.
    var branchArrays = RawList<Bool>(repeating: false, count: 1)
    /// The branch's last hit in `hits` (each hit links to the one before).
    var branchHead = RawList<Int32>(repeating: -1, count: 1)
    var touched = RawList<Int32>()

    // Fields: whether the event has a leaf there, and its last leaf (linked through `leaves`).
    var fieldStamp = RawList<UInt32>(repeating: 0, count: 1)
    var fieldHead = RawList<Int32>(repeating: -1, count: 1)

    /// The leaves found at rule fields: field, trail (a run of `trails`) and the field's previous leaf.
    var leaves = RawList<(field: Int32, trailStart: Int32, trailCount: Int32, previous: Int32)>()
    /// The arrays each leaf sits in, outermost first, as (array number << 32 | element index).
    var trails = RawList<UInt64>()
    var trailStack = RawList<UInt64>()
    var arrays: UInt64 = 0
    /// Satisfied (branch, slot) pairs of multi-field branches, with the leaf and the branch's previous hit.
    var hits = RawList<(hit: MatchHit, leaf: Int32, previous: Int32)>()

    /// Rules matched (repeats possible until `finish`).
    var matched = RawList<Int32>()
    var ruleBits = RawList<UInt64>(repeating: 0, count: 1)

    /// Anything-but conditions a leaf is excluded from carry that leaf's mark.
    var exclusions = RawList<UInt32>(repeating: 0, count: 1)
    var exclusionMark: UInt32 = 0

    /// The text walker's trie nodes entered in each open object, to notice a repeated key.
    var seen = RawList<Int32>()

    /// The machine dimensions the tables are sized for.
    private var dimensions = (branches: -1, fields: -1, exclusions: -1)

    /// Frees the memory; the state is not used after.
    func deallocate() {
        branchStamp.deallocate()
        branchMask.deallocate()
        branchArrays.deallocate()
        branchHead.deallocate()
        touched.deallocate()
        fieldStamp.deallocate()
        fieldHead.deallocate()
        leaves.deallocate()
        trails.deallocate()
        trailStack.deallocate()
        hits.deallocate()
        matched.deallocate()
        ruleBits.deallocate()
        exclusions.deallocate()
        seen.deallocate()
    }

    /// Readies the state for one event of a machine with these dimensions.
    mutating func begin(branches: Int, fields: Int, exclusions exclusionCount: Int) {
        if dimensions != (branches, fields, exclusionCount) {
            dimensions = (branches, fields, exclusionCount)
            branchStamp.deallocate()
            branchMask.deallocate()
            branchArrays.deallocate()
            branchHead.deallocate()
            fieldStamp.deallocate()
            fieldHead.deallocate()
            exclusions.deallocate()
            branchStamp = RawList(repeating: 0, count: branches)
            branchMask = RawList(repeating: 0, count: branches)
            branchArrays = RawList(repeating: false, count: branches)
            branchHead = RawList(repeating: -1, count: branches)
            fieldStamp = RawList(repeating: 0, count: fields)
            fieldHead = RawList(repeating: -1, count: fields)
            exclusions = RawList(repeating: 0, count: exclusionCount)
            exclusionMark = 0
            stamp = 0
        }
        stamp &+= 1
        if stamp == 0 {
            for i in branchStamp.indices { branchStamp[i] = 0 }
            for i in fieldStamp.indices { fieldStamp[i] = 0 }
            stamp = 1
        }
        touched.removeAll()
        leaves.removeAll()
        trails.removeAll()
        trailStack.removeAll()
        hits.removeAll()
        matched.removeAll()
        seen.removeAll()
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
        if trailStack.count > 0 { trails.append(contentsOf: trailStack) }
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
        return Array(UnsafeBufferPointer(start: trails.base + Int(entry.trailStart), count: Int(entry.trailCount)))
    }

    /// Sorts `matched` and drops repeats: a rule matches once however many of its branches do.
    mutating func finish(rules: Int) {
        if matched.count < 2 { return }
        let m = matched.buffer
        if m.count <= 16 {
            // Few: insertion sort, dropping repeats as they are met.
            var kept = 1
            for i in 1..<m.count {
                let r = m[i]
                var j = kept
                while j > 0, m[j - 1] > r { j -= 1 }
                if j > 0, m[j - 1] == r { continue }
                var k = kept
                while k > j {
                    m[k] = m[k - 1]
                    k -= 1
                }
                m[j] = r
                kept += 1
            }
            matched.truncate(to: kept)
            return
        }
        // Many matches: a bit per rule, read back in order, costs less than sorting them.
        let words = (rules + 63) / 64
        if ruleBits.count < words {
            ruleBits.deallocate()
            ruleBits = RawList(repeating: 0, count: words)
        }
        for r in m { ruleBits[Int(r) >> 6] |= 1 << UInt64(r & 63) }
        matched.removeAll()
        for w in 0..<words where ruleBits[w] != 0 {
            var bits = ruleBits[w]
            while bits != 0 {
                matched.append(Int32(w << 6 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            ruleBits[w] = 0
        }
    }
}
