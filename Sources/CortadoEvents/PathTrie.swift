/// The rule paths split into segments: which event keys lead to a rule field.
///
/// Keys are looked up by their UTF-8 bytes, as the text walker finds them, with no `String` made: a
/// short list per node, a hash table past `linearLimit` children. Swift compares strings by canonical
/// equivalence (so does `FlatEvent`, the reference), under which different bytes can be the same key
/// (`é` and `e` + U+0301; even ASCII `K` and U+212A KELVIN SIGN); so a key that misses by bytes is
/// looked up again as a `String` when it, or one of the node's keys, is not ASCII.
struct PathTrie: Sendable {
    /// Per node: the field id ending there (or -1).
    private var fields: [Int32] = [-1]
    /// Per node, its children by key, as `insert` builds them; the `String` lookups use it.
    private var children: [[String: Int32]] = [[:]]
    /// Per node, whether every child key is ASCII (else lookups by bytes go through `children`).
    private var allASCII: [Bool] = [true]

    /// The byte lookup, built by `freeze`: per node a run of `entries` (every child, by its key's
    /// bytes), and past `linearLimit` children a run of `table` (open addressing by FNV-1a; entry index
    /// + 1, 0 when empty).
    private var entries: [(offset: Int32, count: Int32, child: Int32)] = []
    private var keyBytes: [UInt8] = []
    private var nodes: [Node] = []
    private var table: [Int32] = []
    static let linearLimit = 8

    private struct Node {
        var start: Int32
        var count: Int32
        var tableStart: Int32
        var tableMask: Int32
        /// Whether a key with dots can lead anywhere (some child has children).
        var dotted: Bool
        /// Whether every child key is ASCII: if not, a key that misses by bytes is tried as a `String`.
        var ascii: Bool
        /// The first bytes of the child keys, when every key is ASCII and none is empty (else all ones).
        var firstLow: UInt64
        var firstHigh: UInt64
    }

    mutating func insert(_ path: String, field: Int32) {
        var node: Int32 = 0
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            let key = String(segment)
            if let next = children[Int(node)][key] {
                node = next
                continue
            }
            let next = Int32(fields.count)
            fields.append(-1)
            children.append([:])
            allASCII.append(true)
            children[Int(node)][key] = next
            if !key.utf8.allSatisfy({ $0 < 0x80 }) { allASCII[Int(node)] = false }
            node = next
        }
        fields[Int(node)] = field
    }

    /// Builds the byte lookup once every path is in.
    mutating func freeze() {
        entries = []
        keyBytes = []
        table = []
        nodes = []
        for node in fields.indices {
            let start = Int32(entries.count)
            for (key, child) in children[node] {
                entries.append((Int32(keyBytes.count), Int32(key.utf8.count), child))
                keyBytes.append(contentsOf: key.utf8)
            }
            let count = Int32(entries.count) - start
            var tableStart: Int32 = 0
            var mask: Int32 = 0
            if count > Self.linearLimit {
                var size = 1
                while size < Int(count) * 2 { size <<= 1 }
                tableStart = Int32(table.count)
                mask = Int32(size - 1)
                table.append(contentsOf: repeatElement(0, count: size))
                for e in Int(start)..<entries.count {
                    let key = keyBytes[Int(entries[e].offset)..<Int(entries[e].offset + entries[e].count)]
                    var slot = Int(truncatingIfNeeded: Self.hash(key)) & (size - 1)
                    while table[Int(tableStart) + slot] != 0 { slot = (slot + 1) & (size - 1) }
                    table[Int(tableStart) + slot] = Int32(e + 1)
                }
            }
            let dotted = children[node].values.contains { !children[Int($0)].isEmpty }
            var low: UInt64 = 0
            var high: UInt64 = 0
            if allASCII[node], !children[node].keys.contains("") {
                for key in children[node].keys {
                    let b = key.utf8.first!
                    if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
                }
            } else {
                low = ~0
                high = ~0
            }
            nodes.append(
                Node(
                    start: start, count: count, tableStart: tableStart, tableMask: mask, dotted: dotted, ascii: allASCII[node],
                    firstLow: low, firstHigh: high))
        }
    }

    @inline(__always) func field(_ node: Int32) -> Int32 { fields[Int(node)] }
    @inline(__always) func hasChildren(_ node: Int32) -> Bool { nodes[Int(node)].count > 0 }
    /// Whether anything at or below `node` is a rule field: else its value can be skipped.
    @inline(__always) func isRelevant(_ node: Int32) -> Bool { fields[Int(node)] >= 0 || nodes[Int(node)].count > 0 }

    /// Whether a key starting with `first` may lead anywhere from `node`. Under a node whose keys are
    /// ASCII and not empty, a key whose first byte is ASCII and starts no child key leads nowhere: not
    /// byte for byte, not as a dotted path (its first segment would start the same), and not as a string
    /// Swift holds equal (normalizing keeps a leading ASCII byte, or makes it non-ASCII when a combining
    /// mark follows, and then it equals no ASCII key). Most event keys are turned away here.
    @inline(__always)
    func mayLead(_ node: Int32, first: UInt8) -> Bool {
        let info = nodes[Int(node)]
        if first < 64 { return info.firstLow & (1 << UInt64(first)) != 0 }
        if first < 128 { return info.firstHigh & (1 << UInt64(first - 64)) != 0 }
        return true
    }

    /// The node an event key leads to from `node`: the key itself, or (a key with dots, such as
    /// `"detail.state"`) its dot-separated segments one after another.
    @inline(__always)
    func resolve(_ node: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        if let first = key.first, !mayLead(node, first: first) { return nil }
        // Identical bytes are an identical key, whatever Swift's equivalence: most keys end here.
        if let child = child(node, key) { return child }
        return resolveMiss(node, key)
    }

    /// A key no child has byte for byte: it may still lead somewhere if it has dots, or if it is not
    /// ASCII (or the node has a key that is not) and Swift holds it equal to a child's key.
    private func resolveMiss(_ node: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let info = nodes[Int(node)]
        let (ascii, dots) = Self.scan(key)
        if !ascii || !info.ascii { return resolve(node, String(decoding: key, as: UTF8.self)) }
        guard dots, info.dotted else { return nil }
        var at = node
        var start = 0
        for i in 0...key.count where i == key.count || key[i] == UInt8(ascii: ".") {
            guard let next = child(at, UnsafeBufferPointer(rebasing: key[start..<i])) ?? resolveMissASCII(at, key, start, i)
            else { return nil }
            at = next
            start = i + 1
        }
        return at
    }

    /// A segment of an ASCII key under a node with a non-ASCII child key (which Swift may hold equal).
    private func resolveMissASCII(_ node: Int32, _ key: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        guard !nodes[Int(node)].ascii else { return nil }
        return children[Int(node)][String(decoding: UnsafeBufferPointer(rebasing: key[start..<end]), as: UTF8.self)]
    }

    /// Whether `key` is all ASCII, and whether it has a dot; eight bytes at a time.
    @inline(__always)
    static func scan(_ key: UnsafeBufferPointer<UInt8>) -> (ascii: Bool, dots: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        var any: UInt64 = 0
        var dots = false
        while i + 8 <= key.count {
            let word = UnsafeRawPointer(key.baseAddress! + i).loadUnaligned(as: UInt64.self)
            any |= word
            let x = word ^ (ones &* UInt64(UInt8(ascii: ".")))
            if (x &- ones) & ~x & high != 0 { dots = true }
            i += 8
        }
        var tail: UInt8 = 0
        while i < key.count {
            tail |= key[i]
            if key[i] == UInt8(ascii: ".") { dots = true }
            i += 1
        }
        return (any & high == 0 && tail < 0x80, dots)
    }

    /// The same for a key held as a `String` (one that is not ASCII, or was decoded from escapes);
    /// segments are split as `insert` splits paths, by `Character`.
    func resolve(_ node: Int32, _ key: String) -> Int32? {
        if let next = children[Int(node)][key] { return next }
        guard key.utf8.contains(UInt8(ascii: ".")) else { return nil }
        var at = node
        for segment in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = children[Int(at)][String(segment)] else { return nil }
            at = next
        }
        return at
    }

    /// The child whose key has exactly these bytes.
    @inline(__always)
    private func child(_ node: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let run = nodes[Int(node)]
        if run.tableMask == 0 {
            var e = Int(run.start)
            let end = e + Int(run.count)
            while e < end {
                if matches(e, key) { return entries[e].child }
                e += 1
            }
            return nil
        }
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & Int(run.tableMask)
        while true {
            let e = Int(table[Int(run.tableStart) + slot]) - 1
            if e < 0 { return nil }
            if matches(e, key) { return entries[e].child }
            slot = (slot + 1) & Int(run.tableMask)
        }
    }

    @inline(__always)
    private func matches(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let entry = entries[e]
        guard Int(entry.count) == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { all in
            var i = 0
            let base = Int(entry.offset)
            while i < key.count {
                if all[base + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    @inline(__always)
    static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
