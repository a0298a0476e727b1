import CortadoJSON

/// A state machine (or a Parallel branch, or a Map's ItemProcessor): typed once at load time.
public struct StateMachine: Sendable {
    public var comment: String?
    public var startAt: String
    public var states: [String: State]
    /// State names in the order the definition lists them.
    public var stateNames: [String]
    public var timeoutSeconds: Int?
    public var queryLanguage: QueryLanguage
    public var version: String?

    public subscript(name: String) -> State? { states[name] }
}

/// A definition that cannot be loaded; `diagnostics` says what and where.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension StateMachine {
    /// Loads a definition from its JSON text, validating it as `ValidateStateMachineDefinition` does.
    public init(definition text: String) throws(DefinitionError) {
        let json: JSON
        do throws(JSONParseError) {
            json = try JSON(parsing: text)
        } catch {
            throw DefinitionError([
                Diagnostic(code: "INVALID_JSON_DESCRIPTION", message: "The definition is not valid JSON: \(error)", location: "")
            ])
        }
        try self.init(definition: json)
    }

    /// Loads a definition from a JSON value, validating it.
    public init(definition json: JSON) throws(DefinitionError) {
        var sink = DiagnosticSink()
        let machine = DefinitionDecoder.decodeMachine(json, at: "", inherited: .jsonPath, topLevel: true, into: &sink)
        guard let machine, !sink.hasErrors else { throw DefinitionError(sink.diagnostics) }
        self = machine
    }

    /// Validates without keeping the result: every problem, and warnings.
    public static func validate(definition text: String) -> [Diagnostic] {
        do throws(DefinitionError) {
            let json: JSON
            do throws(JSONParseError) { json = try JSON(parsing: text) } catch {
                return [Diagnostic(code: "INVALID_JSON_DESCRIPTION", message: "The definition is not valid JSON: \(error)", location: "")]
            }
            var sink = DiagnosticSink()
            _ = DefinitionDecoder.decodeMachine(json, at: "", inherited: .jsonPath, topLevel: true, into: &sink)
            if sink.hasErrors { throw DefinitionError(sink.diagnostics) }
            return sink.diagnostics
        } catch {
            return error.diagnostics
        }
    }
}
