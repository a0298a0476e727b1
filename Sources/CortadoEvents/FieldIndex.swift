/// What a satisfied condition counts towards: a branch's field slot, or (when `slot` is negative) a
/// rule outright, for a branch of one required field, which one satisfying leaf matches.
struct MatchHit: Sendable {
    var target: Int32
    var slot: Int32

    static func rule(_ rule: Int32) -> MatchHit { MatchHit(target: rule, slot: -1) }
}

/// One field's conditions, indexed by kind so that a leaf finds the conditions it satisfies without
/// trying the others: hash maps for exact values, byte tries for prefixes and suffixes, interval
/// indexes for numeric ranges and CIDR blocks, wildcards filed under their first or last literal run,
/// and anything-but as the list of its conditions less those a value excludes.
///
/// Filled through a `Builder` while the machine compiles, then frozen into a class of constants, so
/// that matching reads the maps it needs in place (a struct of two dozen reference-counted members
/// was copied for every leaf, and a class of variables pays an exclusivity check per read).
final class FieldIndex: Sendable {
    struct Builder {
        var exists: [MatchHit] = []
        var strings: [String: [MatchHit]] = [:]
        var numbers: [Double: [MatchHit]] = [:]
        var trues: [MatchHit] = []
        var falses: [MatchHit] = []
        var nulls: [MatchHit] = []
        var prefixes = ByteTrie<MatchHit>()
        var suffixes = ByteTrie<MatchHit>()
        var lowerStrings: [String: [MatchHit]] = [:]
        var lowerPrefixes = ByteTrie<MatchHit>()
        var lowerSuffixes = ByteTrie<MatchHit>()
        var wildcards = WildcardIndex<MatchHit>()
        var numeric = IntervalIndex<Double, MatchHit>()
        var numericRanges: [(MatchHit, NumericRange)] = []
        var numericOdd: [(MatchHit, NumericRange)] = []
        var ipv4 = IntervalIndex<IPKey, MatchHit>()
        var ipv6 = IntervalIndex<IPKey, MatchHit>()
        var anythingBut = AnythingButIndex()

        mutating func add(_ condition: ValueCondition, _ hit: MatchHit) {
            switch condition {
            case .string(let s): strings[s, default: []].append(hit)
            case .number(let n): numbers[n, default: []].append(hit)
            case .bool(true): trues.append(hit)
            case .bool(false): falses.append(hit)
            case .null: nulls.append(hit)
            case .exists(true): exists.append(hit)
            case .exists(false): break
            case .prefix(let p): prefixes.insert(p.utf8, hit)
            case .suffix(let s): suffixes.insert(s.utf8.reversed(), hit)
            case .equalsIgnoreCase(let s): lowerStrings[s.lowercased(), default: []].append(hit)
            case .prefixIgnoreCase(let p): lowerPrefixes.insert(p.lowercased().utf8, hit)
            case .suffixIgnoreCase(let s): lowerSuffixes.insert(s.lowercased().utf8.reversed(), hit)
            case .wildcard(let w): wildcards.insert(w, hit)
            case .anythingBut(let a): anythingBut.add(a, hit)
            case .numeric(let r):
                numericRanges.append((hit, r))
                if r.lower?.isNaN == true || r.upper?.isNaN == true {
                    numericOdd.append((hit, r))
                } else {
                    numeric.insert(
                        lower: r.lower.map { IntervalIndex<Double, MatchHit>.Bound(key: $0, inclusive: r.lowerInclusive) },
                        upper: r.upper.map { IntervalIndex<Double, MatchHit>.Bound(key: $0, inclusive: r.upperInclusive) }, hit)
                }
            case .ip(let r):
                let low = IntervalIndex<IPKey, MatchHit>.Bound(key: IPKey(r.low), inclusive: true)
                let high = IntervalIndex<IPKey, MatchHit>.Bound(key: IPKey(r.high), inclusive: true)
                if r.low.count == 4 { ipv4.insert(lower: low, upper: high, hit) } else { ipv6.insert(lower: low, upper: high, hit) }
            }
        }
    }

    let exists: [MatchHit]
    let strings: [String: [MatchHit]]
    let numbers: [Double: [MatchHit]]
    let trues: [MatchHit]
    let falses: [MatchHit]
    let nulls: [MatchHit]
    let prefixes: ByteTrie<MatchHit>
    let suffixes: ByteTrie<MatchHit>
    let lowerStrings: [String: [MatchHit]]
    let lowerPrefixes: ByteTrie<MatchHit>
    let lowerSuffixes: ByteTrie<MatchHit>
    let wildcards: WildcardIndex<MatchHit>
    let numeric: IntervalIndex<Double, MatchHit>
    /// Every numeric range, for a NaN leaf (which only code, not JSON text, can make), and the ranges
    /// with a NaN bound: both are checked one by one, as `NumericRange.contains` decides them.
    let numericRanges: [(MatchHit, NumericRange)]
    let numericOdd: [(MatchHit, NumericRange)]
    let ipv4: IntervalIndex<IPKey, MatchHit>
    let ipv6: IntervalIndex<IPKey, MatchHit>
    let anythingBut: AnythingButIndex
    /// Whether a string leaf needs its lower-cased form.
    let needsLower: Bool
    /// Whether a string leaf needs more than the exact-string map.
    let needsBytes: Bool

    /// Freezes `b`; `exclusionBase` is where its anything-but conditions start in the machine-wide
    /// numbering of exclusion marks.
    init(_ b: Builder, exclusionBase: Int32) {
        var b = b
        b.prefixes.freeze()
        b.suffixes.freeze()
        b.lowerPrefixes.freeze()
        b.lowerSuffixes.freeze()
        b.wildcards.freeze()
        b.numeric.freeze()
        b.ipv4.freeze()
        b.ipv6.freeze()
        b.anythingBut.freeze(base: exclusionBase)
        exists = b.exists
        strings = b.strings
        numbers = b.numbers
        trues = b.trues
        falses = b.falses
        nulls = b.nulls
        prefixes = b.prefixes
        suffixes = b.suffixes
        lowerStrings = b.lowerStrings
        lowerPrefixes = b.lowerPrefixes
        lowerSuffixes = b.lowerSuffixes
        wildcards = b.wildcards
        numeric = b.numeric
        numericRanges = b.numericRanges
        numericOdd = b.numericOdd
        ipv4 = b.ipv4
        ipv6 = b.ipv6
        anythingBut = b.anythingBut
        needsLower = !b.lowerStrings.isEmpty || !b.lowerPrefixes.isEmpty || !b.lowerSuffixes.isEmpty || b.anythingBut.needsLower
        needsBytes =
            needsLower || !b.prefixes.isEmpty || !b.suffixes.isEmpty || !b.wildcards.isEmpty || !b.ipv4.isEmpty || !b.ipv6.isEmpty
            || !b.anythingBut.isEmpty
    }

    /// Records in `state` every condition `leaf` satisfies (each as often as it is satisfied once).
    @inline(__always)
    func record(_ leaf: Leaf, leafIndex: Int32, into state: inout MatchState) {
        for hit in exists { state.record(hit, leafIndex) }
        switch leaf {
        case .string(let s):
            if !strings.isEmpty, let hits = strings[s] { for hit in hits { state.record(hit, leafIndex) } }
            if needsBytes { recordString(s, leafIndex: leafIndex, into: &state) }
        case .number(let n):
            if !numbers.isEmpty, let hits = numbers[n] { for hit in hits { state.record(hit, leafIndex) } }
            if !numericRanges.isEmpty {
                if n.isNaN {
                    for (hit, range) in numericRanges where range.contains(n) { state.record(hit, leafIndex) }
                } else {
                    numeric.record(containing: n, leafIndex: leafIndex, into: &state)
                    for (hit, range) in numericOdd where range.contains(n) { state.record(hit, leafIndex) }
                }
            }
            if !anythingBut.isEmpty { anythingBut.record(leaf, lowered: nil, bytes: nil, leafIndex: leafIndex, into: &state) }
        case .bool(true):
            for hit in trues { state.record(hit, leafIndex) }
            if !anythingBut.isEmpty { anythingBut.record(leaf, lowered: nil, bytes: nil, leafIndex: leafIndex, into: &state) }
        case .bool(false):
            for hit in falses { state.record(hit, leafIndex) }
            if !anythingBut.isEmpty { anythingBut.record(leaf, lowered: nil, bytes: nil, leafIndex: leafIndex, into: &state) }
        case .null:
            for hit in nulls { state.record(hit, leafIndex) }
            if !anythingBut.isEmpty { anythingBut.record(leaf, lowered: nil, bytes: nil, leafIndex: leafIndex, into: &state) }
        }
    }

    /// The conditions on a string that look at its bytes, its lower-cased form or its address.
    private func recordString(_ s: String, leafIndex: Int32, into state: inout MatchState) {
        let lowered = needsLower ? Self.lowered(s) : nil
        func body(_ bytes: UnsafeBufferPointer<UInt8>) {
            prefixes.walk(bytes) { state.record($0, leafIndex) }
            suffixes.walk(bytes.reversed()) { state.record($0, leafIndex) }
            wildcards.forEachMatch(bytes) { state.record($0, leafIndex) }
            if let lowered {
                if let hits = lowerStrings[lowered] { for hit in hits { state.record(hit, leafIndex) } }
                if !lowerPrefixes.isEmpty || !lowerSuffixes.isEmpty {
                    lowered.utf8.withContiguousBytes { lower in
                        lowerPrefixes.walk(lower) { state.record($0, leafIndex) }
                        lowerSuffixes.walk(lower.reversed()) { state.record($0, leafIndex) }
                    }
                }
            }
            if !ipv4.isEmpty || !ipv6.isEmpty, let address = IPRange.parse(bytes: bytes) {
                switch address {
                case .v4(let v): ipv4.record(containing: IPKey(high: 0, low: UInt64(v)), leafIndex: leafIndex, into: &state)
                case .other(let a) where a.count == 4: ipv4.record(containing: IPKey(a), leafIndex: leafIndex, into: &state)
                case .other(let a): ipv6.record(containing: IPKey(a), leafIndex: leafIndex, into: &state)
                }
            }
            if !anythingBut.isEmpty {
                anythingBut.record(.string(s), lowered: lowered, bytes: bytes, leafIndex: leafIndex, into: &state)
            }
        }
        s.utf8.withContiguousBytes(body)
    }

    /// `s.lowercased()`, without a new string when `s` is ASCII and has no capital.
    static func lowered(_ s: String) -> String {
        var capitals = false
        for b in s.utf8 {
            if b >= 0x80 { return s.lowercased() }
            if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { capitals = true }
        }
        return capitals ? s.lowercased() : s
    }
}

extension String.UTF8View {
    /// The bytes, in place when the string is stored contiguously (native strings are), else copied.
    @inline(__always)
    func withContiguousBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = withContiguousStorageIfAvailable(body) { return result }
        return Array(self).withUnsafeBufferPointer(body)
    }
}

/// An IP address as an ordered key: IPv4 in `low`, IPv6 in both words, big-endian, so that the order
/// is the byte order `IPRange` compares in.
struct IPKey: Comparable, Sendable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ bytes: [UInt8]) {
        for (i, b) in bytes.enumerated() {
            if bytes.count == 16 && i < 8 { high = high << 8 | UInt64(b) } else { low = low << 8 | UInt64(b) }
        }
    }

    static func < (a: IPKey, b: IPKey) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }
}

/// Wildcards filed under their first literal run (a value must start with it) or their last (a value
/// must end with it), whichever is longer, so that few candidates share a trie node; only those with
/// neither (`*x*`) are tried on every value. Candidates are checked with `Wildcard.matches`.
struct WildcardIndex<Payload: Sendable>: Sendable {
    private var patterns: [Wildcard] = []
    private var payloads: [Payload] = []
    private var byFirst = ByteTrie<Int32>()
    private var byLast = ByteTrie<Int32>()
    private var always: [Int32] = []

    var isEmpty: Bool { patterns.isEmpty }

    mutating func insert(_ wildcard: Wildcard, _ payload: Payload) {
        let i = Int32(patterns.count)
        patterns.append(wildcard)
        payloads.append(payload)
        let segments = wildcard.segments
        let first = segments[0]
        // With no star the one run is both; it must be filed as a prefix (the whole value).
        let last = segments.count > 1 ? segments[segments.count - 1] : []
        if first.isEmpty && last.isEmpty {
            always.append(i)
        } else if first.count >= last.count {
            byFirst.insert(first, i)
        } else {
            byLast.insert(last.reversed(), i)
        }
    }

    mutating func freeze() {
        byFirst.freeze()
        byLast.freeze()
    }

    @inline(__always)
    func forEachMatch(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Payload) -> Void) {
        if patterns.isEmpty { return }
        byFirst.walk(bytes) { i in if patterns[Int(i)].matches(bytes: bytes) { body(payloads[Int(i)]) } }
        byLast.walk(bytes.reversed()) { i in if patterns[Int(i)].matches(bytes: bytes) { body(payloads[Int(i)]) } }
        for i in always where patterns[Int(i)].matches(bytes: bytes) { body(payloads[Int(i)]) }
    }
}

/// A field's anything-but conditions: each holds for a leaf unless the leaf is one of its excluded
/// values or forms (or of another type than they are: `anything-but: "x"` holds for numbers). A leaf
/// marks the conditions it is excluded by, through maps, tries and the wildcard index, then every
/// unmarked condition holds: the work is the conditions that hold, not a check per condition.
struct AnythingButIndex: Sendable {
    private var hits: [MatchHit] = []
    private var strings: [String: [Int32]] = [:]
    private var numbers: [Double: [Int32]] = [:]
    private var lowerStrings: [String: [Int32]] = [:]
    private var prefixes = ByteTrie<Int32>()
    private var suffixes = ByteTrie<Int32>()
    private var wildcards = WildcardIndex<Int32>()
    /// Where this field's conditions start in the machine-wide numbering of the exclusion marks.
    private var base: Int32 = 0

    var isEmpty: Bool { hits.isEmpty }
    var count: Int { hits.count }
    var needsLower: Bool { !lowerStrings.isEmpty }

    mutating func add(_ condition: AnythingBut, _ hit: MatchHit) {
        let i = Int32(hits.count)
        hits.append(hit)
        switch condition {
        case .strings(let set): for s in set { strings[s, default: []].append(i) }
        case .numbers(let set): for n in set { numbers[n, default: []].append(i) }
        case .ignoringCase(let set): for s in set { lowerStrings[s, default: []].append(i) }
        case .prefixes(let ps): for p in ps { prefixes.insert(p.utf8, i) }
        case .suffixes(let ss): for s in ss { suffixes.insert(s.utf8.reversed(), i) }
        case .wildcards(let ws): for w in ws { wildcards.insert(w, i) }
        }
    }

    mutating func freeze(base: Int32) {
        self.base = base
        prefixes.freeze()
        suffixes.freeze()
        wildcards.freeze()
    }

    @inline(__always)
    func record(_ leaf: Leaf, lowered: String?, bytes: UnsafeBufferPointer<UInt8>?, leafIndex: Int32, into state: inout MatchState) {
        let mark = state.nextExclusionMark()
        let base = Int(base)
        switch leaf {
        case .string(let s):
            if let excluded = strings[s] { for i in excluded { state.exclusions[base + Int(i)] = mark } }
            if let lowered, let excluded = lowerStrings[lowered] { for i in excluded { state.exclusions[base + Int(i)] = mark } }
            if let bytes {
                prefixes.walk(bytes) { state.exclusions[base + Int($0)] = mark }
                suffixes.walk(bytes.reversed()) { state.exclusions[base + Int($0)] = mark }
                wildcards.forEachMatch(bytes) { state.exclusions[base + Int($0)] = mark }
            }
        case .number(let n):
            if let excluded = numbers[n] { for i in excluded { state.exclusions[base + Int(i)] = mark } }
        case .bool, .null:
            break
        }
        for i in hits.indices where state.exclusions[base + i] != mark { state.record(hits[i], leafIndex) }
    }
}
