import CortadoJSON

/// A `Parameters`, `ResultSelector`, `ItemSelector` or `Assign` value compiled once at load time:
/// literal parts are kept as JSON, `key.$` entries become paths or intrinsic calls.
public indirect enum PayloadTemplate: Sendable, Hashable {
    case literal(JSON)
    case object([Member])
    case array([PayloadTemplate])

    public struct Member: Sendable, Hashable {
        /// The output key (without `.$`).
        public var key: String
        /// The key as written, for error messages (`value.$`).
        public var field: String
        public var value: Value
    }

    public enum Value: Sendable, Hashable {
        case template(PayloadTemplate)
        case path(JSONPath)
        case intrinsic(IntrinsicFunction)
    }

    /// Compiles a JSON template; problems go to `sink` at `location`.
    public static func compile(_ json: JSON, at location: String, into sink: inout DiagnosticSink) -> PayloadTemplate {
        switch json {
        case .object(let o):
            var members: [Member] = []
            var dynamic = false
            var seen: Set<String> = []
            for (k, v) in o {
                let here = location + "/" + k
                let outputKey = k.hasSuffix(".$") ? String(k.dropLast(2)) : k
                guard seen.insert(outputKey).inserted else {
                    sink.error("SCHEMA_VALIDATION_FAILED", "The field '\(outputKey)' is given twice (once with '.$')", at: here)
                    continue
                }
                if k.hasSuffix(".$") {
                    dynamic = true
                    let key = String(k.dropLast(2))
                    guard case .string(let expr) = v else {
                        sink.error(
                            "SCHEMA_VALIDATION_FAILED",
                            "The value of a field whose name ends in '.$' must be a string path or intrinsic function", at: here)
                        continue
                    }
                    if let value = compileExpression(expr, at: here, into: &sink) {
                        members.append(Member(key: key, field: k, value: value))
                    }
                } else {
                    if case .string(let text) = v, Self.looksDynamic(text) {
                        sink.warning("NO_DOLLAR", "No .$ on a field that appears to be a JSONPath or Intrinsic Function", at: here)
                    }
                    let t = compile(v, at: here, into: &sink)
                    if case .literal = t {} else { dynamic = true }
                    members.append(Member(key: k, field: k, value: .template(t)))
                }
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

    /// A literal string that reads like a path or an intrinsic call (AWS's NO_DOLLAR warning).
    static func looksDynamic(_ text: String) -> Bool {
        if text == "$" || text.hasPrefix("$.") || text.hasPrefix("$$.") || text.hasPrefix("$[") { return true }
        return text.hasPrefix("States.") && text.hasSuffix(")") && text.contains("(")
    }

    static func compileExpression(_ expr: String, at location: String, into sink: inout DiagnosticSink) -> Value? {
        if IntrinsicFunction.looksLikeCall(expr) {
            do throws(IntrinsicSyntaxError) {
                return .intrinsic(try IntrinsicFunction(parsing: expr))
            } catch {
                sink.error(
                    "SCHEMA_VALIDATION_FAILED",
                    "The value for the field '\(location.split(separator: "/").last ?? "")' must be a valid JSONPath or a valid intrinsic function call: \(error.message)",
                    at: location)
                return nil
            }
        }
        do throws(JSONPathError) {
            return .path(try JSONPath(expr))
        } catch {
            sink.error(
                "SCHEMA_VALIDATION_FAILED",
                "The value for the field '\(location.split(separator: "/").last ?? "")' must be a valid JSONPath or a valid intrinsic function call",
                at: location)
            return nil
        }
    }

    /// Builds the payload. A path that finds nothing fails with `States.Runtime` as AWS does.
    public func evaluate(in scope: PathScope) throws(StatesError) -> JSON {
        switch self {
        case .literal(let v): return v
        case .array(let items):
            var out: [JSON] = []
            out.reserveCapacity(items.count)
            for t in items { out.append(try t.evaluate(in: scope)) }
            return .array(out)
        case .object(let members):
            var o = JSONObject(minimumCapacity: members.count)
            for m in members {
                let v: JSON
                switch m.value {
                case .template(let t): v = try t.evaluate(in: scope)
                case .intrinsic(let f): v = try f.evaluate(in: scope)
                case .path(let p):
                    do throws(JSONPathError) {
                        v = try scope.resolve(p)
                    } catch {
                        throw StatesError(
                            .runtime,
                            "The JSONPath '\(p.source)' specified for the field '\(m.field)' could not be found in the input '\(scope.input.text)'"
                        )
                    }
                }
                // Template keys are unique (they come from one JSON object), so append directly.
                o.append(m.key, v)
            }
            return .object(o)
        }
    }
}
