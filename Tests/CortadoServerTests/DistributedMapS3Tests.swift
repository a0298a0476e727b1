import CortadoEngine
import CortadoJSON
import Testing

/// A distributed Map reading its items from Cortado's S3 and writing its results back, through the
/// Step Functions and S3 APIs of one runtime.
@Suite struct DistributedMapS3Tests {
    func s3(_ h: Harness, _ method: String, _ path: String, body: String = "") async -> S3HTTPResponse {
        await h.server.s3.handle(S3HTTPRequest(method: method, path: path, body: Array(body.utf8)))
    }

    func run(_ h: Harness, map fields: String, input: String) async throws -> (JSON, [String]) {
        let m = try await h.createMachine(
            "m\(abs(fields.hashValue))",
            #"{"StartAt":"M","States":{"M":{"Type":"Map",\#(fields),"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#
        )
        let e = try await h.start(m, name: "e", input: input)
        let d = try await h.waitUntilClosed(e)
        return (d, try await h.history(e).map { $0["type"]!.stringValue! })
    }

    @Test func csvObjectBecomesTheItems() async throws {
        let h = Harness()
        _ = await s3(h, "PUT", "/items")
        _ = await s3(h, "PUT", "/items/data.csv", body: "name;n\nada;1\nbob;2\n")
        let (d, history) = try await run(
            h,
            map:
                #""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"items","Key.$":"$.key"},"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","CSVDelimiter":"SEMICOLON"}}"#,
            input: #"{"key":"data.csv"}"#)
        #expect(d["status"] == "SUCCEEDED", "\(d)")
        #expect(try JSON(parsing: try #require(d["output"]?.stringValue)) == [["name": "ada", "n": "1"], ["name": "bob", "n": "2"]])
        // The read itself leaves no event.
        #expect(
            history == [
                "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded",
            ])
    }

    @Test func listingItemsAreTheObjectsUnderThePrefix() async throws {
        let h = Harness()
        _ = await s3(h, "PUT", "/items")
        _ = await s3(h, "PUT", "/items/a/1.txt", body: "one")
        _ = await s3(h, "PUT", "/items/a/2.txt", body: "two!")
        _ = await s3(h, "PUT", "/items/b/3.txt", body: "three")
        let (d, _) = try await run(
            h,
            map:
                #""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"items","Prefix":"a/"}},"ItemSelector":{"key.$":"$$.Map.Item.Value.Key","size.$":"$$.Map.Item.Value.Size"}"#,
            input: "{}")
        #expect(d["status"] == "SUCCEEDED", "\(d)")
        #expect(
            try JSON(parsing: try #require(d["output"]?.stringValue)) == [["key": "a/1.txt", "size": 3], ["key": "a/2.txt", "size": 4]])
    }

    @Test func missingObjectFailsWithItemReaderFailed() async throws {
        let h = Harness()
        _ = await s3(h, "PUT", "/items")
        let (d, history) = try await run(
            h,
            map:
                #""ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"items","Key":"nope.json"},"ReaderConfig":{"InputType":"JSON"}}"#,
            input: "{}")
        #expect(d["status"] == "FAILED")
        #expect(d["error"] == "States.ItemReaderFailed")
        #expect(d["cause"]?.stringValue?.contains("The specified key does not exist.") == true, "\(d)")
        #expect(history.suffix(3) == ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test func resultWriterPutsTheManifestAndResultFiles() async throws {
        let h = Harness()
        _ = await s3(h, "PUT", "/out")
        let (d, _) = try await run(
            h,
            map: #""ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}}"#,
            input: #"["a","b"]"#)
        #expect(d["status"] == "SUCCEEDED", "\(d)")
        let output = try JSON(parsing: try #require(d["output"]?.stringValue))
        let key = try #require(output["ResultWriterDetails"]?["Key"]?.stringValue)
        #expect(output["ResultWriterDetails"]?["Bucket"] == "out")
        let manifest = try JSON(parsing: String(decoding: await s3(h, "GET", "/out/" + key).bytes, as: UTF8.self))
        #expect(manifest["MapRunArn"] == output["MapRunArn"])
        let file = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.first?["Key"]?.stringValue)
        let results = try JSON(parsing: String(decoding: await s3(h, "GET", "/out/" + file).bytes, as: UTF8.self))
        #expect(results.arrayValue?.compactMap { $0["Output"] } == [#""a""#, #""b""#])
    }

    @Test func resultWriterToAMissingBucketFails() async throws {
        let h = Harness()
        let (d, _) = try await run(
            h,
            map: #""ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"nowhere","Prefix":"p"}}"#,
            input: "[1]")
        #expect(d["status"] == "FAILED")
        #expect(d["error"] == "States.ResultWriterFailed")
    }
}
