import ArgumentParser

@main
struct Cortado: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cortado",
        abstract: "A self-hosted workflow engine for Amazon States Language state machines.",
        subcommands: [
            ServeCommand.self, RunCommand.self, ValidateCommand.self, DeployCommand.self, DeleteStackCommand.self, GraphCommand.self,
        ]
    )
}

/// Exit codes: 0 the workflow succeeded, 1 it ended any other way, 2 bad usage or input.
enum ExitStatus {
    static let failed = ExitCode(1)
    static let invalid = ExitCode(2)
}
