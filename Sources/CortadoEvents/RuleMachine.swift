import CortadoJSON

/// Every rule of a bus compiled into one index, so that matching an event costs the event's leaves
/// times the conditions they satisfy, not the number of rules (docs/architecture/events.md).
///
/// Immutable once built; `matches` needs a `Scratch` (per-event working memory sized to the machine)
/// that one caller at a time may reuse.
public struct RuleMachine<Rule: Hashable & Sendable>: Sendable {
    struct Branch {
        var rule: Int32
        /// Slots that a leaf must satisfy (fields without `exists: false`).
        var required: UInt64
        /// Fields that absence satisfies: (slot, field id); if present, a leaf must satisfy them.
        var absenceOK: [(slot: Int32, field: Int32)]
        /// The field id of each slot.
        var fieldIDs: [Int32]
    }

    public let rules: [Rule]
    private var branches: [Branch] = []
    private var fields: [FieldIndex] = []
    private var paths = PathTrie()
    /// Branches with no required field: checked on every event.
    private var alwaysCheck: [Int32] = []

    /// Compiles `rules`; the order given is the order `matches` reports in.
    public init(_ rules: [(Rule, EventPattern)]) {
        self.rules = rules.map(\.0)
        var fieldIDs: [String: Int32] = [:]
        for (ruleIndex, (_, pattern)) in rules.enumerated() {
            for branch in pattern.branches {
                let b = Int32(branches.count)
                var info = Branch(rule: Int32(ruleIndex), required: 0, absenceOK: [], fieldIDs: [])
                for (slot, field) in branch.fields.prefix(64).enumerated() {
                    let id: Int32
                    if let known = fieldIDs[field.path] {
                        id = known
                    } else {
                        id = Int32(fields.count)
                        fieldIDs[field.path] = id
                        fields.append(FieldIndex())
                        paths.insert(field.path, field: id)
                    }
                    info.fieldIDs.append(id)
                    let hit = MatchHit(branch: b, slot: Int32(slot))
                    for condition in field.positive { fields[Int(id)].add(condition, hit) }
                    if field.acceptsAbsence {
                        info.absenceOK.append((Int32(slot), id))
                    } else {
                        info.required |= 1 << UInt64(slot)
                    }
                }
                if info.required == 0 { alwaysCheck.append(b) }
                branches.append(info)
            }
        }
    }

    /// Per-event working memory; make one per concurrent caller and reuse it.
    public final class Scratch {
        var stamp: UInt32 = 0
        var branchStamp: [UInt32]
        var branchMask: [UInt64]
        var branchArrays: [Bool]
        var fieldStamp: [UInt32]
        var touched: [Int32] = []
        var leaves: [(field: Int32, leaf: Leaf, trail: [UInt64])] = []
        var hits: [(hit: MatchHit, leaf: Int32)] = []
        var arrays: UInt64 = 0

        init(branches: Int, fields: Int) {
            branchStamp = Array(repeating: 0, count: branches)
            branchMask = Array(repeating: 0, count: branches)
            branchArrays = Array(repeating: false, count: branches)
            fieldStamp = Array(repeating: 0, count: fields)
        }
    }

    public func makeScratch() -> Scratch { Scratch(branches: branches.count, fields: fields.count) }

    /// The rules `event` matches, in the order they were given, each once.
    public func matches(_ event: JSON, using scratch: Scratch) -> [Rule] {
        if branches.isEmpty { return [] }
        if scratch.branchStamp.count != branches.count || scratch.fieldStamp.count != fields.count {
            scratch.branchStamp = Array(repeating: 0, count: branches.count)
            scratch.branchMask = Array(repeating: 0, count: branches.count)
            scratch.branchArrays = Array(repeating: false, count: branches.count)
            scratch.fieldStamp = Array(repeating: 0, count: fields.count)
            scratch.stamp = 0
        }
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for i in scratch.branchStamp.indices { scratch.branchStamp[i] = 0 }
            for i in scratch.fieldStamp.indices { scratch.fieldStamp[i] = 0 }
            scratch.stamp = 1
        }
        scratch.touched.removeAll(keepingCapacity: true)
        scratch.leaves.removeAll(keepingCapacity: true)
        scratch.hits.removeAll(keepingCapacity: true)
        scratch.arrays = 0

        collect(event, node: 0, trail: [], into: scratch)
        let stamp = scratch.stamp
        for (index, entry) in scratch.leaves.enumerated() {
            scratch.fieldStamp[Int(entry.field)] = stamp
            fields[Int(entry.field)].forEachHit(entry.leaf) { hit in
                let b = Int(hit.branch)
                if scratch.branchStamp[b] != stamp {
                    scratch.branchStamp[b] = stamp
                    scratch.branchMask[b] = 0
                    scratch.branchArrays[b] = false
                    scratch.touched.append(hit.branch)
                }
                scratch.branchMask[b] |= 1 << UInt64(hit.slot)
                if !entry.trail.isEmpty { scratch.branchArrays[b] = true }
                scratch.hits.append((hit, Int32(index)))
            }
        }

        var matched: [Int32] = []
        for b in scratch.touched {
            let branch = branches[Int(b)]
            guard branch.required != 0, scratch.branchMask[Int(b)] & branch.required == branch.required else { continue }
            if accepts(b, scratch) { matched.append(branch.rule) }
        }
        for b in alwaysCheck {
            let touched = scratch.branchStamp[Int(b)] == stamp
            if !touched {
                scratch.branchMask[Int(b)] = 0
                scratch.branchArrays[Int(b)] = false
            }
            if accepts(b, scratch, touched: touched) { matched.append(branches[Int(b)].rule) }
        }
        if matched.count > 1 {
            matched.sort()
            var unique: [Int32] = []
            for r in matched where unique.last != r { unique.append(r) }
            matched = unique
        }
        return matched.map { rules[Int($0)] }
    }

    /// Final checks on a branch whose required fields are all satisfied: `exists: false` fields, and
    /// array consistency when leaves came from arrays.
    private func accepts(_ b: Int32, _ scratch: Scratch, touched: Bool = true) -> Bool {
        let branch = branches[Int(b)]
        let mask = touched ? scratch.branchMask[Int(b)] : 0
        let arrays = touched && scratch.branchArrays[Int(b)]
        let presentAbsenceFields = branch.absenceOK.filter { scratch.fieldStamp[Int($0.field)] == scratch.stamp }
        if presentAbsenceFields.isEmpty && !arrays { return true }
        if scratch.arrays == 0 {
            // No arrays anywhere: a present field is present for every choice, so a leaf must satisfy it.
            return presentAbsenceFields.allSatisfy { mask & (1 << UInt64($0.slot)) != 0 }
        }
        var choices: [FieldChoice] = []
        for (slot, field) in branch.fieldIDs.enumerated() {
            let acceptsAbsence = branch.required & (1 << UInt64(slot)) == 0
            let options = scratch.hits.filter { $0.hit.branch == b && $0.hit.slot == Int32(slot) }
                .map { scratch.leaves[Int($0.leaf)].trail }
            let present = acceptsAbsence ? scratch.leaves.filter { $0.field == field }.map(\.trail) : []
            choices.append(FieldChoice(options: options, acceptsAbsence: acceptsAbsence, present: present))
        }
        return chooseConsistent(choices)
    }

    /// Walks the event along the paths the rules name, recording the leaves found at rule fields.
    private func collect(_ value: JSON, node: Int32, trail: [UInt64], into scratch: Scratch) {
        switch value {
        case .object(let object):
            for (key, child) in object {
                if let next = paths.child(node, key) {
                    collect(child, node: next, trail: trail, into: scratch)
                } else if key.utf8.contains(UInt8(ascii: ".")) {
                    var at: Int32? = node
                    for segment in key.split(separator: ".", omittingEmptySubsequences: false) {
                        guard let n = at else { break }
                        at = paths.child(n, String(segment))
                    }
                    if let at { collect(child, node: at, trail: trail, into: scratch) }
                }
            }
        case .array(let elements):
            scratch.arrays += 1
            let id = scratch.arrays << 32
            for (i, element) in elements.enumerated() {
                collect(element, node: node, trail: trail + [id | UInt64(i)], into: scratch)
            }
        default:
            let field = paths.field(node)
            if field >= 0, let leaf = Leaf(value) { scratch.leaves.append((field, leaf, trail)) }
        }
    }
}

/// A (branch, field slot) pair a condition belongs to.
struct MatchHit: Sendable {
    var branch: Int32
    var slot: Int32
}

/// The rule paths split into segments: which event keys lead to a rule field.
struct PathTrie: Sendable {
    private var children: [[String: Int32]] = [[:]]
    private var fields: [Int32] = [-1]

    mutating func insert(_ path: String, field: Int32) {
        var node: Int32 = 0
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            let key = String(segment)
            if let next = children[Int(node)][key] {
                node = next
            } else {
                let next = Int32(children.count)
                children.append([:])
                fields.append(-1)
                children[Int(node)][key] = next
                node = next
            }
        }
        fields[Int(node)] = field
    }

    func child(_ node: Int32, _ key: String) -> Int32? { children[Int(node)][key] }
    func field(_ node: Int32) -> Int32 { fields[Int(node)] }
}

/// One field's conditions, indexed by kind.
struct FieldIndex: Sendable {
    var strings: [String: [MatchHit]] = [:]
    var numbers: [Double: [MatchHit]] = [:]
    var trues: [MatchHit] = []
    var falses: [MatchHit] = []
    var nulls: [MatchHit] = []
    var exists: [MatchHit] = []
    var prefixes = ByteTrie()
    var suffixes = ByteTrie()
    var lowerStrings: [String: [MatchHit]] = [:]
    var lowerPrefixes = ByteTrie()
    var lowerSuffixes = ByteTrie()
    /// Conditions checked one by one: wildcard, anything-but, numeric, IP ranges.
    var others: [(MatchHit, ValueCondition)] = []

    var hasLower: Bool { !lowerStrings.isEmpty || !lowerPrefixes.isEmpty || !lowerSuffixes.isEmpty }

    mutating func add(_ condition: ValueCondition, _ hit: MatchHit) {
        switch condition {
        case .string(let s): strings[s, default: []].append(hit)
        case .number(let n): numbers[n, default: []].append(hit)
        case .bool(true): trues.append(hit)
        case .bool(false): falses.append(hit)
        case .null: nulls.append(hit)
        case .exists(true): exists.append(hit)
        case .exists(false): break
        case .prefix(let p): prefixes.insert(Array(p.utf8), hit)
        case .suffix(let s): suffixes.insert(Array(s.utf8.reversed()), hit)
        case .equalsIgnoreCase(let s): lowerStrings[s.lowercased(), default: []].append(hit)
        case .prefixIgnoreCase(let p): lowerPrefixes.insert(Array(p.lowercased().utf8), hit)
        case .suffixIgnoreCase(let s): lowerSuffixes.insert(Array(s.lowercased().utf8.reversed()), hit)
        case .wildcard, .anythingBut, .numeric, .ip: others.append((hit, condition))
        }
    }

    func forEachHit(_ leaf: Leaf, _ body: (MatchHit) -> Void) {
        exists.forEach(body)
        switch leaf {
        case .string(let s):
            strings[s]?.forEach(body)
            if !prefixes.isEmpty { prefixes.walk(s.utf8, body) }
            if !suffixes.isEmpty { suffixes.walk(s.utf8.reversed(), body) }
            if hasLower {
                let lower = s.lowercased()
                lowerStrings[lower]?.forEach(body)
                if !lowerPrefixes.isEmpty { lowerPrefixes.walk(lower.utf8, body) }
                if !lowerSuffixes.isEmpty { lowerSuffixes.walk(lower.utf8.reversed(), body) }
            }
        case .number(let n): numbers[n]?.forEach(body)
        case .bool(true): trues.forEach(body)
        case .bool(false): falses.forEach(body)
        case .null: nulls.forEach(body)
        }
        for (hit, condition) in others where condition.matches(leaf) { body(hit) }
    }
}

/// A byte trie whose nodes carry the hits of the prefixes ending there.
struct ByteTrie: Sendable {
    private var hits: [[MatchHit]] = [[]]
    private var labels: [[UInt8]] = [[]]
    private var targets: [[Int32]] = [[]]

    var isEmpty: Bool { hits.count == 1 && hits[0].isEmpty }

    mutating func insert(_ bytes: [UInt8], _ hit: MatchHit) {
        var node = 0
        for b in bytes {
            if let i = labels[node].firstIndex(of: b) {
                node = Int(targets[node][i])
            } else {
                let next = hits.count
                hits.append([])
                labels.append([])
                targets.append([])
                labels[node].append(b)
                targets[node].append(Int32(next))
                node = next
            }
        }
        hits[node].append(hit)
    }

    /// Calls `body` with the hits of every stored prefix of `bytes`.
    func walk<S: Sequence<UInt8>>(_ bytes: S, _ body: (MatchHit) -> Void) {
        var node = 0
        hits[0].forEach(body)
        for b in bytes {
            guard let i = labels[node].firstIndex(of: b) else { return }
            node = Int(targets[node][i])
            hits[node].forEach(body)
        }
    }
}
