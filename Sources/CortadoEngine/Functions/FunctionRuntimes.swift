import Foundation
import Synchronization

/// The runtimes Cortado runs, the program each starts, and the environment a function sees.
enum FunctionRuntimes {
    /// Runtimes `CreateFunction` takes. Older ones are refused as AWS refuses them.
    static let supported: [String] = [
        "nodejs18.x", "nodejs20.x", "nodejs22.x", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
        "provided.al2", "provided.al2023",
    ]

    /// Runtimes AWS no longer lets a function be created or updated with.
    static let deprecated: Set<String> = [
        "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
        "python2.7", "python3.6", "python3.7", "python3.8", "provided",
    ]

    /// Every value of Lambda's `Runtime` enum (what the validation message lists).
    static let all: [String] =
        [
            "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8",
            "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0",
            "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5",
            "ruby2.7", "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4",
            "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x",
        ]

    /// Environment variables a function may not set (Lambda reserves them).
    static let reserved: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    /// Where the bundled bootstraps are.
    static let directory: URL = Bundle.module.resourceURL!.appendingPathComponent("Runtimes")

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The program that starts `function`'s runtime.
    static func command(for function: FunctionConfiguration) throws -> FunctionCommand {
        let runtime = function.runtime
        if runtime.hasPrefix("nodejs") {
            guard let node = executable(named: ProcessInfo.processInfo.environment["CORTADO_NODE"] ?? "node") else {
                throw Missing(description: "Cortado cannot start \(runtime) functions: there is no `node` on the server's PATH")
            }
            return FunctionCommand(executable: node, arguments: [directory.appendingPathComponent("node/bootstrap.mjs").path])
        }
        if runtime.hasPrefix("python") {
            // Every python3.x function runs on the server's python3 (or CORTADO_PYTHON): version-named
            // commands are often shims (pyenv) that fail when that version is not the selected one.
            guard let python = executable(named: ProcessInfo.processInfo.environment["CORTADO_PYTHON"] ?? "python3") else {
                throw Missing(description: "Cortado cannot start \(runtime) functions: there is no `python3` on the server's PATH")
            }
            return FunctionCommand(executable: python, arguments: ["-u", directory.appendingPathComponent("python/bootstrap.py").path])
        }
        if runtime.hasPrefix("provided") {
            let bootstrap = URL(fileURLWithPath: function.codeDirectory).appendingPathComponent("bootstrap").path
            guard FileManager.default.isExecutableFile(atPath: bootstrap) else {
                throw Missing(description: "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")
            }
            return FunctionCommand(executable: bootstrap, arguments: [])
        }
        throw Missing(description: "Cortado does not run the \(runtime) runtime")
    }

    private static let lookups = LockedCache()

    /// A program on the PATH (or a path), cached.
    static func executable(named name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        if let cached = lookups.value(name) { return cached.isEmpty ? nil : cached }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let found = path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        lookups.set(name, found ?? "")
        return found
    }

    /// The environment `function` runs with: its variables, then Lambda's own.
    static func environment(for function: FunctionConfiguration, configuration: EngineConfiguration, endpoint: String) -> [String: String] {
        var env = function.environment ?? [:]
        let inherited = ProcessInfo.processInfo.environment
        env["PATH"] = inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let home = inherited["HOME"] { env["HOME"] = home }
        env["LANG"] = "en_US.UTF-8"
        env["TZ"] = ":UTC"
        env["LAMBDA_TASK_ROOT"] = function.codeDirectory
        env["LAMBDA_RUNTIME_DIR"] = directory.path
        env["_HANDLER"] = function.handler
        env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + function.runtime
        env["AWS_REGION"] = configuration.region
        env["AWS_DEFAULT_REGION"] = configuration.region
        env["AWS_LAMBDA_FUNCTION_NAME"] = function.name
        env["AWS_LAMBDA_FUNCTION_VERSION"] = function.version
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(function.memorySize)
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = function.logGroup
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand"
        env["AWS_ACCESS_KEY_ID"] = "AKIACORTADOLOCAL000"
        env["AWS_SECRET_ACCESS_KEY"] = "cortado-local-secret"
        env["AWS_SESSION_TOKEN"] = "cortado-local-session"
        env["AWS_ENDPOINT_URL"] = endpoint
        if function.runtime.hasPrefix("nodejs") {
            env["NODE_PATH"] = "\(function.codeDirectory)/node_modules:/opt/nodejs/node_modules"
        }
        if function.runtime.hasPrefix("python") {
            env["PYTHONPATH"] = function.codeDirectory
            // The code directory is read-only on AWS: no __pycache__ there (a stale one would also hide
            // an edit made within the same second to a local-directory function).
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        }
        return env
    }
}

/// A small string cache behind a lock.
final class LockedCache: Sendable {
    private let values = Mutex<[String: String]>([:])
    func value(_ key: String) -> String? { values.withLock { $0[key] } }
    func set(_ key: String, _ value: String) { values.withLock { $0[key] = value } }
}
