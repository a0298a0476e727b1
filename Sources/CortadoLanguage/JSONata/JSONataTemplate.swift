import CortadoJSON
import CortadoJSONata

/// One `{% expression %}` of a JSONata state, compiled once at load time.
public struct StatesExpression: Sendable, Hashable {
    /// The text between `{%` and `%}`, trimmed: how AWS quotes it in causes.
    public let source: String
    let expression: JSONataExpression
    /// The `$names` the text mentions: only these variables are bound when it runs.
    let names: Set<String>

    /// Compiles the inside of `{% %}`; JSONata's syntax errors come out with their code and position.
    init(source: String) throws(JSONataError) {
        self.source = source
        expression = try JSONataExpression(compiling: source)
        names = Self.referencedNames(source)
    }

    public static func == (a: StatesExpression, b: StatesExpression) -> Bool { a.source == b.source }
    public func hash(into h: inout Hasher) { h.combine(source) }

    /// `{% … %}` → the trimmed inside; nil for any other string.
    static func body(of text: String) -> String? {
        guard text.hasPrefix("{%"), text.hasSuffix("%}"), text.utf8.count >= 4 else { return nil }
        return String(text.dropFirst(2).dropLast(2)).trimmingWhitespace()
    }

    /// Every `$identifier` in the text (string literals included: a superset is harmless).
    static func referencedNames(_ text: String) -> Set<String> {
        var names: Set<String> = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$") else {
                i += 1
                continue
            }
            var j = i + 1
            while j < bytes.count, bytes[j].isIdentifierByte { j += 1 }
            if j > i + 1 { names.insert(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)) }
            i = j
        }
        return names
    }

    /// Runs the expression in a state's scope; failures are `States.QueryEvaluationError` naming `field`.
    func evaluate(in scope: PathScope, field: String) throws(StatesError) -> JSON {
        switch try outcome(in: scope, field: field) {
        case .value(let v): return v
        case .undefined:
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned nothing (undefined).", field)
        case .function:
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned an unsupported result type.", field)
        }
    }

    /// Runs the expression; `undefined` and functions are left to the caller.
    func outcome(in scope: PathScope, field: String) throws(StatesError) -> JSONataOutcome {
        var bindings: [String: JSON] = [:]
        for name in names {
            if name == "states" {
                bindings[name] = scope.statesObject()
            } else if let v = scope.variables[name] {
                bindings[name] = v
            }
        }
        do throws(JSONataError) {
            return try expression.evaluateOutcome(nil, bindings: bindings, environment: StatesFunctions.environment(for: scope))
        } catch {
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' threw an error during evaluation. "
                    + "\(error.code): \(error.message)", field)
        }
    }
}

extension UInt8 {
    fileprivate var isIdentifierByte: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self == 0x5F
            || self >= 0x80
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

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

extension PathScope {
    /// `$states`: the state's input, the context object, and the result or error output where there is one.
    func statesObject() -> JSON {
        var o = JSONObject(minimumCapacity: 4)
        o.append("input", input)
        o.append("context", context)
        if let result { o.append("result", result) }
        if let errorOutput { o.append("errorOutput", errorOutput) }
        return .object(o)
    }

    /// A query failure located at `field`, as AWS's `EvaluationFailed` event reports it.
    func queryError(_ cause: String, _ field: String?) -> StatesError {
        var e = StatesError(.queryEvaluationError, cause)
        e.location = field
        return e
    }
}

/// A payload field that either language may write (`ItemSelector`, `Credentials`, an `ItemReader`'s or
/// `ResultWriter`'s `Parameters`/`Arguments`, `BatchInput`): the state's query language decides.
public enum FieldTemplate: Sendable, Hashable {
    case jsonPath(PayloadTemplate)
    /// The template and the field's name for causes (`ItemSelector`, `ItemReader/Arguments`).
    case jsonata(JSONataTemplate, field: String)

    static func compile(
        _ json: JSON, _ language: QueryLanguage, field: String, at location: String, into sink: inout DiagnosticSink
    ) -> FieldTemplate {
        switch language {
        case .jsonPath: .jsonPath(PayloadTemplate.compile(json, at: location, into: &sink))
        case .jsonata: .jsonata(JSONataTemplate.compile(json, at: location, into: &sink), field: field)
        }
    }

    public func evaluate(in scope: PathScope) throws(StatesError) -> JSON {
        switch self {
        case .jsonPath(let t): try t.evaluate(in: scope)
        case .jsonata(let t, let field): try t.evaluate(in: scope, field: field)
        }
    }
}

extension StatesExpression {
    /// A `{% %}` numeric field (`TimeoutSeconds`, `MaxConcurrency`, ...): it must give an integer in `range`.
    func integer(in scope: PathScope, field: String, range: ClosedRange<Int>) throws(StatesError) -> Int {
        let value = try evaluate(in: scope, field: field)
        guard let d = value.doubleValue, d.rounded() == d, abs(d) < 9e15 else {
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned an unexpected result type. "
                    + "Expected 'integer', but was '\(value.typeName)' for value: \(value.text)", field)
        }
        let i = Int(d)
        guard range.contains(i) else {
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned a value out of range. "
                    + "Expected an integer from \(range.lowerBound) to \(range.upperBound), but was \(i)", field)
        }
        return i
    }

    /// A `{% %}` number field (`ToleratedFailurePercentage`).
    func number(in scope: PathScope, field: String) throws(StatesError) -> Double {
        let value = try evaluate(in: scope, field: field)
        guard let d = value.doubleValue else {
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned an unexpected result type. "
                    + "Expected 'number', but was '\(value.typeName)' for value: \(value.text)", field)
        }
        return d
    }

    /// A `{% %}` string field (`Timestamp`, a Fail state's `Error` and `Cause`).
    func string(in scope: PathScope, field: String) throws(StatesError) -> String {
        let value = try evaluate(in: scope, field: field)
        guard case .string(let s) = value else {
            throw scope.queryError(
                "The JSONata expression '\(source)' specified for the field '\(field)' returned an unexpected result type. "
                    + "Expected 'string', but was '\(value.typeName)' for value: \(value.text)", field)
        }
        return s
    }
}
