import CortadoLanguage
import Synchronization

/// Parsed definitions by their text, so that executions of one state machine share one parse.
final class MachineCache: Sendable {
    private let machines = Mutex<[String: StateMachine]>([:])
    private let capacity = 512

    func machine(for definition: String) throws -> StateMachine {
        if let m = machines.withLock({ $0[definition] }) { return m }
        let parsed = try StateMachine(definition: definition)
        machines.withLock {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[definition] = parsed
        }
        return parsed
    }
}
