import CortadoJSON

/// The first place where an engine's result differs from the recording.
struct ConformanceDifference: Error, Equatable, CustomStringConvertible {
    /// Where: `status`, `output.items[2]`, `history[5] (PassStateExited).stateExitedEventDetails.output`.
    var path: String
    var message: String

    var description: String { "\(path): \(message)" }

    static func mismatch(_ path: String, expected: String, actual: String) -> ConformanceDifference {
        ConformanceDifference(path: path, message: "expected \(clip(expected)), got \(clip(actual))")
    }

    static func mismatch(_ path: String, expected: JSON, actual: JSON) -> ConformanceDifference {
        mismatch(path, expected: expected.text, actual: actual.text)
    }

    /// `message` naming a JSON value, clipped.
    static func about(_ path: String, _ message: String, _ value: JSON) -> ConformanceDifference {
        ConformanceDifference(path: path, message: "\(message) \(clip(value.text, limit: 160))")
    }

    /// Long payloads are cut so that a failure list stays readable.
    static func clip(_ s: String, limit: Int = 240) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…(\(s.count) chars)"
    }
}
