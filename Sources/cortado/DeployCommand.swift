import ArgumentParser
import CortadoJSON
import CortadoLanguage
import CortadoTemplates
import Foundation
import ZIPFoundation

/// `cortado deploy`: what `sam deploy` does, against a running Cortado. The template is read and checked here;
/// local `CodeUri` directories are zipped and uploaded to Cortado's S3 and local `DefinitionUri` files put in place,
/// as `sam package` would; the server creates or updates the stack through CloudFormation's actions
/// (docs/architecture/deploy.md).
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Create or update a stack from a SAM or CloudFormation template on a running server.",
        discussion: """
            Exit codes: 0 the stack is deployed (or already up to date), 1 it failed and was rolled back, 2 the \
            template or the arguments are invalid (nothing was changed).
            """
    )

    @Argument(help: "The template (YAML or JSON).")
    var template: String

    @Option(name: .customLong("stack-name"), help: "The stack's name (default: the template's directory name).")
    var stackName: String?

    @Option(
        name: .customLong("parameter-overrides"), parsing: .upToNextOption,
        help: "Parameter values as Key=Value (or ParameterKey=Key,ParameterValue=Value).")
    var parameterOverrides: [String] = []

    @Option(help: "The Cortado server.")
    var endpoint: String = "http://127.0.0.1:8083"

    /// Where packaged code goes, as `sam deploy`'s managed bucket.
    static let artifactBucket = "cortado-deploy-artifacts"

    func run() async throws {
        let templateURL = URL(fileURLWithPath: template)
        let name = stackName ?? Self.defaultName(templateURL)
        let text: String
        let parsed: Template
        do {
            text = try InputFiles.readText(template, what: "template")
            parsed = try Template(parsing: text)
        } catch let error as TemplateError {
            printError("cortado deploy: \(template): \(error)")
            throw ExitStatus.invalid
        } catch {
            printError("cortado deploy: \(error)")
            throw ExitStatus.invalid
        }
        let parameters = try Self.parameters(parameterOverrides)
        let client: CortadoClient
        do { client = try CortadoClient(endpoint: endpoint) } catch {
            printError("cortado deploy: \(error.message)")
            throw ExitStatus.invalid
        }
        for warning in parsed.warnings { say("Warning: \(warning)") }
        let ignored = Self.resources(of: parsed) { $0.hasPrefix("AWS::IAM::") || $0 == "AWS::Lambda::Permission" }
        if !ignored.isEmpty {
            say("Accepted and not enforced (Cortado has no IAM): \(ignored.map { "\($0.id) (\($0.type))" }.joined(separator: ", "))")
        }

        var body = parsed.body
        do {
            try await Self.packageArtifacts(parsed.localArtifacts, of: templateURL, stack: name, into: &body, client: client)
        } catch let error as DeployFailure {
            printError("cortado deploy: \(error.message)")
            throw error.exit
        }
        do {
            try await deploy(name, JSON.object(body).text, parameters, parsed, client)
        } catch let error as DeployFailure {
            printError("cortado deploy: \(error.message)")
            throw error.exit
        }
    }

    func deploy(_ name: String, _ body: String, _ parameters: [String: String], _ parsed: Template, _ client: CortadoClient) async throws {
        let existing = try? await client.cloudFormation("DescribeStacks", ["StackName": .string(name)])
        var status = existing?["Stacks"]?.arrayValue?.first?["StackStatus"]?.stringValue
        if let s = status, ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "DELETE_FAILED"].contains(s) {
            // A stack that never got made cannot be updated: remove it and start again, as `sam deploy` does.
            say("Stack \(name) is \(s); deleting it before creating it again")
            _ = try await call(client, "DeleteStack", ["StackName": .string(name)])
            status = nil
        }
        var request: JSONObject = [
            "StackName": .string(name), "TemplateBody": .string(body),
            "Parameters": .array(
                parameters.sorted { $0.key < $1.key }.map { ["ParameterKey": .string($0.key), "ParameterValue": .string($0.value)] }),
            "Capabilities": ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
        ]
        let action = status == nil ? "CreateStack" : "UpdateStack"
        if action == "UpdateStack" {
            // Parameters the template declares and this deploy does not set keep their values.
            let declared = parsed.parameters.map(\.name).filter { parameters[$0] == nil }
            let previous = Set(
                (existing?["Stacks"]?.arrayValue?.first?["Parameters"]?.arrayValue ?? []).compactMap { $0["ParameterKey"]?.stringValue })
            for key in declared where previous.contains(key) && parsed.parameters.first(where: { $0.name == key })?.defaultValue == nil {
                request["Parameters"] = .array(
                    (request["Parameters"]?.arrayValue ?? []) + [["ParameterKey": .string(key), "UsePreviousValue": true]])
            }
        }
        say("\(action == "CreateStack" ? "Creating" : "Updating") stack \(name) on \(endpoint)")
        if let error = await Self.failure(of: { () async throws(CortadoClient.Failure) in
            _ = try await client.cloudFormation(action, .object(request))
        }) {
            if error.message == "No updates are to be performed." {
                say("No changes to deploy: stack \(name) is up to date")
                try await report(name, parsed, client, printEvents: false)
                return
            }
            let invalid = ["ValidationError", "InsufficientCapabilitiesException", "AlreadyExistsException"].contains(error.type)
            throw DeployFailure(message: "\(error.type): \(error.message)", exit: invalid ? ExitStatus.invalid : ExitStatus.failed)
        }
        try await report(name, parsed, client, printEvents: true)
    }

    /// Prints this operation's events, then the stack's status, outputs and API addresses; fails unless it is
    /// `CREATE_COMPLETE` or `UPDATE_COMPLETE`.
    func report(_ name: String, _ parsed: Template, _ client: CortadoClient, printEvents: Bool) async throws {
        let described = try await call(client, "DescribeStacks", ["StackName": .string(name)])
        let stack = described["Stacks"]?.arrayValue?.first ?? .null
        let status = stack["StackStatus"]?.stringValue ?? "UNKNOWN"
        if printEvents {
            let events = try await call(client, "DescribeStackEvents", ["StackName": .string(name)])["StackEvents"]?.arrayValue ?? []
            var operation: [JSON] = []
            for event in events {
                operation.append(event)
                if event["ResourceType"] == "AWS::CloudFormation::Stack", event["ResourceStatusReason"] == "User Initiated" { break }
            }
            for event in operation.reversed() {
                let reason = event["ResourceStatusReason"]?.stringValue.map { "  \($0)" } ?? ""
                let columns = [
                    event["ResourceStatus"]?.stringValue ?? "", event["ResourceType"]?.stringValue ?? "",
                    event["LogicalResourceId"]?.stringValue ?? "",
                ]
                say(
                    "  \(columns[0].padding(toLength: 36, withPad: " ", startingAt: 0)) \(columns[1].padding(toLength: 36, withPad: " ", startingAt: 0)) \(columns[2])\(reason)"
                )
            }
        }
        guard status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" else {
            let reason = stack["StackStatusReason"]?.stringValue.map { ": \($0)" } ?? ""
            throw DeployFailure(message: "stack \(name) is \(status)\(reason)", exit: ExitStatus.failed)
        }
        say("Stack \(name): \(status)")
        let outputs = stack["Outputs"]?.arrayValue ?? []
        if !outputs.isEmpty {
            say("Outputs:")
            for output in outputs {
                say("  \(output["OutputKey"]?.stringValue ?? ""): \(output["OutputValue"]?.stringValue ?? "")")
            }
        }
        let resources = try await call(client, "DescribeStackResources", ["StackName": .string(name)])["StackResources"]?.arrayValue ?? []
        let apis = resources.filter { $0["ResourceType"] == "AWS::ApiGateway::RestApi" || $0["ResourceType"] == "AWS::ApiGatewayV2::Api" }
        if !apis.isEmpty {
            say("APIs:")
            let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
            for api in apis {
                let logicalId = api["LogicalResourceId"]?.stringValue ?? ""
                let stage = parsed.processed["Resources"]?[logicalId]?["Properties"]?["StageName"]?.stringValue ?? "Prod"
                let id = api["PhysicalResourceId"]?.stringValue ?? ""
                let path = stage == "$default" ? "$default" : stage
                say("  \(logicalId): \(base)/restapis/\(id)/\(path)/_user_request_/")
            }
        }
    }

    /// The client's failure, if the call fails. (A `catch let e as Failure where …` clause here crashes Swift
    /// 6.3.1's ownership checker, so the failure is taken out as a value.)
    static func failure(of call: () async throws(CortadoClient.Failure) -> Void) async -> CortadoClient.Failure? {
        do {
            try await call()
            return nil
        } catch {
            return error
        }
    }

    func call(_ client: CortadoClient, _ action: String, _ body: JSON) async throws -> JSON {
        do {
            return try await client.cloudFormation(action, body)
        } catch {
            throw DeployFailure(message: "\(action): \(error)", exit: ExitStatus.failed)
        }
    }

    struct DeployFailure: Error {
        var message: String
        var exit: ExitCode
    }

    static func defaultName(_ template: URL) -> String {
        let directory = template.standardizedFileURL.deletingLastPathComponent().lastPathComponent
        let cleaned = String(directory.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return cleaned.first?.isLetter == true ? cleaned : "stack-\(cleaned)"
    }

    static func parameters(_ overrides: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for item in overrides {
            if item.hasPrefix("ParameterKey="), let comma = item.range(of: ",ParameterValue=") {
                values[String(item[item.index(item.startIndex, offsetBy: 13)..<comma.lowerBound])] = String(item[comma.upperBound...])
            } else if let eq = item.firstIndex(of: "="), eq != item.startIndex {
                values[String(item[..<eq])] = String(item[item.index(after: eq)...])
            } else {
                printError("cortado deploy: --parameter-overrides takes Key=Value, not '\(item)'")
                throw ExitStatus.invalid
            }
        }
        return values
    }

    static func resources(of template: Template, where matches: (String) -> Bool) -> [(id: String, type: String)] {
        (template.processed["Resources"]?.objectValue ?? JSONObject()).compactMap { id, resource in
            guard let type = resource["Type"]?.stringValue, matches(type) else { return nil }
            return (id, type)
        }
    }
}
