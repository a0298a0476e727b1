/// Paths with `@$var` (focus) and `#$var` (index) bindings or `%`: each value travels with the frame that binds them
/// and the values it was reached through.
extension Evaluator {
    struct Tuple {
        var value: Value
        var frame: Frame
    }

    func evaluateTuplePath(_ steps: [Step], keepArray: Bool, _ input: Value?, _ frame: Frame) throws(JSONataError) -> Value? {
        let tuples = try tuplePath(steps, input, frame)
        if tuples.isEmpty { return nil }
        var flags: ArrayFlags = .sequence
        if keepArray { flags.insert(.keepSingleton) }
        return .array(tuples.map(\.value), flags)
    }

    /// The values a path reaches, each with the frame that binds its `@`/`#` variables and knows its ancestors.
    func tuplePath(_ steps: [Step], _ input: Value?, _ frame: Frame) throws(JSONataError) -> [Tuple] {
        var tuples: [Tuple]
        if case .variable = steps[0].expression {
            tuples = [Tuple(value: input ?? .null, frame: frame)]
        } else {
            tuples = (input?.items ?? []).map { Tuple(value: $0, frame: frame) }
        }
        for (offset, step) in steps.enumerated() {
            if case .sort(let terms, let position) = step.expression {
                let order = try sortOrder(tuples.map(\.value), terms, position) { tuples[$0].frame }
                tuples = order.map { tuples[$0] }
                continue
            }
            var next: [Tuple] = []
            for tuple in tuples {
                var value: Value?
                let ancestors = tuple.frame.nearestAncestors
                switch step.expression {
                case .parent:
                    guard let parent = ancestors.first else {
                        throw .init(code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression")
                    }
                    let up = Frame(parent: tuple.frame)
                    up.ancestors = Array(ancestors.dropFirst())
                    next.append(Tuple(value: parent, frame: up))
                    continue
                case .name(let key): value = lookup(tuple.value, key)
                case .wildcard: value = wildcard(tuple.value)
                case .descendants:
                    var out: [Value] = []
                    descendants(tuple.value, &out)
                    value = .sequence(out)
                default: value = try evaluate(step.expression, tuple.value, tuple.frame)
                }
                guard let value else { continue }
                var produced: [Tuple] = []
                let items: [Value]
                if case .array = step.expression, offset == 0 || offset == steps.count - 1 {
                    items = [value]
                } else {
                    items = value.items
                }
                for (position, item) in items.enumerated() {
                    let bound = Frame(parent: tuple.frame)
                    bound.ancestors = step.focus == nil ? [tuple.value] + ancestors : ancestors
                    if let focus = step.focus { bound.bindings[focus] = item }
                    if let index = step.index { bound.bindings[index] = .number(Double(position)) }
                    // With a focus binding the context stays where it was.
                    produced.append(Tuple(value: step.focus == nil ? item : tuple.value, frame: bound))
                }
                for predicate in step.predicates {
                    produced = try filterTuples(predicate, produced, focus: step.focus)
                }
                next.append(contentsOf: produced)
            }
            tuples = next
            if tuples.isEmpty { return [] }
        }
        return tuples
    }

    /// `path{key: value}` over a path with `@`/`#` bindings: keys see each value's bindings, and a group's value
    /// sees each bound variable as the sequence of its values in the group.
    func groupTuples(_ pairs: [(Node, Node)], _ position: Int, _ tuples: [Tuple], names: [String]) throws(JSONataError) -> Value? {
        let groups = try groupMembers(pairs, position, tuples) { keyNode, tuple throws(JSONataError) in
            try evaluate(keyNode, tuple.value, tuple.frame)
        }
        var object = ObjectValue()
        for g in groups {
            var frame = g.members[0].frame
            if g.members.count > 1 {
                frame = Frame(parent: frame)
                for name in names {
                    let values = g.members.compactMap { $0.frame.lookup(name) }
                    frame.bindings[name] = .sequence(values)
                }
            }
            let data = g.members.map(\.value)
            let context: Value = data.count == 1 ? data[0] : .sequence(data)
            if let v = try evaluate(pairs[g.pair].1, context, frame) { object[g.key] = v }
        }
        return .object(object)
    }

    private func filterTuples(_ predicate: Node, _ tuples: [Tuple], focus: String?) throws(JSONataError) -> [Tuple] {
        var out: [Tuple] = []
        for (index, tuple) in tuples.enumerated() {
            let item = focus.flatMap { tuple.frame.lookup($0) } ?? tuple.value
            let r = try evaluate(predicate, item, tuple.frame)
            if let r, !r.items.isEmpty, r.items.allSatisfy(\.isNumber) {
                for case .number(let n) in r.items {
                    var i = clampedInt(n.rounded(.down))
                    if i < 0 { i += tuples.count }
                    if i == index {
                        out.append(tuple)
                        break
                    }
                }
            } else if truthy(r) {
                out.append(tuple)
            }
        }
        return out
    }
}
