import CortadoJSON

/// `RuleMachine`'s index, apart from the rule values so that none of it is generic: per field path an
/// index of its conditions, the paths as a trie, and the branches that need more than one leaf.
///
/// A class of constants: matching reads it in place (as a struct it was copied into the closures of
/// the walk, a dozen reference counts each time).
final class MatchCore: Sendable {
    /// A branch that one satisfying leaf does not settle: several fields, or a field absence satisfies.
    struct Branch: Sendable {
        var rule: Int32
        /// Slots that a leaf must satisfy (fields without `exists: false`).
        var required: UInt64
        /// Fields that absence satisfies: (slot, field id); if present, a leaf must satisfy them.
        var absenceOK: [(slot: Int32, field: Int32)]
        /// The field id of each slot.
        var fieldIDs: [Int32]
    }

    let ruleCount: Int
    let branches: [Branch]
    let fields: [FieldIndex]
    let paths: PathTrie
    /// Branches with no required field: checked on every event.
    let alwaysCheck: [Int32]
    let exclusionCount: Int

    init(_ patterns: [EventPattern]) {
        ruleCount = patterns.count
        var branches: [Branch] = []
        var paths = PathTrie()
        var alwaysCheck: [Int32] = []
        var fieldIDs: [String: Int32] = [:]
        var fields: [FieldIndex.Builder] = []
        func id(_ path: String) -> Int32 {
            if let known = fieldIDs[path] { return known }
            let id = Int32(fields.count)
            fieldIDs[path] = id
            fields.append(FieldIndex.Builder())
            paths.insert(path, field: id)
            return id
        }
        for (ruleIndex, pattern) in patterns.enumerated() {
            for branch in pattern.branches {
                if branch.fields.count == 1, !branch.fields[0].acceptsAbsence {
                    let field = id(branch.fields[0].path)
                    for condition in branch.fields[0].positive { fields[Int(field)].add(condition, .rule(Int32(ruleIndex))) }
                    continue
                }
                let b = Int32(branches.count)
                var info = Branch(rule: Int32(ruleIndex), required: 0, absenceOK: [], fieldIDs: [])
                for (slot, field) in branch.fields.prefix(64).enumerated() {
                    let fieldID = id(field.path)
                    info.fieldIDs.append(fieldID)
                    let hit = MatchHit(target: b, slot: Int32(slot))
                    for condition in field.positive { fields[Int(fieldID)].add(condition, hit) }
                    if field.acceptsAbsence {
                        info.absenceOK.append((Int32(slot), fieldID))
                    } else {
                        info.required |= 1 << UInt64(slot)
                    }
                }
                if info.required == 0 { alwaysCheck.append(b) }
                branches.append(info)
            }
        }
        paths.freeze()
        var frozen: [FieldIndex] = []
        var exclusions: Int32 = 0
        for builder in fields {
            frozen.append(FieldIndex(builder, exclusionBase: exclusions))
            exclusions += Int32(builder.anythingBut.count)
        }
        self.branches = branches
        self.paths = paths
        self.alwaysCheck = alwaysCheck
        self.fields = frozen
        exclusionCount = Int(exclusions)
    }

    var isEmpty: Bool { ruleCount == 0 }

    func begin(_ state: inout MatchState) {
        state.begin(branches: branches.count, fields: fields.count, exclusions: exclusionCount)
    }

    /// Matches a parsed event: the rule indices are left in `state.matched`, ascending.
    func match(_ event: JSON, _ state: inout MatchState) {
        begin(&state)
        collect(event, node: 0, &state)
        evaluate(&state)
    }

    /// A leaf found at a rule field: what it satisfies goes into `state`.
    @inline(__always)
    func found(_ leaf: Leaf, at field: Int32, _ state: inout MatchState) {
        let index = state.addLeaf(field)
        fields[Int(field)].record(leaf, leafIndex: index, into: &state)
    }

    /// After the walk: the branches whose fields are all satisfied, then the final checks; leaves the
    /// matched rule indices in `state.matched`, ascending.
    func evaluate(_ state: inout MatchState) {
        for b in state.touched {
            let required = branches[Int(b)].required
            guard required != 0, state.branchMask[Int(b)] & required == required else { continue }
            if accepts(b, state, touched: true) { state.matched.append(branches[Int(b)].rule) }
        }
        for b in alwaysCheck {
            let touched = state.branchStamp[Int(b)] == state.stamp
            if accepts(b, state, touched: touched) { state.matched.append(branches[Int(b)].rule) }
        }
        state.finish(rules: ruleCount)
    }

    /// Final checks on a branch whose required fields are all satisfied: `exists: false` fields, and
    /// array consistency when leaves came from arrays.
    private func accepts(_ b: Int32, _ state: MatchState, touched: Bool) -> Bool {
        let branch = branches[Int(b)]
        let mask = touched ? state.branchMask[Int(b)] : 0
        let arrays = touched && state.branchArrays[Int(b)]
        var absentPresent = false
        for (_, field) in branch.absenceOK where state.fieldStamp[Int(field)] == state.stamp { absentPresent = true }
        if !absentPresent && !arrays { return true }
        if state.arrays == 0 {
            // No arrays anywhere: a present field is present for every choice, so a leaf must satisfy it.
            for (slot, field) in branch.absenceOK where state.fieldStamp[Int(field)] == state.stamp {
                if mask & (1 << UInt64(slot)) == 0 { return false }
            }
            return true
        }
        var choices: [FieldChoice] = []
        for (slot, field) in branch.fieldIDs.enumerated() {
            let acceptsAbsence = branch.required & (1 << UInt64(slot)) == 0
            var options: [[UInt64]] = []
            var h = touched ? state.branchHead[Int(b)] : -1
            while h >= 0 {
                let entry = state.hits[Int(h)]
                if entry.hit.slot == Int32(slot) { options.append(state.trail(entry.leaf)) }
                h = entry.previous
            }
            var present: [[UInt64]] = []
            if acceptsAbsence, state.fieldStamp[Int(field)] == state.stamp {
                var leaf = state.fieldHead[Int(field)]
                while leaf >= 0 {
                    present.append(state.trail(leaf))
                    leaf = state.leaves[Int(leaf)].previous
                }
            }
            choices.append(FieldChoice(options: options, acceptsAbsence: acceptsAbsence, present: present))
        }
        return chooseConsistent(choices)
    }
}
