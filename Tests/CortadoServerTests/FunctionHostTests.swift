import CortadoEngine
import CortadoJSON
import CortadoStore
import Foundation
import Testing

/// The function host through Lambda's REST API (no HTTP): real Python processes speaking the Runtime API.
/// The Python compatibility suite (Tests/compat/test_lambda.py) covers the same through the CLI and boto3.
@Suite(.serialized) struct FunctionHostTests {
    let h = Harness()

    /// A function whose code is `source` in `handler.py`, from a fresh directory (the local-directory extension).
    func create(_ name: String, _ source: String, timeout: Int = 10, extra: JSONObject = [:]) async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-fn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try source.write(to: dir.appendingPathComponent("handler.py"), atomically: true, encoding: .utf8)
        var body: JSONObject = [
            "FunctionName": .string(name), "Runtime": "python3.12", "Handler": "handler.handler",
            "Role": "arn:aws:iam::000000000000:role/fn", "Timeout": .int(timeout),
            "Code": ["S3Bucket": "cortado-local", "S3Key": .string(dir.path)],
        ]
        for (k, v) in extra { body[k] = v }
        let answer = await call("POST", "/2015-03-31/functions", .object(body))
        #expect(answer.status == 201, "\(answer.text)")
        return dir
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var text: String
        var json: JSON? { try? JSON(parsing: text) }
    }

    func call(_ method: String, _ path: String, _ body: JSON? = nil, headers: [String: String] = [:], raw: String? = nil) async -> Answer {
        let bytes = raw.map { Array($0.utf8) } ?? body.map { Array($0.text.utf8) } ?? []
        let r = await h.server.lambda.handle(LambdaHTTPRequest(method: method, path: path, query: [:], headers: headers, body: bytes))
        var hs: [String: String] = [:]
        for (k, v) in r.headers { hs[k.lowercased()] = v }
        return Answer(status: r.status, headers: hs, text: String(decoding: r.body, as: UTF8.self))
    }

    func invoke(_ name: String, _ payload: String, headers: [String: String] = [:]) async -> Answer {
        await call("POST", "/2015-03-31/functions/\(name)/invocations", headers: headers, raw: payload)
    }

    @Test func invokesAndReusesTheWarmProcess() async throws {
        defer { h.server.shutdown() }
        _ = try await create(
            "echo",
            "import os\ndef handler(event, context):\n    return {'event': event, 'pid': os.getpid(), 'name': context.function_name}\n")
        let first = await invoke("echo", #"{"a":1}"#)
        #expect(first.status == 200)
        #expect(first.headers["x-amz-executed-version"] == "$LATEST")
        #expect(first.headers["x-amz-function-error"] == nil)
        #expect(first.json?["event"] == ["a": 1])
        #expect(first.json?["name"] == "echo")
        let second = await invoke("echo", "[1,2]")
        #expect(second.json?["pid"] == first.json?["pid"], "a warm process serves the second invocation")
        #expect(h.server.lambda.host.aliveInstances == 1)
    }

    @Test func functionErrorsTimeoutsAndCrashesAreAnswered() async throws {
        defer { h.server.shutdown() }
        _ = try await create("boom", "def handler(event, context):\n    raise ValueError('bad ' + str(event['n']))\n")
        let error = await invoke("boom", #"{"n":3}"#)
        #expect(error.status == 200)
        #expect(error.headers["x-amz-function-error"] == "Unhandled")
        #expect(error.json?["errorType"] == "ValueError")
        #expect(error.json?["errorMessage"] == "bad 3")
        #expect(error.json?["stackTrace"]?.arrayValue?.first?.stringValue?.contains("/var/task/handler.py") == true)

        _ = try await create("slow", "import time\ndef handler(event, context):\n    time.sleep(30)\n", timeout: 1)
        let slow = await invoke("slow", "{}")
        #expect(slow.json?["errorType"] == "Sandbox.Timedout")
        #expect(slow.json?["errorMessage"]?.stringValue?.hasSuffix("Error: Task timed out after 1.00 seconds") == true)

        _ = try await create("exits", "import sys\ndef handler(event, context):\n    sys.exit(3)\n")
        let exits = await invoke("exits", "{}")
        #expect(exits.json?["errorType"] == "Runtime.ExitError")
        #expect(exits.json?["errorMessage"]?.stringValue?.hasSuffix("Runtime exited with error: exit status 3") == true)
        // The server and other functions carry on; the crashed function starts again.
        let again = await invoke("exits", "{}")
        #expect(again.json?["errorType"] == "Runtime.ExitError")
        _ = try await create("fine", "def handler(event, context):\n    return 'ok'\n")
        #expect(await invoke("fine", "{}").text == #""ok""#)
    }

    @Test func badRequestsGetLambdasErrors() async throws {
        defer { h.server.shutdown() }
        let missing = await invoke("nope", "{}")
        #expect(missing.status == 404)
        #expect(missing.headers["x-amzn-errortype"] == "ResourceNotFoundException")
        #expect(missing.json?["message"] == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST")

        let zip = await call(
            "POST", "/2015-03-31/functions",
            [
                "FunctionName": "z", "Runtime": "python3.12", "Handler": "h.h", "Role": "arn:aws:iam::000000000000:role/fn",
                "Code": ["ZipFile": .string(Data("not a zip".utf8).base64EncodedString())],
            ])
        #expect(zip.status == 400)
        #expect(zip.headers["x-amzn-errortype"] == "InvalidParameterValueException")
        #expect(zip.json?["message"] == "Could not unzip uploaded file. Please check your file, then try to upload again.")

        _ = try await create("ok", "def handler(event, context):\n    return event\n")
        let duplicate = await call(
            "POST", "/2015-03-31/functions",
            [
                "FunctionName": "ok", "Runtime": "python3.12", "Handler": "handler.handler", "Role": "arn:aws:iam::000000000000:role/fn",
                "Code": ["S3Bucket": "cortado-local", "S3Key": "/tmp"],
            ])
        #expect(duplicate.status == 409)
        #expect(duplicate.json?["message"] == "Function already exist: ok")
        let notJSON = await invoke("ok", "{not json")
        #expect(notJSON.headers["x-amzn-errortype"] == "InvalidRequestContentException")
        let big = await invoke("ok", "\"" + String(repeating: "a", count: 6_291_456) + "\"")
        #expect(big.status == 413)
        #expect(big.headers["x-amzn-errortype"] == "RequestTooLargeException")

        #expect(await call("PUT", "/2017-10-31/functions/ok/concurrency", ["ReservedConcurrentExecutions": 0]).status == 200)
        let throttled = await invoke("ok", "{}")
        #expect(throttled.status == 429)
        #expect(throttled.headers["x-amzn-errortype"] == "TooManyRequestsException")
    }

    @Test func updatedCodeRetiresWarmProcessesAndAliasesResolve() async throws {
        defer { h.server.shutdown() }
        let dir = try await create("v", "def handler(event, context):\n    return 'one'\n")
        #expect(await invoke("v", "{}").text == #""one""#)
        let published = await call("POST", "/2015-03-31/functions/v/versions", [:])
        #expect(published.json?["Version"] == "1")
        // Versions point at the code they were published with: a local directory is used in place, so
        // this checks the retirement of warm processes, and the alias resolution.
        try "def handler(event, context):\n    return 'two'\n".write(
            to: dir.appendingPathComponent("handler.py"), atomically: true, encoding: .utf8)
        let updated = await call("PUT", "/2015-03-31/functions/v/code", ["S3Bucket": "cortado-local", "S3Key": .string(dir.path)])
        #expect(updated.status == 200)
        #expect(await invoke("v", "{}").text == #""two""#)
        #expect(await call("POST", "/2015-03-31/functions/v/aliases", ["Name": "live", "FunctionVersion": "1"]).status == 201)
        let viaAlias = await call("POST", "/2015-03-31/functions/v:live/invocations", raw: "{}")
        #expect(viaAlias.headers["x-amz-executed-version"] == "1")
    }

    @Test func eventInvocationsRunInTheBackground() async throws {
        defer { h.server.shutdown() }
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-async-\(UUID().uuidString)").path
        _ = try await create(
            "async", "def handler(event, context):\n    open(event['path'], 'w').write('ran')\n")
        let queued = await invoke("async", #"{"path":"\#(marker)"}"#, headers: ["x-amz-invocation-type": "Event"])
        #expect(queued.status == 202)
        let deadline = ContinuousClock.now + .seconds(20)
        // The file appears empty before the function's write lands: wait for the content.
        while (try? String(contentsOfFile: marker, encoding: .utf8)) != "ran", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect((try? String(contentsOfFile: marker, encoding: .utf8)) == "ran")
        let dry = await invoke("async", "{}", headers: ["x-amz-invocation-type": "DryRun"])
        #expect(dry.status == 204)
    }
}
