import CortadoJSON
import Testing

@testable import CortadoLanguage

/// A distributed Map with the given fields, whose iterations pass their input through.
private func mapMachine(_ fields: String) throws -> Interpreter {
    let definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", \(fields),
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
          "End": true}}}
        """
    return Interpreter(machine: try StateMachine(definition: definition), info: info, random: SeededRandomSource(seed: 7))
}

private let csvReader =
    #""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key.$": "$.key"}, "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}}"#

@Suite struct CSVItemsTests {
    @Test func firstRowNamesTheColumnsAndEveryValueIsAString() throws {
        let items = try CSVItems.parse("a,b\n1,true\n\"x,y\",\"say \"\"hi\"\"\"\n", delimiter: ",", headers: nil)
        #expect(items == [["a": "1", "b": "true"], ["a": "x,y", "b": #"say "hi""#]])
    }

    @Test func shortRowsAreFilledLongRowsCutAndEmptyLinesSkipped() throws {
        // As AWS records it: missing fields are "", extra fields dropped, a line of spaces is a row.
        let items = try CSVItems.parse("1,2,3\n\n4\n   \r\n", delimiter: ",", headers: ["H1", "H2"])
        #expect(items == [["H1": "1", "H2": "2"], ["H1": "4", "H2": ""], ["H1": "   ", "H2": ""]])
    }

    @Test func otherDelimitersAndQuotedLineBreaks() throws {
        let items = try CSVItems.parse("k|v\n1|\"two\nlines\"", delimiter: "|", headers: nil)
        #expect(items == [["k": "1", "v": "two\nlines"]])
    }

    @Test func duplicateHeadersFail() {
        #expect(throws: StatesError.self) { try CSVItems.parse("a,a\n1,2\n", delimiter: ",", headers: nil) }
    }

    @Test func jsonAndJSONLObjects() throws {
        var reader = ItemReader(resource: ItemReader.getObject)
        #expect(try reader.items(from: ["Body": "[1, {\"a\": 2}]"]) == [1, ["a": 2]])
        #expect(throws: StatesError.self) { try reader.items(from: ["Body": "{\"a\": 2}"]) }
        reader.inputType = .jsonl
        #expect(try reader.items(from: ["Body": "{\"a\": 1}\n\n[2]\r\n"]) == [["a": 1], [2]])
        // A listing's objects are the items as they come.
        #expect(try reader.items(from: ["Contents": [["Key": "k"]]]) == [["Key": "k"]])
    }
}

@Suite struct ItemBatcherTests {
    @Test func batchesCloseAtMaxItems() {
        let b = ItemBatcher.batches(of: [1, 2, 3], maxItems: 2, maxBytes: nil, batchInput: nil)
        #expect(b == [["Items": [1, 2]], ["Items": [3]]])
    }

    @Test func batchesCloseBeforeExceedingMaxBytesAndCarryBatchInput() {
        // The limit is exactly the size of a batch of two: the third item opens a new batch.
        let two: JSON = ["BatchInput": ["k": 1], "Items": ["xxxx", "xxxx"]]
        let b = ItemBatcher.batches(of: ["xxxx", "xxxx", "xxxx"], maxItems: nil, maxBytes: two.encodedSize, batchInput: ["k": 1])
        #expect(b == [["BatchInput": ["k": 1], "Items": ["xxxx", "xxxx"]], ["BatchInput": ["k": 1], "Items": ["xxxx"]]])
    }

    @Test func anItemOverTheLimitIsABatchAlone() {
        let b = ItemBatcher.batches(of: ["long item"], maxItems: nil, maxBytes: 5, batchInput: nil)
        #expect(b == [["Items": ["long item"]]])
    }
}

@Suite struct MapItemReaderInterpreterTests {
    @Test func readerIsASilentDispatchAndItsAnswerRunsTheMap() throws {
        let i = try mapMachine(csvReader + #", "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"from.$": "$.key"}}"#)
        var (state, first) = i.start(input: ["key": "f.csv"], at: t0)
        #expect(first.events.map(\.type) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted"])
        #expect(first.events[2].details.first?.1 == .int(0))
        let d = try #require(first.effects.compactMap { if case .dispatch(let d) = $0 { d } else { nil } }.first)
        #expect(d.resource == "arn:aws:states:::s3:getObject")
        #expect(d.input == ["Bucket": "b", "Key": "f.csv"])
        let t = i.step(&state, on: .taskSucceeded(taskID: d.taskID, output: ["Body": "c\n1\n2\n3\n"]), at: t0 + 5)
        #expect(t.events.map(\.type) == ["MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        #expect(
            state.status
                == .succeeded(output: [
                    ["BatchInput": ["from": "f.csv"], "Items": [["c": "1"], ["c": "2"]]],
                    ["BatchInput": ["from": "f.csv"], "Items": [["c": "3"]]],
                ]))
    }

    @Test func readFailureFailsTheMapRunAsItemReaderFailed() throws {
        let i = try mapMachine(csvReader)
        var (state, first) = i.start(input: ["key": "missing.csv"], at: t0)
        let d = try #require(first.effects.compactMap { if case .dispatch(let d) = $0 { d } else { nil } }.first)
        let t = i.step(&state, on: .taskFailed(taskID: d.taskID, error: "S3.NoSuchKeyException", cause: "no such key"), at: t0 + 5)
        #expect(t.events.map(\.type) == ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
        #expect(state.status == .failed(error: "States.ItemReaderFailed", cause: "no such key"))
    }

    @Test func negativeMaxItemsFailsBeforeReading() throws {
        let i = try mapMachine(
            #""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}, "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.n"}}"#
        )
        let (state, first) = i.start(input: ["n": -1], at: t0)
        #expect(first.effects.allSatisfy { if case .dispatch = $0 { false } else { true } })
        #expect(state.status == .failed(error: "States.ItemReaderFailed", cause: "field MaxItems must be positive"))
    }

    @Test func resultWriterWritesTheFilesAndAnswersWithTheManifest() throws {
        let i = try mapMachine(
            #""Label": "L", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "jobs"}}"#
        )
        var (state, first) = i.start(input: [1, 2], at: t0)
        let d = try #require(first.effects.compactMap { if case .dispatch(let d) = $0 { d } else { nil } }.first)
        #expect(first.events.map(\.type) == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted"])
        #expect(d.resource == "arn:aws:states:::s3:putObject")
        let keys = d.input["Objects"]?.arrayValue?.compactMap { $0["Key"]?.stringValue } ?? []
        let runID = try #require(keys.last?.split(separator: "/").dropFirst().first)
        #expect(keys == ["jobs/\(runID)/SUCCEEDED_0.json", "jobs/\(runID)/manifest.json"])
        let succeeded = try JSON(parsing: d.input["Objects"]!.arrayValue![0]["Body"]!.stringValue!)
        #expect(succeeded.arrayValue?.compactMap { $0["Output"] } == ["1", "2"])
        #expect(succeeded.arrayValue?.first?["Status"] == "SUCCEEDED")
        let manifest = try JSON(parsing: d.input["Objects"]!.arrayValue![1]["Body"]!.stringValue!)
        #expect(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.first?["Key"] == .string("jobs/\(runID)/SUCCEEDED_0.json"))
        let t = i.step(&state, on: .taskSucceeded(taskID: d.taskID, output: d.input["ResultWriterDetails"]!), at: t0 + 5)
        #expect(t.events.map(\.type) == ["MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        guard case .succeeded(let output) = state.status else { Issue.record("not succeeded"); return }
        #expect(output["ResultWriterDetails"] == ["Bucket": "out", "Key": .string("jobs/\(runID)/manifest.json")])
        #expect(output["MapRunArn"]?.stringValue?.hasSuffix(":mapRun:M/L:\(runID)") == true)
    }
}
