import CortadoJSON
import CortadoLanguage

extension StepFunctionsService {
    /// `ValidateStateMachineDefinition`: diagnostics with codes and locations, never an error for a bad
    /// definition.
    func validateStateMachineDefinition(_ r: Request) async throws -> JSON {
        let definition = try r.requiredString("definition")
        try r.checkLength(definition, "definition", max: 1_048_576)
        let type = try stateMachineType(r)
        let limit = try r.int("maxResults") ?? 100
        let all = Self.diagnostics(definition, type: type)
        let shown = all.prefix(max(1, limit))
        let hasErrors = all.contains { $0.severity == .error }
        return [
            "result": .string(hasErrors ? "FAIL" : "OK"),
            "diagnostics": .array(
                shown.map {
                    var d: JSONObject = [
                        "severity": .string($0.severity.rawValue), "code": .string($0.code), "message": .string($0.message),
                    ]
                    if !$0.location.isEmpty { d["location"] = .string($0.location) }
                    return .object(d)
                }),
            "truncated": .bool(shown.count < all.count),
        ]
    }
}
