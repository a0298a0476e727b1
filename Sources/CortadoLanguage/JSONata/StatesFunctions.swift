import CortadoJSON
import CortadoJSONata

/// The functions Step Functions adds to JSONata (`$partition`, `$range`, `$hash`, `$random` with a seed,
/// `$uuid`, `$parse`) and the one it takes away (`$eval`), with the limits of their intrinsic twins.
enum StatesFunctions {
    /// The evaluation environment of a state: the execution's randomness, its clock, and these functions.
    static func environment(for scope: PathScope) -> JSONataEnvironment {
        let random = scope.random
        var e = JSONataEnvironment(random: { unit(random) }, uuid: { random.uuid() }, now: scope.now)
        e.maxSteps = maxSteps
        e.maxRangeSize = maxRangeSize
        e.maxStringLength = maxStringLength
        e.library = library
        return e
    }

    /// A number in `0..<1` with 53 random bits, as JavaScript's `Math.random()` gives.
    static func unit(_ random: any RandomSource) -> Double { Double(random.int(in: 0..<(1 << 53))) * 0x1.0p-53 }

    /// Bound once for every state of every execution.
    static let library = JSONataLibrary(functions)

    /// A budget of evaluation steps per expression, so that a runaway expression fails instead of hanging.
    static let maxSteps = 5_000_000
    /// The largest array JSONata's `[a..b]` may build in a state (AWS's payloads stop far below it).
    static let maxRangeSize = 1_000_000
    /// The longest string an expression may build: 40 times a state's payload limit.
    static let maxStringLength = 10 * 1024 * 1024

    static let functions: [String: JSONataFunction] = [
        // `$random()` as JSONata has it, and with a seed a repeatable number (java.util.Random's sequence).
        "random": JSONataFunction(signature: "<n?:n>") { args, environment throws(JSONataError) in
            guard let seed = args.first ?? nil else { return .double(environment.random()) }
            guard let n = seed.doubleValue, n.rounded() == n, abs(n) < 9.2e18 else {
                throw JSONataError(code: "D3137", message: "The seed of $random must be an integer")
            }
            var generator = JavaRandom(seed: Int64(n))
            return .double(generator.nextDouble())
        },
        "partition": JSONataFunction(signature: "<an:a>") { args throws(JSONataError) in
            let items = args[0]?.arrayValue ?? (args[0].map { [$0] } ?? [])
            guard let size = integer(args[1]), size > 0 else {
                throw JSONataError(code: "D3137", message: "The chunk size of $partition must be a positive integer")
            }
            return .array(stride(from: 0, to: items.count, by: size).map { .array(Array(items[$0..<min($0 + size, items.count)])) })
        },
        "range": JSONataFunction(signature: "<nnn:a>", returnsSequence: true) { args throws(JSONataError) in
            guard let first = integer(args[0]), let last = integer(args[1]), let step = integer(args[2]) else {
                throw JSONataError(code: "D3137", message: "The arguments of $range must be integers")
            }
            guard step != 0 else { throw JSONataError(code: "D3137", message: "The step of $range must not be 0") }
            var out: [JSON] = []
            var v = first
            while step > 0 ? v <= last : v >= last {
                guard out.count < IntrinsicFunction.arrayRangeLimit else {
                    throw JSONataError(
                        code: "D3137", message: "The range would have more than \(IntrinsicFunction.arrayRangeLimit) items")
                }
                out.append(.int(v))
                v += step
            }
            return .array(out)
        },
        "hash": JSONataFunction(signature: "<ss:s>") { args throws(JSONataError) in
            guard let text = args[0]?.stringValue, let name = args[1]?.stringValue else { return nil }
            guard let algorithm = Digest.Algorithm(rawValue: name) else {
                let known = Digest.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")
                throw JSONataError(
                    code: "D3137", message: "The hashing algorithm must be one of \(known), but it was \(JSON.string(name).text)")
            }
            return .string(Digest.hex(Digest.hash(Array(text.utf8), algorithm)))
        },
        "parse": JSONataFunction(signature: "<s:x>") { args throws(JSONataError) in
            guard let text = args[0]?.stringValue else { return nil }
            do throws(JSONParseError) { return try JSON(parsing: text) } catch {
                throw JSONataError(code: "D3137", message: "The string \(JSON.string(text).text) is not valid JSON")
            }
        },
        // Step Functions has no $eval: calling it is calling a name bound to nothing.
        "eval": JSONataFunction(signature: "<x-o?:x>") { _ throws(JSONataError) in
            throw JSONataError(code: "T1006", message: "Attempted to invoke a non-function")
        },
    ]

    private static func integer(_ v: JSON?) -> Int? {
        guard let d = v?.doubleValue, d.rounded() == d, abs(d) < 9e15 else { return nil }
        return Int(d)
    }
}

extension JavaRandom {
    /// `Random.nextDouble()`: 53 random bits scaled into `0..<1`.
    mutating func nextDouble() -> Double {
        let high = Int64(next(bits: 26))
        let low = Int64(next(bits: 27))
        return Double((high << 27) + low) * 0x1.0p-53
    }
}
