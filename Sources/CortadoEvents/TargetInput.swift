import CortadoJSON

/// What one target receives for a matched event: the event itself, a constant `Input`, the part named
/// by an `InputPath`, or what an `InputTransformer` makes of it.
public enum TargetInput: Sendable, Hashable {
    case event
    /// `Input`: this JSON text, whatever the event.
    case constant(String)
    case path(InputPath)
    case transformer(InputTransformer)

    /// Validates a target's input fields as PutTargets does.
    ///
    /// - Parameter inputTransformer: `InputPathsMap` (empty when absent) and `InputTemplate`.
    /// - Throws: `EventsError` (a `ValidationException`) when more than one field is given (AWS's recorded
    ///   message), or when the given one is not valid.
    public init(
        input: String? = nil, inputPath: String? = nil,
        inputTransformer: (inputPathsMap: [String: String], inputTemplate: String)? = nil, targetID: String
    ) throws(EventsError) {
        let given = [input != nil, inputPath != nil, inputTransformer != nil].filter { $0 }.count
        guard given <= 1 else {
            throw EventsError("Only one of Input, InputPath, or InputTransformer must be provided for target \(targetID).")
        }
        if let input {
            do throws(JSONParseError) {
                _ = try JSON(parsing: input)
            } catch {
                throw EventsError(
                    "JSON syntax error in input for target \(targetID): [Source: (String)\"\(input)\"; line: \(error.line), column: \(error.column)]"
                )
            }
            self = .constant(input)
        } else if let inputPath {
            self = .path(try InputPath(inputPath, targetID: targetID))
        } else if let inputTransformer {
            self = .transformer(
                try InputTransformer(
                    inputPathsMap: inputTransformer.inputPathsMap, inputTemplate: inputTransformer.inputTemplate,
                    targetID: targetID))
        } else {
            self = .event
        }
    }

    /// The body the target receives, or nil when nothing is delivered (an `InputPath` that names nothing,
    /// a JSON template whose result is not JSON).
    public func body(for event: JSON, context: TransformContext) -> String? {
        switch self {
        case .event: event.text
        case .constant(let text): text
        case .path(let path): path.apply(to: event)
        case .transformer(let transformer): transformer.apply(to: event, context: context)
        }
    }
}
