import CortadoJSON

/// What an engine produced for one corpus case, in the shape AWS reports it.
struct ConformanceRun: Sendable {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED` (or `RUNNING` if the run never finished).
    var status: String
    /// The execution output parsed from its JSON text; nil unless SUCCEEDED.
    var output: JSON?
    var error: String?
    var cause: String?
    /// Events exactly as GetExecutionHistory returns them: `{"id", "previousEventId", "type",
    /// "timestamp"?, "<x>EventDetails": {...}}`, where the payload fields `input`, `output`,
    /// `parameters` and `cause` (and `assignedVariables` values) are JSON *text* strings, as AWS
    /// sends them.
    var history: [JSON]

    init(status: String, output: JSON? = nil, error: String? = nil, cause: String? = nil, history: [JSON] = []) {
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.history = history
    }
}

/// Runs one corpus case on an engine. The real one is `runWithEngine` (EngineRunner.swift).
typealias CaseRunner = @Sendable (CorpusCase) async throws -> ConformanceRun
