/// Walks the tree for one evaluation: holds the environment, the root and the step budget.
final class Evaluator {
    let environment: JSONataEnvironment
    let root: Value?
    /// Set when a lambda of the expression uses `%`: calls then pass the caller's ancestors (see `Node.lambdaMentionsParent`).
    var callerAncestors = false
    private var depth = 0
    private var steps = 0

    init(environment: JSONataEnvironment, root: Value?) {
        self.environment = environment
        self.root = root
    }

    func evaluate(_ node: Node, _ input: Value?, _ frame: Frame) throws(JSONataError) -> Value? {
        depth += 1
        steps += 1
        defer { depth -= 1 }
        if depth > environment.maxDepth {
            throw .init(
                code: "U1001",
                message: "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.")
        }
        if let budget = environment.maxSteps, steps > budget {
            throw .init(code: "U1001", message: "Expression evaluation timeout: Check for infinite loop")
        }
        let result = try evaluateNode(node, input, frame)
        switch result {
        case .array(let items, let flags) where flags.contains(.sequence):
            // Sequences collapse: empty is undefined, one value is that value.
            if items.isEmpty { return nil }
            if items.count == 1, !flags.contains(.keepSingleton) { return items[0] }
        case .string(let text) where text.utf8.count > environment.maxStringLength:
            // What JavaScript says of a string past its engine's limit; here the limit keeps memory bounded.
            throw .init(code: "RangeError", message: "Invalid string length")
        default:
            break
        }
        return result
    }

    private func evaluateNode(_ node: Node, _ input: Value?, _ frame: Frame) throws(JSONataError) -> Value? {
        switch node {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .regex(let pattern, let flags):
            return .function(FunctionValue(.builtin(Builtin.regexMatcher(pattern: pattern, flags: flags))))
        case .name(let key):
            // A field of an object needs no path machinery: an array comes out whole and unflagged, as a last step gives it.
            if case .object(let o)? = input {
                switch o[key] {
                case .array(let items, let flags)? where !flags.contains(.sequence): return .array(items, [])
                case .array?: break
                case let v: return v
                }
            }
            return try evaluatePath([Step(expression: node)], keepArray: false, input, frame)
        case .wildcard, .descendants:
            return try evaluatePath([Step(expression: node)], keepArray: false, input, frame)
        case .variable(let name):
            if name.isEmpty {
                if case .array(let items, let flags) = input, flags.contains(.outerWrapper) { return items.first }
                return input
            }
            if name == "$" { return root }
            return frame.lookup(name)
        case .parent:
            guard let parent = frame.nearestAncestors.first else {
                throw .init(code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression")
            }
            return parent
        case .path(let steps, let keep):
            return try evaluatePath(steps, keepArray: keep, input, frame)
        case .binary(let op, let lhs, let rhs, let position):
            return try binary(op, lhs, rhs, position, input, frame)
        case .negate(let operand, let position):
            guard let v = try evaluate(operand, input, frame) else { return nil }
            guard case .number(let n) = v else {
                throw .init(code: "D1002", message: "Cannot negate a non-numeric value: \(v.jsString)", position: position)
            }
            return .number(-n)
        case .array(let items):
            var result: [Value] = []
            for item in items {
                guard let v = try evaluate(item, input, frame) else { continue }
                if case .array = item {
                    result.append(v)
                } else {
                    result.append(contentsOf: v.items)
                }
            }
            return .array(result, .constructed)
        case .object(let pairs, let position):
            return try group(pairs, position, input, frame)
        case .filter(let base, let predicate):
            guard let v = try evaluate(base, input, frame) else { return nil }
            return try filter(predicate, v.items, frame)
        case .group(let base, let pairs, let position):
            if case .path(let steps, _) = base, steps.contains(where: { $0.focus != nil || $0.index != nil }) {
                let names = steps.flatMap { [$0.focus, $0.index].compactMap { $0 } }
                return try groupTuples(pairs, position, try tuplePath(steps, input, frame), names: names)
            }
            return try group(pairs, position, try evaluate(base, input, frame), frame)
        case .condition(let test, let then, let otherwise):
            if truthy(try evaluate(test, input, frame)) { return try evaluate(then, input, frame) }
            return try otherwise.flatMap { (n) throws(JSONataError) in try evaluate(n, input, frame) }
        case .elvis(let lhs, let rhs):
            let v = try evaluate(lhs, input, frame)
            return truthy(v) ? v : try evaluate(rhs, input, frame)
        case .coalesce(let lhs, let rhs):
            if let v = try evaluate(lhs, input, frame) { return v }
            return try evaluate(rhs, input, frame)
        case .bind(let name, let value):
            let v = try evaluate(value, input, frame)
            frame.bindings[name] = v
            return v
        case .block(let items):
            let inner = Frame(parent: frame)
            var result: Value? = nil
            for item in items { result = try evaluate(item, input, inner) }
            return result
        case .lambda(let params, let signature, let body):
            return .function(FunctionValue(.lambda(params: params, signature: signature, body: body, frame: frame)))
        case .call(let callee, let argNodes, let position):
            return try call(callee, argNodes, prefix: [], position, input, frame)
        case .apply(let lhs, let rhs, let position):
            let value = try evaluate(lhs, input, frame)
            if case .call(let callee, let args, let p) = rhs {
                return try call(callee, args, prefix: [value], p, input, frame)
            }
            guard case .function(let f) = try evaluate(rhs, input, frame) else {
                throw .init(
                    code: "T2006", message: "The right side of the function application operator ~> must be a function", position: position)
            }
            if case .function(let g) = value {
                // Composition: `$f ~> $g` is a function that applies both.
                return .function(FunctionValue(.composition(g, f)))
            }
            return try apply(f, [value], input, position, caller: frame)
        case .sort(let terms, let position):
            guard let v = input else { return nil }
            return .sequence(try sort(v.items, terms, position, frame))
        case .transform(let pattern, let update, let delete, _):
            return .function(FunctionValue(.transform(pattern: pattern, update: update, delete: delete, frame: frame)))
        }
    }

    // MARK: Paths

    private func evaluatePath(_ steps: [Step], keepArray: Bool, _ input: Value?, _ frame: Frame) throws(JSONataError) -> Value? {
        if steps.contains(where: { $0.focus != nil || $0.index != nil || $0.mentionsParent })
            || (callerAncestors && steps.contains { $0.expression.containsCall || $0.predicates.contains(where: \.containsCall) })
        {
            return try evaluateTuplePath(steps, keepArray: keepArray, input, frame)
        }
        if !keepArray, let walked = walkFields(steps, input, frame) { return walked }
        var sequence: [Value]
        var ignoreInput = false
        if case .variable = steps[0].expression {
            // A variable step is evaluated once, with the input as its context.
            sequence = [input ?? .null]
            ignoreInput = input == nil
        } else if case .array(let items, _) = input {
            sequence = items
        } else {
            // Without an input the first step still runs once: `'abc'.$f()`.
            sequence = [input ?? .null]
            ignoreInput = input == nil
        }
        for (offset, step) in steps.enumerated() {
            let isLast = offset == steps.count - 1
            if case .sort(let terms, let position) = step.expression {
                sequence = try sort(sequence, terms, position, frame)
            } else {
                switch try evaluateStep(
                    step, sequence, isLast: isLast, isFirst: offset == 0, frame, ignoreInput: offset == 0 && ignoreInput)
                {
                case .items(let items): sequence = items
                case .whole(let array):
                    return keepArray ? .array(array, [.sequence, .keepSingleton]) : .array(array, [])
                }
            }
            if sequence.isEmpty { return nil }
        }
        return finish(sequence, keepArray)
    }

    /// `$v.a.b` or `a.b` through objects: the value, `.some(nil)` for undefined, or nil when the path needs the
    /// general way (an array on the way, a sequence at the end, a predicate or binding, an unbound variable).
    private func walkFields(_ steps: [Step], _ input: Value?, _ frame: Frame) -> Value?? {
        var current: Value
        var start = 0
        switch steps[0].expression {
        case .variable(let name) where !name.isEmpty && name != "$":
            guard steps[0].isPlain, let v = frame.lookup(name) else { return nil }
            current = v
            start = 1
        case .name:
            guard let input else { return nil }
            current = input
        default: return nil
        }
        for k in start..<steps.count {
            guard steps[k].isPlain, case .name(let key) = steps[k].expression else { return nil }
            switch current {
            case .object(let o):
                guard let next = o[key] else { return .some(nil) }
                current = next
            case .array: return nil
            default: return .some(nil)
            }
        }
        if case .array(let items, let flags) = current {
            // As a path's last step gives one array: whole, and no longer anything but an array.
            guard !flags.contains(.sequence) else { return nil }
            return .some(.array(items, []))
        }
        return .some(current)
    }

    private func finish(_ sequence: [Value], _ keepArray: Bool) -> Value? {
        var flags: ArrayFlags = .sequence
        if keepArray { flags.insert(.keepSingleton) }
        return .array(sequence, flags)
    }

    private func evaluateStep(
        _ step: Step, _ input: [Value], isLast: Bool, isFirst: Bool, _ frame: Frame, ignoreInput: Bool
    ) throws(JSONataError) -> StepResult {
        var results: [Value] = []
        for item in input {
            var value: Value?
            switch step.expression {
            case .name(let key): value = lookup(item, key)
            case .wildcard: value = wildcard(item)
            case .descendants:
                var out: [Value] = []
                if !ignoreInput { descendants(item, &out) }
                value = .sequence(out)
            default: value = try evaluate(step.expression, ignoreInput ? nil : item, frame)
            }
            guard var v = value else { continue }
            for predicate in step.predicates {
                guard let filtered = try filter(predicate, v.items, frame) else {
                    value = nil
                    break
                }
                v = filtered
                value = v
            }
            if let value { results.append(value) }
        }
        if isLast, results.count == 1, case .array(let a, let flags) = results[0], !flags.contains(.sequence) {
            return .whole(a)
        }
        var flat: [Value] = []
        for r in results {
            if case .array(let a, _) = r {
                // An array constructor as the first or last step is one value, as in JSONata.
                if case .array = step.expression, isFirst || isLast { flat.append(r) } else { flat.append(contentsOf: a) }
            } else {
                flat.append(r)
            }
        }
        return .items(flat)
    }

    func lookup(_ value: Value, _ key: String) -> Value? {
        switch value {
        case .object(let o): return o[key]
        case .array(let items, _):
            var out: [Value] = []
            for item in items {
                guard let v = lookup(item, key) else { continue }
                out.append(contentsOf: v.items)
            }
            return .sequence(out)
        default: return nil
        }
    }

    func wildcard(_ value: Value) -> Value? {
        guard case .object(let o) = value else { return nil }
        var out: [Value] = []
        for (_, v) in o.pairs {
            if case .array(let a, _) = v { out.append(contentsOf: a) } else { out.append(v) }
        }
        return .sequence(out)
    }

    func descendants(_ value: Value, _ out: inout [Value]) {
        if !value.isArray { out.append(value) }
        switch value {
        case .array(let items, _): for i in items { descendants(i, &out) }
        case .object(let o): for (_, v) in o.pairs { descendants(v, &out) }
        default: break
        }
    }

    func filter(_ predicate: Node, _ items: [Value], _ frame: Frame) throws(JSONataError) -> Value? {
        var out: [Value] = []
        if case .number(let n) = predicate {
            var i = clampedInt(n.rounded(.down))
            if i < 0 { i += items.count }
            if i >= 0, i < items.count { out.append(items[i]) }
            return .sequence(out)
        }
        for (index, item) in items.enumerated() {
            let r = try evaluate(predicate, item, frame)
            if let r, case .number = r.items.first, r.items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                for case .number(let n) in r.items {
                    var i = clampedInt(n.rounded(.down))
                    if i < 0 { i += items.count }
                    if i == index {
                        out.append(item)
                        break
                    }
                }
            } else if truthy(r) {
                out.append(item)
            }
        }
        return .sequence(out)
    }

    private func group(_ pairs: [(Node, Node)], _ position: Int, _ input: Value?, _ frame: Frame) throws(JSONataError) -> Value? {
        let items: [Value?] = input.map { $0.items } ?? [nil]
        let groups = try groupMembers(pairs, position, items.isEmpty ? [nil] : items) { keyNode, item throws(JSONataError) in
            try evaluate(keyNode, item, frame)
        }
        var object = ObjectValue()
        for g in groups {
            let data = g.members.compactMap { $0 }
            let context: Value? = data.count == 1 ? data[0] : (data.isEmpty ? nil : .sequence(data))
            if let v = try evaluate(pairs[g.pair].1, context, frame) { object[g.key] = v }
        }
        return .object(object)
    }

    /// The groups of an object constructor after a path, in the order their keys first appear: each member goes to
    /// the key the first pair's key expression that gives one gives, and a key two pairs give is `D1009`.
    func groupMembers<Member>(
        _ pairs: [(Node, Node)], _ position: Int, _ members: [Member],
        key: (Node, Member) throws(JSONataError) -> Value?
    ) throws(JSONataError) -> [(key: String, pair: Int, members: [Member])] {
        var order: [String] = []
        var groups: [String: (pair: Int, members: [Member])] = [:]
        for member in members {
            for (index, (keyNode, _)) in pairs.enumerated() {
                guard let k = try key(keyNode, member) else { continue }
                guard case .string(let name) = k else {
                    throw .init(
                        code: "T1003", message: "Key in object structure must evaluate to a string; got: \(k.jsString)",
                        position: position)
                }
                if var existing = groups[name] {
                    if existing.pair != index {
                        throw .init(
                            code: "D1009", message: "Multiple key definitions evaluate to same key: \(Value.quote(name))",
                            position: position)
                    }
                    existing.members.append(member)
                    groups[name] = existing
                } else {
                    order.append(name)
                    groups[name] = (index, [member])
                }
            }
        }
        return order.map { (key: $0, pair: groups[$0]!.pair, members: groups[$0]!.members) }
    }

    private func sort(_ items: [Value], _ terms: [SortTerm], _ position: Int, _ frame: Frame) throws(JSONataError) -> [Value] {
        try sortOrder(items, terms, position) { _ in frame }.map { items[$0] }
    }

    /// The stable order of `items` under the `^( )` terms, each evaluated in its item's frame.
    func sortOrder(
        _ items: [Value], _ terms: [SortTerm], _ position: Int, frame: (Int) -> Frame
    ) throws(JSONataError) -> [Int] {
        var keys: [[Value?]] = []
        for (index, item) in items.enumerated() {
            var row: [Value?] = []
            for term in terms { row.append(try evaluate(term.expression, item, frame(index))) }
            keys.append(row)
        }
        let comesBefore: (Int, Int) throws(JSONataError) -> Bool = { a, b throws(JSONataError) in
            for (t, term) in terms.enumerated() {
                let x = keys[a][t]
                let y = keys[b][t]
                var c = 0
                switch (x, y) {
                case (nil, nil): continue
                case (nil, _): c = 1
                case (_, nil): c = -1
                case (.number(let p), .number(let q)): c = p < q ? -1 : (p > q ? 1 : 0)
                case (.string(let p), .string(let q)): c = p < q ? -1 : (p > q ? 1 : 0)
                case (.some(let p), .some(let q)):
                    let comparable: (Value) -> Bool = { if case .number = $0 { true } else if case .string = $0 { true } else { false } }
                    if !comparable(p) || !comparable(q) {
                        throw .init(
                            code: "T2008",
                            message: "The expressions within an order-by clause must evaluate to numeric or string values",
                            position: position)
                    }
                    throw .init(
                        code: "T2007",
                        message: "Type mismatch when comparing values \(p.jsString) and \(q.jsString) in order-by clause",
                        position: position)
                }
                if c != 0 { return term.descending ? c > 0 : c < 0 }
            }
            return false
        }
        return try mergeSort(Array(items.indices), comesBefore)
    }

    // MARK: Operators

    private func binary(
        _ op: String, _ lhsNode: Node, _ rhsNode: Node, _ position: Int, _ input: Value?, _ frame: Frame
    ) throws(JSONataError) -> Value? {
        switch op {
        case "and":
            guard truthy(try evaluate(lhsNode, input, frame)) else { return .bool(false) }
            return .bool(truthy(try evaluate(rhsNode, input, frame)))
        case "or":
            if truthy(try evaluate(lhsNode, input, frame)) { return .bool(true) }
            return .bool(truthy(try evaluate(rhsNode, input, frame)))
        default: break
        }
        let lhs = try evaluate(lhsNode, input, frame)
        let rhs = try evaluate(rhsNode, input, frame)
        switch op {
        case "+", "-", "*", "/", "%":
            if let lhs, !lhs.isNumber {
                throw .init(
                    code: "T2001", message: "The left side of the \(Parser.quoted(op)) operator must evaluate to a number",
                    position: position)
            }
            if let rhs, !rhs.isNumber {
                throw .init(
                    code: "T2002", message: "The right side of the \(Parser.quoted(op)) operator must evaluate to a number",
                    position: position)
            }
            guard case .number(let a) = lhs, case .number(let b) = rhs else { return nil }
            let r: Double
            switch op {
            case "+": r = a + b
            case "-": r = a - b
            case "*": r = a * b
            case "/": r = a / b
            default: r = a.truncatingRemainder(dividingBy: b)
            }
            guard r.isFinite else { throw .init(code: "D1001", message: "Number out of range: null", position: position) }
            return .number(r)
        case "=", "!=":
            guard let lhs, let rhs else { return .bool(false) }
            return .bool(deepEqual(lhs, rhs) == (op == "="))
        case "<", "<=", ">", ">=":
            let comparable: (Value?) -> Bool = { v in
                switch v {
                case nil, .number?, .string?: true
                default: false
                }
            }
            guard comparable(lhs), comparable(rhs) else {
                throw .init(
                    code: "T2010",
                    message: "The expressions either side of operator \(Parser.quoted(op)) must evaluate to numeric or string values",
                    position: position)
            }
            guard let lhs, let rhs else { return .bool(false) }
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): return .bool(compare(a, b, op))
            case (.string(let a), .string(let b)): return .bool(compare(a, b, op))
            default:
                throw .init(
                    code: "T2009",
                    message:
                        "The values \(lhs.jsString) and \(rhs.jsString) either side of operator \(Parser.quoted(op)) must be of the same data type",
                    position: position)
            }
        case "&":
            return .string((lhs.map(Builtin.castString) ?? "") + (rhs.map(Builtin.castString) ?? ""))
        case "in":
            guard let lhs, let rhs else { return .bool(false) }
            return .bool(rhs.items.contains { deepEqual($0, lhs) })
        case "..":
            if let lhs, lhs.integer == nil {
                throw .init(
                    code: "T2003", message: "The left side of the range operator (..) must evaluate to an integer", position: position)
            }
            if let rhs, rhs.integer == nil {
                throw .init(
                    code: "T2004", message: "The right side of the range operator (..) must evaluate to an integer", position: position)
            }
            guard let a = lhs?.integer, let b = rhs?.integer else { return nil }
            if a > b { return .array([], []) }
            if b - a + 1 > environment.maxRangeSize {
                throw .init(
                    code: "D2014",
                    message:
                        "The size of the sequence allocated by the range operator (..) must not exceed \(environment.maxRangeSize).  Attempted to allocate \(b - a + 1).",
                    position: position)
            }
            return .array((a...b).map { .number(Double($0)) }, [])
        default:
            throw .init(code: "S0204", message: "Unknown operator: \(Parser.quoted(op))", position: position)
        }
    }

    private func compare<T: Comparable>(_ a: T, _ b: T, _ op: String) -> Bool {
        switch op {
        case "<": a < b
        case "<=": a <= b
        case ">": a > b
        default: a >= b
        }
    }

    // MARK: Functions

    private func call(
        _ callee: Node, _ argNodes: [Node?], prefix: [Value?], _ position: Int, _ input: Value?, _ frame: Frame
    ) throws(JSONataError) -> Value? {
        let target = try evaluate(callee, input, frame)
        guard case .function(let f) = target else {
            let isPartial = argNodes.contains { $0 == nil }
            if case .path(let steps, _) = callee, case .name(let n) = steps[0].expression {
                throw .init(
                    code: isPartial ? "T1007" : "T1005",
                    message: "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function. Did you mean $\(n)?",
                    position: position)
            }
            if case .name(let n) = callee {
                throw .init(
                    code: isPartial ? "T1007" : "T1005",
                    message: "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function. Did you mean $\(n)?",
                    position: position)
            }
            throw .init(
                code: isPartial ? "T1008" : "T1006",
                message: "Attempted to \(isPartial ? "partially apply" : "invoke") a non-function", position: position)
        }
        var args: [Value?] = prefix
        var placeholders = false
        for node in argNodes {
            if let node {
                args.append(try evaluate(node, input, frame))
            } else {
                placeholders = true
                args.append(nil)
            }
        }
        if placeholders {
            var bound: [PartialArgument] = prefix.map { .value($0) }
            for (i, node) in argNodes.enumerated() {
                bound.append(node == nil ? .placeholder : .value(args[prefix.count + i]))
            }
            return .function(FunctionValue(.partial(f, bound)))
        }
        var name = ""
        if case .variable(let n) = callee { name = n }
        return try apply(f, args, input, position, name: name, caller: frame)
    }

    /// Calls a function with its arguments; `input` is the context for `-` parameters of built-ins.
    func apply(
        _ f: FunctionValue, _ args: [Value?], _ input: Value?, _ position: Int?, name: String = "", caller: Frame? = nil
    ) throws(JSONataError) -> Value? {
        switch f.kind {
        case .lambda(let params, let signature, let body, let captured):
            var args = args
            if let signature {
                args = try signature.validate(args, context: input, name: name, position: position)
            }
            let inner = Frame(parent: captured)
            if callerAncestors, let caller, body.mentionsParent { inner.ancestors = caller.nearestAncestors }
            for (i, p) in params.enumerated() where i < args.count {
                if let a = args[i] { inner.bindings[p] = a }
            }
            return try evaluate(body, input, inner)
        case .builtin(let b):
            let checked = try b.signature.validate(args, context: input, name: name.isEmpty ? b.name : name, position: position)
            return try b.body(self, checked, input)
        case .partial(let g, let bound):
            var filled: [Value?] = []
            var next = 0
            for a in bound {
                switch a {
                case .value(let v): filled.append(v)
                case .placeholder:
                    filled.append(next < args.count ? args[next] : nil)
                    next += 1
                }
            }
            return try apply(g, filled, input, position, name: name, caller: caller)
        case .transform(let pattern, let update, let delete, let captured):
            guard let target = args.first ?? nil else { return nil }
            return try transform(target, pattern, update, delete, captured)
        case .composition(let first, let second):
            let mid = try apply(first, args, input, position)
            return try apply(second, [mid], input, position)
        }
    }

    /// `callback` for `$map` and `$filter`: `(item, index, array)` cut to the function's `arity`, without building the
    /// three arguments for a function that takes one.
    func callback(_ f: FunctionValue, arity: Int, _ item: Value, _ index: Int, _ array: Value?) throws(JSONataError) -> Value? {
        switch arity {
        case ...1: return try apply(f, [item], nil, nil)
        case 2: return try apply(f, [item, .number(Double(index))], nil, nil)
        default: return try apply(f, [item, .number(Double(index)), array], nil, nil)
        }
    }

    /// Calls a function passed to a higher-order built-in with as many arguments as it takes.
    func callback(_ f: FunctionValue, _ args: [Value?]) throws(JSONataError) -> Value? {
        let n = f.arity
        return try apply(f, Array(args.prefix(max(n, 1))), nil, nil)
    }
}

extension Value {
    var isNumber: Bool { if case .number = self { true } else { false } }

    var integer: Int? {
        guard case .number(let n) = self, n.rounded() == n, n.magnitude < 9e15 else { return nil }
        return Int(n)
    }

}

enum StepResult {
    case items([Value])
    /// The last step yielded one array: it is the result as it is.
    case whole([Value])
}

/// A stable merge sort with a throwing comparator.
func mergeSort<T>(_ items: [T], _ before: (T, T) throws(JSONataError) -> Bool) throws(JSONataError) -> [T] {
    guard items.count > 1 else { return items }
    let mid = items.count / 2
    let left = try mergeSort(Array(items[..<mid]), before)
    let right = try mergeSort(Array(items[mid...]), before)
    var out: [T] = []
    out.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count, j < right.count {
        if try before(right[j], left[i]) {
            out.append(right[j])
            j += 1
        } else {
            out.append(left[i])
            i += 1
        }
    }
    out.append(contentsOf: left[i...])
    out.append(contentsOf: right[j...])
    return out
}
