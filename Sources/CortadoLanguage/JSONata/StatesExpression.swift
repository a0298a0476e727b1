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

extension StatesExpression {
    /// A `{% %}` numeric field (`TimeoutSeconds`, `MaxConcurrency`, ...): it must give an integer in `range`.
    func integer(in scope: PathScope, field: String, range: ClosedRange<Int>) throws(StatesError) -> Int {
        let value = try evaluate(in: scope, field: field)
        guard let d = value.doubleValue, d.rounded() == d, abs(d) < 9e15 else {
            throw unexpectedType(value, expected: "integer", field: field, scope)
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
        guard let d = value.doubleValue else { throw unexpectedType(value, expected: "number", field: field, scope) }
        return d
    }

    /// A `{% %}` string field (`Timestamp`, a Fail state's `Error` and `Cause`).
    func string(in scope: PathScope, field: String) throws(StatesError) -> String {
        let value = try evaluate(in: scope, field: field)
        guard case .string(let s) = value else { throw unexpectedType(value, expected: "string", field: field, scope) }
        return s
    }

    func unexpectedType(_ value: JSON, expected: String, field: String, _ scope: PathScope) -> StatesError {
        scope.unexpectedType(value, expected: expected, source: source, field: field)
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

    /// AWS's cause for a value of the wrong type (recorded for `Items`: `Expected 'array', but was 'boolean' …`).
    func unexpectedType(_ value: JSON, expected: String, source: String, field: String) -> StatesError {
        queryError(
            "The JSONata expression '\(source)' specified for the field '\(field)' returned an unexpected result type. "
                + "Expected '\(expected)', but was '\(value.typeName)' for value: \(value.text)", field)
    }

    /// A query failure located at `field`, as AWS's `EvaluationFailed` event reports it.
    func queryError(_ cause: String, _ field: String?) -> StatesError {
        var e = StatesError(.queryEvaluationError, cause)
        e.location = field
        return e
    }
}
