import CortadoJSON
import CortadoJSONata

/// A JSONata state's field (`Arguments`, `Output`, `Assign`, `ItemSelector`, ...) compiled once: any JSON
/// value, each string of the form `{% expression %}` in it evaluated, everything else kept as written.
public indirect enum JSONataTemplate: Sendable, Hashable {
    case literal(JSON)
    case expression(StatesExpression)
    case object([Member])
    case array([JSONataTemplate])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONataTemplate
    }

    /// Compiles a field's value; syntax errors go to `sink` with the field's location and JSONata's code.
    public static func compile(_ json: JSON, at location: String, into sink: inout DiagnosticSink) -> JSONataTemplate {
        switch json {
        case .string(let text):
            guard let body = StatesExpression.body(of: text) else { return .literal(json) }
            do throws(JSONataError) {
                return .expression(try StatesExpression(source: body))
            } catch {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED",
                    "The JSONata expression '\(body)' is not valid: \(error.code): \(error.message)"
                        + (error.position.map { " (at character \($0))" } ?? ""),
                    at: location)
                return .literal(json)
            }
        case .object(let o):
            var members: [Member] = []
            members.reserveCapacity(o.count)
            var dynamic = false
            for (k, v) in o {
                let t = compile(v, at: location + "/" + k, into: &sink)
                if case .literal = t {} else { dynamic = true }
                members.append(Member(key: k, value: t))
            }
            return dynamic ? .object(members) : .literal(json)
        case .array(let a):
            let items = a.enumerated().map { compile($1, at: location + "/\($0)", into: &sink) }
            if items.allSatisfy({ if case .literal = $0 { true } else { false } }) { return .literal(json) }
            return .array(items)
        default:
            return .literal(json)
        }
    }

    /// The single expression when the whole field is one `{% %}` string.
    var wholeExpression: StatesExpression? { if case .expression(let e) = self { e } else { nil } }

    /// Builds the value; `field` names it in causes (`Output`, `Arguments/Payload`, ...).
    public func evaluate(in scope: PathScope, field: String) throws(StatesError) -> JSON {
        switch self {
        case .literal(let v): return v
        case .expression(let e): return try e.evaluate(in: scope, field: field)
        case .array(let items):
            var out: [JSON] = []
            out.reserveCapacity(items.count)
            for (i, t) in items.enumerated() { out.append(try t.evaluate(in: scope, field: field + "/\(i)")) }
            return .array(out)
        case .object(let members):
            var o = JSONObject(minimumCapacity: members.count)
            for m in members { o.append(m.key, try m.value.evaluate(in: scope, field: field + "/" + m.key)) }
            return .object(o)
        }
    }
}
