import CortadoJSON

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
