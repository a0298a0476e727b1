import CortadoEngine
import CortadoJSON
import CortadoLanguage
import Testing

/// `cortado run` has no S3: a distributed Map's reader fails the Map Run unless a mock answers it.
@Suite struct LocalRunnerMapS3Tests {
    struct MapMock: TaskAnswerer {
        func answer(_ task: TaskDispatch) -> TaskOutcome {
            task.stateName == "M" ? .success(["Body": "[1, 2]"]) : .unanswerable("no mock")
        }
    }

    func run(_ answerer: any TaskAnswerer) throws -> LocalRunResult {
        let definition = #"""
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}, "ReaderConfig": {"InputType": "JSON"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """#
        let info = ExecutionInfo(
            executionArn: "arn:aws:states:us-east-1:000000000000:execution:M:e", executionName: "e",
            stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:M", stateMachineName: "M",
            roleArn: "arn:aws:iam::000000000000:role/r")
        let interpreter = Interpreter(machine: try StateMachine(definition: definition), info: info, random: SeededRandomSource(seed: 1))
        return LocalRunner(interpreter: interpreter, answerer: answerer, startTime: 0).run(input: [:])
    }

    @Test func withoutAMockTheReaderFails() throws {
        let r = try run(NoTaskAnswerer())
        #expect(r.error == "States.ItemReaderFailed")
        #expect(r.cause?.contains("`cortado run` has no S3") == true)
        #expect(r.history.map(\.type).suffix(3) == ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test func aMockForTheMapStateIsTheObject() throws {
        #expect(try run(MapMock()).output == [1, 2])
    }
}
