import CortadoJSON
import CortadoLanguage
import Testing

/// One recorded execution of a single Pass state whose Parameters call intrinsics.
struct IntrinsicCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The Pass state's `Parameters`, as JSON text.
    let parameters: String
    let inputPath: String?
    let input: String
    /// The context object, with the values the definitions read (`$$.StateMachine.Name`, ...).
    let context: String
    /// The output AWS produced, or nil where the recording masked it (random numbers).
    let expectedOutput: String?

    var testDescription: String { name }

    /// The Pass state's output: Parameters evaluated against the effective input.
    func run(random: any RandomSource = FixedRandom()) throws -> JSON {
        let root = try JSON(parsing: input)
        let effective = try inputPath.map { try JSONPath($0).evaluate(root) } ?? root
        let scope = PathScope(input: effective, context: try JSON(parsing: context), random: random)
        return try Self.build(try JSON(parsing: parameters), in: scope)
    }

    /// A small stand-in for the payload template: `key.$` members are intrinsics or paths.
    static func build(_ template: JSON, in scope: PathScope) throws -> JSON {
        switch template {
        case .object(let members):
            var out = JSONObject()
            for (key, value) in members {
                if key.hasSuffix(".$"), case .string(let expression) = value {
                    let result: JSON
                    if IntrinsicFunction.looksLikeCall(expression) {
                        result = try IntrinsicFunction(parsing: expression).evaluate(in: scope)
                    } else {
                        result = try scope.resolve(try JSONPath(expression))
                    }
                    out[String(key.dropLast(2))] = result
                } else {
                    out[key] = try build(value, in: scope)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(try items.map { try build($0, in: scope) })
        default:
            return template
        }
    }
}

/// Randomness that replays: a fixed UUID and the lowest number of every range.
struct FixedRandom: RandomSource {
    var fixedUUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    func uuid() -> String { fixedUUID }
    func int(in range: Range<Int>) -> Int { range.lowerBound }
}
