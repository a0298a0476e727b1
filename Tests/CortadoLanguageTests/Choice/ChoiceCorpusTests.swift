import CortadoJSON
import Testing

@testable import CortadoLanguage

/// One recorded execution whose first state is the Choice under test.
struct ChoiceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var stateName: String
    /// The Choice state's definition, as JSON text.
    var state: String
    /// The execution input, as JSON text.
    var input: String
    /// The state AWS entered after the Choice, when it got that far.
    var expectedNext: String?
    var expectedError: String?
    var expectedCause: String?

    var testDescription: String { name }
}

/// What running the Choice state gave: the next state, or the error it failed with.
enum ChoiceOutcome: Equatable, CustomStringConvertible {
    case next(String)
    case failed(ErrorName, String)

    var description: String {
        switch self {
        case .next(let n): "next \(n)"
        case .failed(let e, let c): "failed \(e): \(c)"
        }
    }
}

extension ChoiceCase {
    var expected: ChoiceOutcome? {
        if let expectedNext { return .next(expectedNext) }
        if let expectedError { return .failed(ErrorName(expectedError), expectedCause ?? "") }
        return nil
    }

    /// Decodes the state's rules and runs them as the interpreter would: the first branch whose
    /// rule holds, else `Default`, else `States.NoChoiceMatched`.
    func run() throws -> ChoiceOutcome {
        let state = try JSON(parsing: state)
        let scope = PathScope(input: try JSON(parsing: input))
        let location = "/States/\(stateName)"
        var sink = DiagnosticSink()
        var branches: [ChoiceBranch] = []
        for (i, element) in (state["Choices"]?.arrayValue ?? []).enumerated() {
            if let b = ChoiceBranch.decode(element, at: "\(location)/Choices/\(i)", into: &sink) { branches.append(b) }
        }
        guard sink.diagnostics.isEmpty else { throw DecodeFailure(diagnostics: sink.diagnostics) }
        do {
            for b in branches where try b.rule.evaluate(in: scope) { return .next(b.next) }
        } catch {
            // The interpreter adds AWS's "An error occurred while executing the state ..." prefix.
            let prefix = "An error occurred while executing the state '\(stateName)' (entered at the event id #2). "
            return .failed(error.name, error.prefixed ? prefix + error.cause : error.cause)
        }
        if let d = state["Default"]?.stringValue { return .next(d) }
        return .failed(.noChoiceMatched, "No Matches!")
    }

    struct DecodeFailure: Error, CustomStringConvertible {
        var diagnostics: [Diagnostic]
        var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }
}

@Suite("Choice corpus (recorded against AWS)")
struct ChoiceCorpusTests {
    /// Cases we knowingly disagree with AWS on, with the reason. Empty: every case passes.
    static let knownFailures: [String: String] = [:]

    @Test(arguments: ChoiceCorpus.cases)
    func recordedCase(_ c: ChoiceCase) throws {
        let expected = try #require(c.expected)
        if let reason = Self.knownFailures[c.name] {
            withKnownIssue(Comment(rawValue: reason)) { try #require(try c.run() == expected) }
        } else {
            #expect(try c.run() == expected)
        }
    }

    @Test func passRate() {
        var passed = 0
        var unexpected: [String] = []
        for c in ChoiceCorpus.cases {
            if let outcome = try? c.run(), outcome == c.expected {
                passed += 1
            } else if Self.knownFailures[c.name] == nil {
                unexpected.append(c.name)
            }
        }
        print("Choice corpus: \(passed)/\(ChoiceCorpus.cases.count) cases pass (\(Self.knownFailures.count) known failures)")
        #expect(ChoiceCorpus.cases.count >= 200)
        #expect(unexpected.isEmpty, "failing: \(unexpected.joined(separator: ", "))")
    }
}
