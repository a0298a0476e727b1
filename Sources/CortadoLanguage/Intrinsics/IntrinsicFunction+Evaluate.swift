import CortadoJSON

extension IntrinsicFunction {
    /// Evaluates the call against the state's input, the context object and the variables.
    ///
    /// - Throws: `States.Runtime` with the detail of the problem (a path that finds nothing, an
    ///   argument of the wrong type or out of range); the interpreter adds the state prefix.
    public func evaluate(in scope: PathScope) throws(StatesError) -> JSON {
        if let deferredError { throw StatesError(.runtime, deferredError) }
        var values: [JSON] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            values.append(try value(of: argument, in: scope))
        }
        let args = IntrinsicArguments(function: name, values: values)
        switch name {
        case .format: return try format(args)
        case .stringToJson: return try stringToJson(args)
        case .jsonToString: return .string(values[0].text)
        case .array: return .array(values)
        case .arrayPartition: return try arrayPartition(args)
        case .arrayContains: return .bool(try args.array(0).contains(values[1]))
        case .arrayRange: return try arrayRange(args)
        case .arrayGetItem: return try arrayGetItem(args)
        case .arrayLength: return .int(try args.array(0).count)
        case .arrayUnique: return try arrayUnique(args)
        case .base64Encode: return try base64Encode(args)
        case .base64Decode: return try base64Decode(args)
        case .hash: return try hash(args)
        case .jsonMerge: return try jsonMerge(args)
        case .mathRandom: return try mathRandom(args, in: scope)
        case .mathAdd: return try mathAdd(args)
        case .stringSplit: return try stringSplit(args)
        case .uuid: return .string(scope.random.uuid())
        }
    }

    private func value(of argument: Argument, in scope: PathScope) throws(StatesError) -> JSON {
        switch argument {
        case .string(let s, _): return .string(s)
        case .number(let n): return n
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .call(let f): return try f.evaluate(in: scope)
        case .path(let path):
            do throws(JSONPathError) {
                return try scope.resolve(path)
            } catch {
                let place: String
                switch path.root {
                case .input: place = "the input '\(scope.input.text)'"
                case .context: place = "the context object '\(scope.context.text)'"
                case .variable(let v):
                    guard scope.variables[v] != nil else {
                        throw StatesError(.runtime, "The variable '$\(v)' used in the intrinsic function \(name.rawValue) is not defined")
                    }
                    place = "the variable '$\(v)'"
                }
                throw StatesError(
                    .runtime,
                    "The JSONPath '\(path.source)' in the arguments of the intrinsic function \(name.rawValue) could not be found in \(place)"
                )
            }
        }
    }
}

/// The evaluated arguments of one call, with typed accessors that fail as `States.Runtime`.
struct IntrinsicArguments {
    let function: IntrinsicFunction.Name
    let values: [JSON]

    var count: Int { values.count }
    subscript(k: Int) -> JSON { values[k] }

    func invalid(_ detail: String) -> StatesError {
        StatesError(.runtime, "Invalid arguments in \(function.rawValue): \(detail)")
    }

    func mismatch(_ k: Int, expected: String) -> StatesError {
        invalid("the \(Self.ordinal(k)) argument must be \(expected), but it was \(Self.describe(values[k]))")
    }

    func array(_ k: Int) throws(StatesError) -> [JSON] {
        guard case .array(let a) = values[k] else { throw mismatch(k, expected: "an array") }
        return a
    }

    func string(_ k: Int) throws(StatesError) -> String {
        guard case .string(let s) = values[k] else { throw mismatch(k, expected: "a string") }
        return s
    }

    func object(_ k: Int) throws(StatesError) -> JSONObject {
        guard case .object(let o) = values[k] else { throw mismatch(k, expected: "a JSON object") }
        return o
    }

    func bool(_ k: Int) throws(StatesError) -> Bool {
        guard case .bool(let b) = values[k] else { throw mismatch(k, expected: "a boolean") }
        return b
    }

    /// An integer argument. Non-integral numbers are rounded half up, as Java's `Math.round`
    /// does (AWS: `MathAdd(1.5, 0)` is 2 and `MathAdd(-1.5, 0)` is -1).
    func integer(_ k: Int) throws(StatesError) -> Int {
        switch values[k] {
        case .int(let i): return i
        case .double(let d):
            guard let i = Self.javaRound(d) else { throw mismatch(k, expected: "an integer") }
            return i
        default: throw mismatch(k, expected: "an integer")
        }
    }

    static func javaRound(_ d: Double) -> Int? {
        guard d.isFinite else { return nil }
        let floor = d.rounded(.down)
        let r = d - floor >= 0.5 ? floor + 1 : floor
        guard r >= -9.2e18, r <= 9.2e18 else { return nil }
        return Int(r)
    }

    static func ordinal(_ k: Int) -> String {
        switch k {
        case 0: "first"
        case 1: "second"
        case 2: "third"
        default: "argument number \(k + 1)"
        }
    }

    /// `the string "x"`, `the number 1.5`, `null`: a value named by its type, as JSON text.
    static func describe(_ value: JSON) -> String {
        if value.isNull { return "null" }
        var text = value.text
        if text.count > 200 { text = String(text.prefix(200)) + "..." }
        return "the \(value.typeName) \(text)"
    }
}
