import ArgumentParser
import CortadoJSON

/// `cortado delete-stack`: removes everything a stack made, dependents first.
struct DeleteStackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-stack", abstract: "Delete a stack and every resource it made, on a running server.")

    @Argument(help: "The stack's name.")
    var stackName: String

    @Option(help: "The Cortado server.")
    var endpoint: String = "http://127.0.0.1:8083"

    func run() async throws {
        let status: String
        let reason: String
        do {
            (status, reason) = try await delete()
        } catch {
            printError("cortado delete-stack: \(error)")
            throw error.type == "ValidationError" || error.type == "InvalidEndpoint" ? ExitStatus.invalid : ExitStatus.failed
        }
        guard status == "DELETE_COMPLETE" else {
            printError("cortado delete-stack: stack \(stackName) is \(status): \(reason)")
            throw ExitStatus.failed
        }
        say("Stack \(stackName): DELETE_COMPLETE")
    }

    /// Deletes the stack and reads back, by its id, the status it ended in.
    func delete() async throws(CortadoClient.Failure) -> (String, String) {
        let client = try CortadoClient(endpoint: endpoint)
        let described = try await client.cloudFormation("DescribeStacks", ["StackName": .string(stackName)])
        let id = described["Stacks"]?.arrayValue?.first?["StackId"] ?? .string(stackName)
        _ = try await client.cloudFormation("DeleteStack", ["StackName": .string(stackName)])
        let after = try await client.cloudFormation("DescribeStacks", ["StackName": id])["Stacks"]?.arrayValue?.first ?? .null
        return (after["StackStatus"]?.stringValue ?? "UNKNOWN", after["StackStatusReason"]?.stringValue ?? "")
    }
}
