import CortadoJSON
import Foundation
import Testing

/// Runs the built `cortado` executable, as a user would.
enum CortadoCLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout parsed as one JSON value.
        func json() throws -> JSON { try JSON(parsing: stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Where the executable may be: `CORTADO_BIN`, next to the test bundle (the products directory),
    /// or under the package's `.build`.
    static func candidates() -> [URL] {
        var urls: [URL] = []
        if let bin = ProcessInfo.processInfo.environment["CORTADO_BIN"] { urls.append(URL(fileURLWithPath: bin)) }
        let bundle = Bundle.main.bundleURL
        urls.append(bundle.appendingPathComponent("cortado"))
        urls.append(bundle.deletingLastPathComponent().appendingPathComponent("cortado"))
        if let arg0 = CommandLine.arguments.first {
            urls.append(URL(fileURLWithPath: arg0).deletingLastPathComponent().appendingPathComponent("cortado"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("cortado"))
        }
        // Tests/CortadoEngineTests/RunCommandTests.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        urls.append(root.appendingPathComponent(".build/debug/cortado"))
        urls.append(root.appendingPathComponent(".build/release/cortado"))
        return urls
    }

    static let executable: URL? = candidates().first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Output {
        guard let executable else {
            let tried = candidates().map(\.path).joined(separator: "\n  ")
            Issue.record(
                "The cortado executable was not found; build it with `swift build --build-tests` or set CORTADO_BIN. Tried:\n  \(tried)",
                sourceLocation: sourceLocation)
            throw MissingExecutable()
        }
        let dir = try TempDir()
        let outURL = dir.url.appendingPathComponent("stdout")
        let errURL = dir.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Files, not pipes: a long history must not fill a pipe and stall the child.
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

struct MissingExecutable: Error, CustomStringConvertible {
    var description: String { "the cortado executable was not found" }
}

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let u = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: u)
        return u.path
    }
}

private let passDefinition =
    #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.a", "fixed": [1, 2.5]}, "End": true}}}"#
private let failDefinition = #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "it went wrong"}}}"#
private let taskDefinition =
    #"{"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}}"#

@Suite(.serialized) struct RunCommandTests {
    @Test func succeededRunPrintsStatusAndOutputAsJSON() throws {
        let dir = try TempDir()
        let def = try dir.file("hello.json", passDefinition)
        let r = try CortadoCLI.run(["run", def, "--input", #"{"a": "b"}"#, "--json"])
        #expect(r.status == 0)
        #expect(r.stdout == #"{"status":"SUCCEEDED","output":{"got":"b","fixed":[1,2.5]},"error":null,"cause":null}"# + "\n")
        #expect(r.stderr == "")
    }

    @Test func succeededRunWithoutJSONPrintsStatusAndPrettyOutput() throws {
        let dir = try TempDir()
        let def = try dir.file("hello.json", passDefinition)
        let r = try CortadoCLI.run(["run", def, "--input", #"{"a": 1}"#])
        #expect(r.status == 0)
        #expect(r.stdout == "status: SUCCEEDED\n{\n  \"got\": 1,\n  \"fixed\": [\n    1,\n    2.5\n  ]\n}\n")
    }

    @Test func inputDefaultsToAnEmptyObjectAndCanComeFromAFile() throws {
        let dir = try TempDir()
        let def = try dir.file("echo.json", #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        #expect(try CortadoCLI.run(["run", def, "--json"]).json()["output"] == [:])
        let input = try dir.file("in.json", #"{"from": "file"}"#)
        #expect(try CortadoCLI.run(["run", def, "--input-file", input, "--json"]).json()["output"] == ["from": "file"])
    }

    @Test func failingWorkflowExitsOneWithErrorAndCause() throws {
        let dir = try TempDir()
        let def = try dir.file("fail.json", failDefinition)
        let r = try CortadoCLI.run(["run", def, "--json"])
        #expect(r.status == 1)
        #expect(r.stdout == #"{"status":"FAILED","output":null,"error":"Oops","cause":"it went wrong"}"# + "\n")
        let plain = try CortadoCLI.run(["run", def])
        #expect(plain.status == 1)
        #expect(plain.stdout == "status: FAILED\nerror: Oops\ncause: it went wrong\n")
    }

    @Test func invalidDefinitionExitsTwoWithDiagnostics() throws {
        let dir = try TempDir()
        let def = try dir.file("bad.json", #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nope"}}}"#)
        let r = try CortadoCLI.run(["run", def, "--json"])
        #expect(r.status == 2)
        let diagnostics = try r.json()["diagnostics"]?.arrayValue ?? []
        #expect(
            diagnostics.first
                == [
                    "severity": "ERROR", "code": "MISSING_TRANSITION_TARGET", "message": "Missing 'Next' target: Nope",
                    "location": "/States/A/Next",
                ])

        let plain = try CortadoCLI.run(["run", def])
        #expect(plain.status == 2)
        #expect(plain.stdout == "")
        #expect(plain.stderr.contains("\(def): ERROR MISSING_TRANSITION_TARGET at /States/A/Next: Missing 'Next' target: Nope"))
    }

    @Test func graphDrawsADefinitionAsSVGOrLayoutJSON() throws {
        let dir = try TempDir()
        let path = try dir.file("pass.asl.json", passDefinition)
        let svg = try CortadoCLI.run(["graph", path])
        #expect(svg.status == 0)
        #expect(svg.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.stdout.contains(#"data-state="P" data-path="States/P""#))
        let layout = try CortadoCLI.run(["graph", path, "--json"]).json()
        #expect(layout["nodes"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == ["#start", "States/P", "#end"])
        let broken = try CortadoCLI.run(["graph", try dir.file("broken.json", "{\"StartAt\": ")])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.json"))
    }

    @Test func jsonataDefinitionsRun() throws {
        let dir = try TempDir()
        let def = try dir.file(
            "jsonata.json",
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "Sum", "States": {
              "Sum": {"Type": "Pass", "Assign": {"n": "{% $count($states.input.xs) %}"},
                      "Output": {"total": "{% $sum($states.input.xs) %}", "chunks": "{% $partition($states.input.xs, 2) %}"}, "Next": "Show"},
              "Show": {"Type": "Pass", "Output": "{% $merge([$states.input, {'n': $n}]) %}", "End": true}}}
            """#)
        let r = try CortadoCLI.run(["run", def, "--input", #"{"xs": [1, 2, 3]}"#, "--json"])
        #expect(r.status == 0)
        #expect(try r.json()["output"] == ["total": 6, "chunks": [[1, 2], [3]], "n": 3])

        let bad = try dir.file(
            "bad.json",
            #"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% 1 + %}", "End": true}}}"#)
        let refused = try CortadoCLI.run(["run", bad, "--json"])
        #expect(refused.status == 2)
        #expect(try refused.json()["diagnostics"]?.arrayValue?.first?["location"] == "/States/A/Output")
    }

    @Test func definitionThatIsNotJSONExitsTwo() throws {
        let dir = try TempDir()
        let def = try dir.file("broken.json", #"{"StartAt": "A", "States": "#)
        let r = try CortadoCLI.run(["run", def, "--json"])
        #expect(r.status == 2)
        #expect(try r.json()["diagnostics"]?.arrayValue?.first?["code"] == "INVALID_JSON_DESCRIPTION")
    }

    @Test func missingDefinitionFileExitsTwo() throws {
        let r = try CortadoCLI.run(["run", "/nonexistent/cortado/def.json"])
        #expect(r.status == 2)
        #expect(r.stderr == "cortado: cannot read the definition file '/nonexistent/cortado/def.json'\n")
    }

    @Test func inputThatIsNotJSONExitsTwoWithAClearMessage() throws {
        let dir = try TempDir()
        let def = try dir.file("hello.json", passDefinition)
        let r = try CortadoCLI.run(["run", def, "--input", "{not json}"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "cortado: the input is not valid JSON: Expected a string key in an object at line 1, column 2\n")

        let j = try CortadoCLI.run(["run", def, "--input", "[1,", "--json"])
        #expect(j.status == 2)
        #expect(
            try j.json()
                == [
                    "diagnostics": [
                        [
                            "severity": "ERROR", "code": "INVALID_INPUT",
                            "message": "the input is not valid JSON: Unexpected end of input, expected a value at line 1, column 4",
                            "location": "",
                        ]
                    ]
                ])
    }

    @Test func historyAddsTheEvents() throws {
        let dir = try TempDir()
        let def = try dir.file("hello.json", passDefinition)
        let r = try CortadoCLI.run(["run", def, "--input", #"{"a": 1}"#, "--json", "--history"])
        #expect(r.status == 0)
        let events = try r.json()["history"]?.arrayValue ?? []
        #expect(
            events.compactMap { $0["type"]?.stringValue } == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
            ])
        #expect(events.compactMap { $0["id"]?.intValue } == [1, 2, 3, 4])
        #expect(events.compactMap { $0["previousEventId"]?.intValue } == [0, 0, 2, 3])
        #expect(events.first?["executionStartedEventDetails"]?["input"] == #"{"a":1}"#)
        #expect(events.first?["executionStartedEventDetails"]?["roleArn"] == "arn:aws:iam::000000000000:role/cortado-run")

        // Without --json: one event per line, then the status.
        let plain = try CortadoCLI.run(["run", def, "--input", #"{"a": 1}"#, "--history"])
        let lines = plain.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 5)
        #expect(
            try lines.prefix(4).map { try JSON(parsing: $0)["type"]?.stringValue } == [
                "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded",
            ])
        #expect(lines[4] == "status: SUCCEEDED")
    }

    @Test func taskWithoutAMockExitsOneNamingTheState() throws {
        let dir = try TempDir()
        let def = try dir.file("work.json", taskDefinition)
        let r = try CortadoCLI.run(["run", def, "--json"])
        #expect(r.status == 1)
        let cause =
            "The Task state 'Call' (resource arn:aws:lambda:us-east-1:123456789012:function:work) has no mocked response; pass --mock-config FILE --test-case NAME"
        #expect(try r.json() == ["status": "FAILED", "output": nil, "error": "Cortado.NoTaskAnswer", "cause": .string(cause)])
        let plain = try CortadoCLI.run(["run", def])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("cortado: \(cause)"))
    }

    @Test func waitOfADayTakesNoWallTime() throws {
        let dir = try TempDir()
        let def = try dir.file(
            "sleepy.json",
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#)
        let started = Date()
        let r = try CortadoCLI.run(["run", def, "--input", #"{"k": 1}"#, "--json", "--history"])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(r.status == 0)
        let json = try r.json()
        #expect(json["status"] == "SUCCEEDED")
        #expect(json["output"] == ["k": 1])
        let events = json["history"]?.arrayValue ?? []
        let entered = events.first { $0["type"] == "WaitStateEntered" }?["timestamp"]?.doubleValue
        let exited = events.first { $0["type"] == "WaitStateExited" }?["timestamp"]?.doubleValue
        #expect(entered != nil && exited != nil)
        if let entered, let exited { #expect(exited - entered == 86_400) }
    }

    @Test func badUsageExitsTwo() throws {
        let dir = try TempDir()
        let def = try dir.file("hello.json", passDefinition)
        let r = try CortadoCLI.run(["run", def, "--input", "{}", "--input-file", def])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Give either --input or --input-file, not both."))
        #expect(r.status == 2)
    }
}

@Suite(.serialized) struct RunCommandMockTests {
    private let definition = """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "Next": "Done",
                   "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3}],
                   "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}]},
          "Recover": {"Type": "Pass", "Result": "recovered", "ResultPath": "$.note", "End": true},
          "Done": {"Type": "Succeed"}}}
        """

    private let config = """
        {
          "StateMachines": {
            "Order": {
              "TestCases": {
                "HappyPath": {"Call": "Ok"},
                "FlakyThenOk": {"Call": "FailThreeTimesThenOk"},
                "Broken": {"Call": "AlwaysFails"},
                "NotRetried": {"Call": "Denied"}
              }
            }
          },
          "MockedResponses": {
            "Ok": {"0": {"Return": {"id": 42}}},
            "FailThreeTimesThenOk": {
              "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "first"}},
              "1-2": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "again"}},
              "3": {"Return": {"id": 7}}
            },
            "AlwaysFails": {"0-9": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}},
            "Denied": {"0": {"Throw": {"Error": "AccessDenied", "Cause": "no"}}}
          }
        }
        """

    /// Runs the definition as `Order.json` with `testCase`, returning the JSON result.
    private func run(_ testCase: String, history: Bool = false) throws -> (CortadoCLI.Output, JSON) {
        let dir = try TempDir()
        let def = try dir.file("Order.json", definition)
        let cfg = try dir.file("mocks.json", config)
        var args = ["run", def, "--input", #"{"order": 1}"#, "--mock-config", cfg, "--test-case", testCase, "--json"]
        if history { args.append("--history") }
        let r = try CortadoCLI.run(args)
        return (r, try r.json())
    }

    @Test func returnAnswersTheTask() throws {
        let (r, json) = try run("HappyPath")
        #expect(r.status == 0)
        #expect(json == ["status": "SUCCEEDED", "output": ["id": 42], "error": nil, "cause": nil])
    }

    @Test func perAttemptRangesDriveTheRetries() throws {
        let (r, json) = try run("FlakyThenOk", history: true)
        #expect(r.status == 0)
        #expect(json["output"] == ["id": 7])
        let events = json["history"]?.arrayValue ?? []
        let failures = events.filter { $0["type"] == "LambdaFunctionFailed" }
        #expect(failures.compactMap { $0["lambdaFunctionFailedEventDetails"]?["cause"]?.stringValue } == ["first", "again", "again"])
        #expect(events.filter { $0["type"] == "LambdaFunctionScheduled" }.count == 4)
        // Backoff 2 s, 4 s, 8 s on the virtual clock: the last attempt is scheduled 14 s after the first.
        let scheduled = events.filter { $0["type"] == "LambdaFunctionScheduled" }.compactMap { $0["timestamp"]?.doubleValue }
        if scheduled.count == 4 { #expect(scheduled[3] - scheduled[0] == 14) }
    }

    @Test func throwAfterTheRetriesRunsTheCatch() throws {
        let (r, json) = try run("Broken")
        #expect(r.status == 0)
        #expect(json["output"] == ["order": 1, "error": ["Error": "Lambda.ServiceException", "Cause": "down"], "note": "recovered"])
    }

    @Test func errorsNoRetrierNamesGoStraightToTheCatch() throws {
        let (r, json) = try run("NotRetried", history: true)
        #expect(r.status == 0)
        #expect(json["output"]?["error"] == ["Error": "AccessDenied", "Cause": "no"])
        #expect(json["history"]?.arrayValue?.filter { $0["type"] == "LambdaFunctionScheduled" }.count == 1)
    }

    @Test func unknownTestCaseExitsTwo() throws {
        let dir = try TempDir()
        let def = try dir.file("Order.json", definition)
        let cfg = try dir.file("mocks.json", config)
        let r = try CortadoCLI.run(["run", def, "--mock-config", cfg, "--test-case", "Nope"])
        #expect(r.status == 2)
        #expect(r.stderr == "cortado: no test case named 'Nope' in the mock config\n")
    }

    @Test func malformedMockConfigExitsTwo() throws {
        let dir = try TempDir()
        let def = try dir.file("Order.json", definition)
        let cfg = try dir.file("mocks.json", #"{"MockedResponses": {"R": {"first": {"Return": 1}}}}"#)
        let r = try CortadoCLI.run(["run", def, "--mock-config", cfg, "--test-case", "T"])
        #expect(r.status == 2)
        #expect(r.stderr == "cortado: MockedResponses.R.first: an attempt key must be a number or a range such as \"1-2\"\n")
    }
}
