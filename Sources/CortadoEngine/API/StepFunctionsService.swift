import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation
import Synchronization

/// The Step Functions API (`X-Amz-Target: AWSStepFunctions.<Action>`), transport-free: a request body
/// in, a response body out, `AWSError`s for everything a caller did wrong. The HTTP server and the
/// `aws-sdk:sfn` integration both call it. One file per action under `Actions/`.
public final class StepFunctionsService: Sendable {
    /// Runs STANDARD executions, durably.
    public let engine: Engine
    /// Runs EXPRESS executions, in memory.
    public let express: Engine
    public var store: any ExecutionStore { engine.store }
    public var configuration: EngineConfiguration { engine.configuration }
    /// Longest name of a state machine, execution or activity (AWS: 80).
    public let nameLimit: Int
    /// State machines read recently, by ARN; every change made through this service updates it. With
    /// several nodes (DESIGN §7) it needs invalidation across nodes, or to go.
    let machineCache = Mutex<[String: StateMachineRecord]>([:])

    public init(engine: Engine, express: Engine, nameLimit: Int = 80) {
        self.engine = engine
        self.express = express
        self.nameLimit = nameLimit
    }

    static let actions: ActionTable<StepFunctionsService> = [
        "CreateStateMachine": { try await $0.createStateMachine($1) },
        "DescribeStateMachine": { try await $0.describeStateMachine($1) },
        "UpdateStateMachine": { try await $0.updateStateMachine($1) },
        "DeleteStateMachine": { try await $0.deleteStateMachine($1) },
        "ListStateMachines": { try await $0.listStateMachines($1) },
        "DescribeStateMachineForExecution": { try await $0.describeStateMachineForExecution($1) },
        "ValidateStateMachineDefinition": { try await $0.validateStateMachineDefinition($1) },
        "StartExecution": { try await $0.startExecution($1) },
        "StartSyncExecution": { try await $0.startSyncExecution($1) },
        "StopExecution": { try await $0.stopExecution($1) },
        "DescribeExecution": { try await $0.describeExecution($1) },
        "ListExecutions": { try await $0.listExecutions($1) },
        "GetExecutionHistory": { try await $0.getExecutionHistory($1) },
        "SendTaskSuccess": { try await $0.sendTaskSuccess($1) },
        "SendTaskFailure": { try await $0.sendTaskFailure($1) },
        "SendTaskHeartbeat": { try await $0.sendTaskHeartbeat($1) },
        "CreateActivity": { try await $0.createActivity($1) },
        "DescribeActivity": { try await $0.describeActivity($1) },
        "DeleteActivity": { try await $0.deleteActivity($1) },
        "ListActivities": { try await $0.listActivities($1) },
        "GetActivityTask": { try await $0.getActivityTask($1) },
        "TagResource": { try await $0.tagResource($1) },
        "UntagResource": { try await $0.untagResource($1) },
        "ListTagsForResource": { try await $0.listTagsForResource($1) },
        "PublishStateMachineVersion": { try await $0.publishStateMachineVersion($1) },
        "ListStateMachineVersions": { try await $0.listStateMachineVersions($1) },
        "DeleteStateMachineVersion": { try await $0.deleteStateMachineVersion($1) },
        "CreateStateMachineAlias": { try await $0.createStateMachineAlias($1) },
        "DescribeStateMachineAlias": { try await $0.describeStateMachineAlias($1) },
        "UpdateStateMachineAlias": { try await $0.updateStateMachineAlias($1) },
        "DeleteStateMachineAlias": { try await $0.deleteStateMachineAlias($1) },
        "ListStateMachineAliases": { try await $0.listStateMachineAliases($1) },
        "RedriveExecution": { try await $0.redriveExecution($1) },
        "TestState": { try await $0.testState($1) },
        // Cortado's extensions (docs/architecture/api.md, console.md).
        "FastForwardExecution": { try await $0.fastForwardExecution($1) },
        "DescribeStateMachineGraph": { try await $0.describeStateMachineGraph($1) },
        "ListWaitingCallbacks": { try await $0.listWaitingCallbacks($1) },
        "SearchExecutions": { try await $0.searchExecutions($1) },
    ]

    /// The names of the actions this service answers.
    public static var actionNames: [String] { actions.keys.sorted() }

    /// Runs one action. Every error comes back as an `AWSError`.
    public func handle(action: String, body: JSON) async -> Result<JSON, AWSError> {
        await runAction(action, body: body, on: self, in: Self.actions, storeError: Self.map)
    }

    static func map(_ e: StoreError) -> AWSError {
        switch e.code {
        case .executionAlreadyExists: AWSError("ExecutionAlreadyExists", e.message)
        case .executionDoesNotExist: AWSError("ExecutionDoesNotExist", e.message)
        case .stateMachineAlreadyExists: AWSError("StateMachineAlreadyExists", e.message)
        case .stateMachineDoesNotExist: AWSError("StateMachineDoesNotExist", e.message)
        case .invalidPageToken: AWSError("InvalidToken", "Invalid Token: '\(e.message)'")
        default: .internalFailure(e.message)
        }
    }

    // MARK: - Shared checks and shapes

    /// AWS's name rules for state machines, executions and activities.
    func checkName(_ name: String, member: String = "name") throws(AWSError) {
        if name.isEmpty { throw .constraint("''", at: member, "Member must have length greater than or equal to 1") }
        if name.count > nameLimit {
            throw .constraint("'\(name)'", at: member, "Member must have length less than or equal to \(nameLimit)")
        }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            let control = v <= 0x1F || (v >= 0x7F && v <= 0x9F)
            if control || scalar.properties.isWhitespace || "<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars.contains(scalar) {
                throw AWSError("InvalidName", "Invalid Name: '\(name)'")
            }
        }
    }

    var arnPrefix: String { "arn:aws:states:\(configuration.region):\(configuration.account):" }

    /// The parts of a Step Functions ARN of `type` (`stateMachine`, `execution`, `activity`, ...).
    func parseArn(_ arn: String, member: String, types: [String]) throws(AWSError) -> [String] {
        if arn.count > 2048 || arn.isEmpty {
            throw .constraint("'\(arn)'", at: member, "Member must have length less than or equal to 2048")
        }
        guard arn.hasPrefix("arn:") else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: \(arn)'")
        }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states" else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(arn)'")
        }
        guard types.contains(parts[5]) else {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: \(parts[5])'")
        }
        return parts
    }

    func stateMachineArn(_ name: String) -> String { arnPrefix + "stateMachine:" + name }

    static func date(_ ms: Int64) -> JSON { .double(Double(ms) / 1000) }

    /// Parses a JSON document a request carries as text (input, output, definition).
    static func parseDocument(_ text: String) -> Result<JSON, JSONParseError> {
        do { return .success(try JSON(parsing: text)) } catch { return .failure(error) }
    }

    func requireStateMachine(_ arn: String) async throws -> StateMachineRecord {
        let parts = try parseArn(arn, member: "stateMachineArn", types: ["stateMachine"])
        let base = parts[0..<7].joined(separator: ":")
        if let cached = machineCache.withLock({ $0[base] }) { return cached }
        guard let record = try await store.stateMachine(arn: base) else {
            throw AWSError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        }
        machineCache.withLock {
            if $0.count >= 4096 { $0.removeAll(keepingCapacity: true) }
            $0[base] = record
        }
        return record
    }

    /// Forgets a cached state machine after it changed or went.
    func forgetStateMachine(_ arn: String) {
        _ = machineCache.withLock { $0.removeValue(forKey: arn) }
    }

    func requireExecution(_ arn: String, member: String = "executionArn") async throws -> (Engine, ExecutionRecord) {
        let parts = try parseArn(arn, member: member, types: ["execution", "express"])
        if parts[5] == "express" {
            throw AWSError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
        }
        guard let record = try await engine.store.execution(arn: arn) else {
            throw AWSError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
        }
        return (engine, record)
    }
}
