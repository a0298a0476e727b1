/// One problem found in a state machine definition, as `ValidateStateMachineDefinition` reports it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error = "ERROR"
        case warning = "WARNING"
    }

    public var severity: Severity
    /// AWS's code: `SCHEMA_VALIDATION_FAILED`, `INVALID_JSON_DESCRIPTION`, `MISSING_TRANSITION_TARGET`, ...
    public var code: String
    public var message: String
    /// A JSON-pointer-like location of the offending field, e.g. `/States/Fetch/Next`.
    public var location: String

    public init(severity: Severity = .error, code: String, message: String, location: String) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(severity.rawValue) \(code) at \(location.isEmpty ? "/" : location): \(message)" }
}

/// Collects diagnostics while a definition is decoded; decoding goes on after a problem so that
/// every problem is reported at once.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func error(_ code: String = "SCHEMA_VALIDATION_FAILED", _ message: String, at location: String) {
        diagnostics.append(Diagnostic(code: code, message: message, location: location))
    }

    public mutating func warning(_ code: String, _ message: String, at location: String) {
        diagnostics.append(Diagnostic(severity: .warning, code: code, message: message, location: location))
    }
}
