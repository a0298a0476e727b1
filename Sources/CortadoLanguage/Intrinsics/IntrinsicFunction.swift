import CortadoJSON

/// An intrinsic function call such as `States.Format('Hello {}', $.name)`, parsed once at load time.
///
/// Arguments are literals, paths (`$.a`, `$$.Execution.Id`, `$var.x`) or nested calls. The
/// function name and the number of arguments are checked when parsing; argument types and values
/// are checked when evaluating, where AWS fails the state with `States.Runtime`.
public struct IntrinsicFunction: Sendable, Hashable, CustomStringConvertible {
    /// The 18 intrinsic functions of the Amazon States Language.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case format = "States.Format"
        case stringToJson = "States.StringToJson"
        case jsonToString = "States.JsonToString"
        case array = "States.Array"
        case arrayPartition = "States.ArrayPartition"
        case arrayContains = "States.ArrayContains"
        case arrayRange = "States.ArrayRange"
        case arrayGetItem = "States.ArrayGetItem"
        case arrayLength = "States.ArrayLength"
        case arrayUnique = "States.ArrayUnique"
        case base64Encode = "States.Base64Encode"
        case base64Decode = "States.Base64Decode"
        case hash = "States.Hash"
        case jsonMerge = "States.JsonMerge"
        case mathRandom = "States.MathRandom"
        case mathAdd = "States.MathAdd"
        case stringSplit = "States.StringSplit"
        case uuid = "States.UUID"

        /// How many arguments the function takes; `nil` upper bound means any number.
        var arity: (min: Int, max: Int?) {
            switch self {
            case .format: (1, nil)
            case .array: (0, nil)
            case .uuid: (0, 0)
            case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: (1, 1)
            case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: (2, 2)
            case .arrayRange, .jsonMerge: (3, 3)
            case .mathRandom: (2, 3)
            }
        }
    }

    /// One argument of a call.
    public indirect enum Argument: Sendable, Hashable {
        /// A quoted literal, unescaped. `pieces` is the text between the unescaped `{}` pairs,
        /// so that `States.Format` can tell a placeholder `{}` from an escaped `\{\}`.
        case string(String, pieces: [String])
        case number(JSON)
        case bool(Bool)
        case null
        case path(JSONPath)
        case call(IntrinsicFunction)
    }

    public let name: Name
    public let arguments: [Argument]
    /// The call exactly as written in the definition.
    public let source: String
    /// A problem AWS reports only when the call runs (an unknown escape such as `\n`).
    let deferredError: String?

    public var description: String { source }

    init(name: Name, arguments: [Argument], source: String, deferredError: String?) {
        self.name = name
        self.arguments = arguments
        self.source = source
        self.deferredError = deferredError
    }

    /// Parses e.g. `States.Format('Hello {}', $.name)`; calls may be nested.
    ///
    /// - Throws: `IntrinsicSyntaxError` saying what is wrong and at which offset.
    public init(parsing text: String) throws(IntrinsicSyntaxError) {
        var parser = IntrinsicParser(text)
        self = try parser.parseWhole()
    }

    /// True when `text` looks like an intrinsic call: `States.` and a name followed by `(`.
    ///
    /// A string that passes may still fail to parse; one that does not is a path or a literal.
    public static func looksLikeCall(_ text: String) -> Bool {
        guard text.hasPrefix("States.") else { return false }
        let rest = text.unicodeScalars.dropFirst("States.".count)
        guard let open = rest.firstIndex(of: "(") else { return false }
        let name = rest[rest.startIndex..<open]
        return !name.isEmpty && name.allSatisfy(IntrinsicParser.isNameCharacter)
    }
}
