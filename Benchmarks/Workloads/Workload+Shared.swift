import CortadoJSON
import Foundation

extension Workload {
    /// The shared workloads (`Workloads/NAME.asl.json` + `NAME.meta.json`), read from this target's resources.
    public static func shared() throws -> [Workload] {
        try ["single_pass", "pass_chain", "choice_loop", "parallel_map", "book_order_flow", "callback"].map(shared(named:))
    }

    static func shared(named name: String) throws -> Workload {
        let definition = try resource("\(name).asl")
        let meta = try JSON(parsing: resource("\(name).meta"))
        guard let input = meta["input"], let output = meta["expected_output"],
            let entered = meta["expected_state_entered"]?.intValue
        else { throw WorkloadResourceError(message: "\(name).meta.json lacks input, expected_output or expected_state_entered") }
        return Workload(
            name: name, definition: definition, input: input, expectedOutput: output, expectedStateEntered: entered,
            taskOutput: meta["task_success_output"])
    }

    private static func resource(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
            throw WorkloadResourceError(message: "no resource \(name).json")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

struct WorkloadResourceError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
