/// `| pattern | update, delete |`: a function that returns a modified copy of its argument.
extension Evaluator {
    private struct Edit {
        var update: ObjectValue?
        var delete: [String]
    }

    func transform(_ target: Value, _ pattern: Node, _ update: Node, _ delete: Node?, _ frame: Frame) throws(JSONataError) -> Value? {
        var counter = 0
        let copy = Self.tagged(target, &counter)
        var edits: [Int: Edit] = [:]
        for match in try evaluate(pattern, copy, frame)?.items ?? [] {
            guard case .object(let object) = match, object.tag != 0 else { continue }
            var edit = Edit(update: nil, delete: [])
            if let u = try evaluate(update, match, frame) {
                guard case .object(let o) = u else {
                    throw .init(
                        code: "T2011",
                        message: "The insert/update clause of the transform expression must evaluate to an object: \(u.jsString)")
                }
                edit.update = o
            }
            if let delete, let d = try evaluate(delete, match, frame) {
                let names = d.items.compactMap(\.stringValue)
                guard names.count == d.items.count else {
                    throw .init(
                        code: "T2012",
                        message:
                            "The delete clause of the transform expression must evaluate to a string or array of strings: \(d.jsString)")
                }
                edit.delete = names
            }
            edits[object.tag] = edit
        }
        return Self.apply(edits, to: copy)
    }

    private static func tagged(_ value: Value, _ counter: inout Int) -> Value {
        switch value {
        case .array(let items, let flags): return .array(items.map { tagged($0, &counter) }, flags)
        case .object(var o):
            counter += 1
            o.tag = counter
            for (k, v) in o.pairs { o[k] = tagged(v, &counter) }
            return .object(o)
        default: return value
        }
    }

    private static func apply(_ edits: [Int: Edit], to value: Value) -> Value {
        switch value {
        case .array(let items, let flags): return .array(items.map { apply(edits, to: $0) }, flags)
        case .object(var o):
            for (k, v) in o.pairs { o[k] = apply(edits, to: v) }
            if let edit = edits[o.tag] {
                for (k, v) in edit.update?.pairs ?? [] { o[k] = v }
                for k in edit.delete { o[k] = nil }
            }
            o.tag = 0
            return .object(o)
        default: return value
        }
    }
}
