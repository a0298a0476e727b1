import CortadoJSON
import CortadoTemplates

/// What is checked before a stack is touched (docs/architecture/deploy.md, "Validate everything before changing
/// anything").
extension StackService {
    /// The template read and planned for this stack, or CloudFormation's `ValidationError` naming where it is wrong.
    func planned(_ body: String, _ parameters: [String: String], name: String, id: String) throws(AWSError) -> (Template, DeploymentPlan) {
        do {
            let template = try Template(parsing: body)
            let plan = try template.plan(parameters: parameters, stackName: name, region: region, account: account, stackId: id)
            return (template, plan)
        } catch {
            throw Self.templateError(error)
        }
    }

    static func templateError(_ error: TemplateError) -> AWSError {
        AWSError("ValidationError", "Template format error: \(error.description)")
    }

    /// CloudFormation's acknowledgements: `CAPABILITY_AUTO_EXPAND` for a transform, `CAPABILITY_IAM` (or
    /// `CAPABILITY_NAMED_IAM` for named IAM resources) for IAM.
    func checkCapabilities(_ template: Template, _ plan: DeploymentPlan, _ given: [String]) throws(AWSError) {
        var needed: [String] = []
        if template.body["Transform"] != nil, !given.contains("CAPABILITY_AUTO_EXPAND") { needed.append("CAPABILITY_AUTO_EXPAND") }
        let iam = plan.resources.filter { $0.type.hasPrefix("AWS::IAM::") }
        let named = iam.contains { r in ["RoleName", "UserName", "GroupName", "ManagedPolicyName"].contains { r.properties[$0] != nil } }
        if named, !given.contains("CAPABILITY_NAMED_IAM") {
            needed.append("CAPABILITY_NAMED_IAM")
        } else if !iam.isEmpty, !given.contains("CAPABILITY_IAM"), !given.contains("CAPABILITY_NAMED_IAM") {
            needed.append("CAPABILITY_IAM")
        }
        guard needed.isEmpty else {
            throw AWSError("InsufficientCapabilitiesException", "Requires capabilities : [\(needed.joined(separator: ", "))]")
        }
    }

    /// Refuses what no resource step could fix: types Cortado does not make, properties that do not resolve, and
    /// state machine definitions that do not validate once the resources' values are put in (the values of
    /// resources not made yet are predicted from their names).
    func check(_ plan: DeploymentPlan, existing: [String: StackDocument.Resource], _ context: StackContext) async throws(AWSError) {
        let unsupported = plan.unsupported
        if !unsupported.isEmpty {
            let list = unsupported.map { "\($0.logicalId) (\($0.type))" }.joined(separator: ", ")
            throw AWSError("ValidationError", "Template format error: Cortado does not make resources of these types: \(list)")
        }
        let resolver = Self.predictingResolver(plan, existing, context)
        let machines = StateMachineHandler(service: services.stepFunctions)
        for resource in plan.resources {
            let location = "Resources/\(resource.logicalId)/Properties"
            let properties: JSON
            do {
                properties = try resolver.resolve(.object(resource.properties), at: location)
            } catch {
                throw Self.templateError(error)
            }
            guard resource.type == "AWS::StepFunctions::StateMachine", let resolved = properties.objectValue else { continue }
            let text: String
            do {
                text = try machines.definition(resource.logicalId, resolved)
            } catch {
                throw AWSError("ValidationError", "Template error: resource \(error.logicalId): \(error.message)")
            }
            let type = resolved["StateMachineType"]?.stringValue ?? "STANDARD"
            let answer = await services.stepFunctions.handle(
                action: "ValidateStateMachineDefinition", body: ["definition": .string(text), "type": .string(type)])
            if case .success(let result) = answer, result["result"] == "FAIL" {
                let problems = (result["diagnostics"]?.arrayValue ?? []).filter { $0["severity"] == "ERROR" }.map { d in
                    let at = d["location"]?.stringValue.map { " at \($0)" } ?? ""
                    return "\(d["code"]?.stringValue ?? ""): \(d["message"]?.stringValue ?? "")\(at)"
                }
                throw AWSError(
                    "ValidationError",
                    "Template error: resource \(resource.logicalId): Invalid State Machine Definition: '\(problems.joined(separator: "; "))'"
                )
            }
        }
        for output in plan.outputs {
            do {
                _ = try resolver.resolve(output.value, at: "Outputs/\(output.name)/Value")
            } catch {
                throw Self.templateError(error)
            }
        }
    }

    /// Whether an update would change nothing: no resource added, changed or removed, and the same outputs.
    func unchanged(_ plan: DeploymentPlan, _ current: StackDocument) -> Bool {
        let context = StackContext(stackName: current.name, region: region, account: account)
        return changes(plan, Self.byLogicalId(current), context).isEmpty && sameOutputs(plan, current)
    }

    /// Whether the plan's outputs, resolved against the stack's resources, are the stack's outputs.
    func sameOutputs(_ plan: DeploymentPlan, _ current: StackDocument) -> Bool {
        let resolver = plan.resolver(resources: Self.byLogicalId(current).mapValues { ($0.ref, $0.attributes) })
        let outputs = plan.outputs.map { output in
            (try? resolver.resolve(output.value, at: "Outputs/\(output.name)/Value")).map(StackOperation.text)
        }
        return outputs == current.outputs.map(\.value) && plan.outputs.map(\.name) == current.outputs.map(\.key)
    }

    static func byLogicalId(_ stack: StackDocument) -> [String: StackDocument.Resource] {
        Dictionary(stack.resources.map { ($0.logicalId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A resolver with the values of the resources that exist, and predicted values for the others.
    static func predictingResolver(
        _ plan: DeploymentPlan, _ existing: [String: StackDocument.Resource], _ context: StackContext
    ) -> IntrinsicResolver {
        var resolver = plan.resolver(resources: existing.mapValues { ($0.ref, $0.attributes) })
        let predictor = Predictor(plan: plan, context: context)
        resolver.predict = { resource, attribute in predictor.value(resource, attribute) }
        return resolver
    }
}
