@testable import CortadoLanguage

/// Epoch milliseconds the interpreter tests start at (2023-11-14T22:13:20Z).
let t0: Int64 = 1_700_000_000_000

/// The execution every interpreter test runs as: `e1` of state machine `M`.
let info = ExecutionInfo(
    executionArn: "arn:aws:states:us-east-1:000000000000:execution:M:e1", executionName: "e1",
    stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:M", stateMachineName: "M",
    roleArn: "arn:aws:iam::000000000000:role/r")
