import CortadoJSON
import CortadoLanguage
import Foundation

/// What the engine keeps in an execution's snapshot: the definition it runs (an update of the state
/// machine does not change running executions, as on AWS), who started it, and the interpreter state.
///
/// Encoded as two JSON documents separated by a newline: the header, then the state, because the state
/// decodes only with the parsed definition at hand. Both are written with Cortado's JSON printer; the
/// state goes through `JSONValueEncoder`, which keeps payloads as JSON instead of escaped text.
struct StoredExecution: Sendable {
    struct Header: Sendable {
        var definition: String
        var stateMachineName: String
        var roleArn: String
        /// Set when a `states:startExecution.sync` task of another execution waits for this one.
        var parent: ParentLink?
        /// The version the execution runs, if it was started through a version or an alias.
        var versionArn: String?
        /// The alias it was started through, if any.
        var aliasArn: String?
    }

    var header: Header
    /// The header as stored: it never changes during an execution, so it is encoded once.
    var headerBytes: [UInt8]
    var machine: StateMachine
    var state: ExecutionState

    init(header: Header, machine: StateMachine, state: ExecutionState) throws {
        self.header = header
        self.headerBytes = Array(header.json.text.utf8)
        self.machine = machine
        self.state = state
    }

    init(header: Header, headerBytes: [UInt8], machine: StateMachine, state: ExecutionState) {
        self.header = header
        self.headerBytes = headerBytes
        self.machine = machine
        self.state = state
    }

    /// The snapshot to store. A SUCCEEDED execution keeps only its header: nothing will apply an event
    /// to it or redrive it, and the header still answers DescribeStateMachineForExecution.
    func encoded() throws -> [UInt8] {
        var bytes = headerBytes
        bytes.append(UInt8(ascii: "\n"))
        if case .succeeded = state.status { return bytes }
        bytes.append(contentsOf: try JSONValueEncoder().encode(state).text.utf8)
        return bytes
    }

    /// The header alone, without parsing the definition or the state.
    static func header(_ bytes: [UInt8]) throws -> Header {
        try Header(JSON(parsing: bytes[..<headerEnd(bytes)]))
    }

    /// Where the header ends: the newline between the two documents.
    static func headerEnd(_ bytes: [UInt8]) throws -> Int {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw EngineError.corruptSnapshot("the snapshot has no header")
        }
        return newline
    }

    static func decode(_ bytes: [UInt8], machines: MachineCache) throws -> StoredExecution {
        let newline = try headerEnd(bytes)
        let headerBytes = Array(bytes[..<newline])
        let header = try Header(JSON(parsing: headerBytes))
        let machine = try machines.machine(for: header.definition)
        guard newline + 1 < bytes.count else { throw EngineError.corruptSnapshot("the snapshot keeps no state (a closed execution)") }
        let state = try JSONValueDecoder(userInfo: [ExecutionState.stateMachineKey: machine]).decode(
            ExecutionState.self, from: try JSON(parsing: bytes[(newline + 1)...]))
        return StoredExecution(header: header, headerBytes: headerBytes, machine: machine, state: state)
    }
}

extension StoredExecution.Header {
    /// The header as JSON, printed with Cortado's printer (faster than Foundation's encoder, and the
    /// definition is most of it).
    var json: JSON {
        var o: JSONObject = [
            "definition": .string(definition), "stateMachineName": .string(stateMachineName), "roleArn": .string(roleArn),
        ]
        if let parent {
            o["parent"] = [
                "executionArn": .string(parent.executionArn), "taskID": .int(parent.taskID), "outputAsJSON": .bool(parent.outputAsJSON),
            ]
        }
        if let versionArn { o["versionArn"] = .string(versionArn) }
        if let aliasArn { o["aliasArn"] = .string(aliasArn) }
        return .object(o)
    }

    init(_ json: JSON) throws {
        guard case .string(let definition)? = json["definition"], case .string(let name)? = json["stateMachineName"],
            case .string(let role)? = json["roleArn"]
        else { throw EngineError.corruptSnapshot("the snapshot header lacks the definition, name or role") }
        self.definition = definition
        self.stateMachineName = name
        self.roleArn = role
        if case .object(let p)? = json["parent"], case .string(let arn)? = p["executionArn"], case .int(let id)? = p["taskID"] {
            parent = ParentLink(executionArn: arn, taskID: id, outputAsJSON: p["outputAsJSON"]?.boolValue ?? false)
        }
        versionArn = json["versionArn"]?.stringValue
        aliasArn = json["aliasArn"]?.stringValue
    }
}

/// The task of a parent execution that a child execution answers when it ends (`.sync`, `.sync:2`).
struct ParentLink: Codable, Sendable, Equatable {
    var executionArn: String
    var taskID: Int
    /// True for `.sync:2`, whose answer carries the output as JSON instead of text.
    var outputAsJSON: Bool
}

/// Problems of the engine itself, not of a request.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    public var description: String
    static func corruptSnapshot(_ why: String) -> EngineError { EngineError(description: "corrupt execution snapshot: \(why)") }
}
