extension Node {
    var mentionsParent: Bool {
        switch self {
        case .parent: return true
        case .string, .number, .bool, .null, .regex, .name, .variable, .wildcard, .descendants: return false
        case .path(let steps, _): return steps.contains { $0.mentionsParent }
        case .binary(_, let a, let b, _), .elvis(let a, let b), .coalesce(let a, let b), .apply(let a, let b, _), .filter(let a, let b):
            return a.mentionsParent || b.mentionsParent
        case .negate(let a, _), .bind(_, let a), .lambda(_, _, let a): return a.mentionsParent
        case .array(let items), .block(let items): return items.contains { $0.mentionsParent }
        case .object(let pairs, _): return pairs.contains { $0.0.mentionsParent || $0.1.mentionsParent }
        case .group(let base, let pairs, _):
            return base.mentionsParent || pairs.contains { $0.0.mentionsParent || $0.1.mentionsParent }
        case .condition(let a, let b, let c): return a.mentionsParent || b.mentionsParent || (c?.mentionsParent ?? false)
        case .call(let f, let args, _): return f.mentionsParent || args.contains { $0?.mentionsParent ?? false }
        case .sort(let terms, _): return terms.contains { $0.expression.mentionsParent }
        case .transform(let p, let u, let d, _): return p.mentionsParent || u.mentionsParent || (d?.mentionsParent ?? false)
        }
    }
}

extension Node {
    /// The nodes directly inside this one.
    var children: [Node] {
        switch self {
        case .string, .number, .bool, .null, .regex, .name, .variable, .wildcard, .descendants, .parent: return []
        case .path(let steps, _): return steps.flatMap { [$0.expression] + $0.predicates }
        case .binary(_, let a, let b, _), .elvis(let a, let b), .coalesce(let a, let b), .apply(let a, let b, _), .filter(let a, let b):
            return [a, b]
        case .negate(let a, _), .bind(_, let a), .lambda(_, _, let a): return [a]
        case .array(let items), .block(let items): return items
        case .object(let pairs, _): return pairs.flatMap { [$0.0, $0.1] }
        case .group(let base, let pairs, _): return [base] + pairs.flatMap { [$0.0, $0.1] }
        case .condition(let a, let b, let c): return [a, b] + (c.map { [$0] } ?? [])
        case .call(let f, let args, _): return [f] + args.compactMap { $0 }
        case .sort(let terms, _): return terms.map(\.expression)
        case .transform(let p, let u, let d, _): return [p, u] + (d.map { [$0] } ?? [])
        }
    }

    /// Whether a lambda somewhere in the tree uses `%`: its `%` is the parent of the context it is called with, so
    /// paths that call functions must then track ancestors.
    var lambdaMentionsParent: Bool {
        if case .lambda(_, _, let body) = self, body.mentionsParent { return true }
        return children.contains { $0.lambdaMentionsParent }
    }

    var containsCall: Bool {
        if case .call = self { return true }
        if case .apply = self { return true }
        return children.contains { $0.containsCall }
    }
}
