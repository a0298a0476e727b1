import CortadoJSON

extension Template {
    /// Validates the template against parameter values and orders its resources for creation.
    ///
    /// - Parameters:
    ///   - parameters: overrides by parameter name; a parameter without one takes its `Default`.
    ///   - stackName, region, account: the values of `AWS::StackName`, `AWS::Region` and `AWS::AccountId`.
    ///   - stackId: the value of `AWS::StackId`; by default an ARN of the stack with a zero id.
    public func plan(
        parameters overrides: [String: String] = [:], stackName: String, region: String, account: String, stackId: String? = nil
    ) throws(TemplateError) -> DeploymentPlan {
        let values = try parameterValues(overrides, stackName: stackName, region: region, account: account, stackId: stackId)
        let mappings = processed["Mappings"]?.objectValue ?? JSONObject()
        let conditions = try evaluateConditions(IntrinsicResolver(parameters: values, mappings: mappings))
        let all = processed["Resources"]?.objectValue ?? JSONObject()
        var kept = JSONObject()
        for (id, resource) in all {
            if try holds(resource["Condition"], at: "Resources/\(id)/Condition", conditions) { kept.append(id, resource) }
        }
        let references = ReferenceCheck(parameters: values, resources: kept, all: all, conditions: conditions)
        var dependencies: [String: [String]] = [:]
        for (id, resource) in kept {
            let location = TemplatePath.join("Resources", id)
            var found: [String] = []
            if let properties = resource["Properties"] {
                try references.collect(properties, at: TemplatePath.join(location, "Properties"), into: &found)
            }
            try references.collectDependsOn(resource["DependsOn"], at: TemplatePath.join(location, "DependsOn"), into: &found)
            var unique: [String] = []
            for name in found where !unique.contains(name) { unique.append(name) }
            dependencies[id] = unique
        }
        let order = try Self.creationOrder(kept.keys, dependencies: dependencies)
        let resources = order.map { id in
            let definition = kept[id]!.objectValue!
            let type = definition["Type"]!.stringValue!
            return PlannedResource(
                logicalId: id, type: type, support: ResourceSupport(type: type),
                properties: definition["Properties"]?.objectValue ?? JSONObject(), dependencies: dependencies[id] ?? [],
                definition: definition)
        }
        var outputs: [PlannedOutput] = []
        for (name, output) in processed["Outputs"]?.objectValue ?? JSONObject() {
            let location = TemplatePath.join("Outputs", name)
            guard case .object(let members) = output else {
                throw TemplateError(location: location, message: "an output must be an object")
            }
            guard try holds(members["Condition"], at: TemplatePath.join(location, "Condition"), conditions) else { continue }
            guard let value = members["Value"] else {
                throw TemplateError(location: location, message: "an output needs a Value")
            }
            var found: [String] = []
            try references.collect(value, at: TemplatePath.join(location, "Value"), into: &found)
            let exportName = members["Export"]?["Name"]
            if let exportName { try references.collect(exportName, at: TemplatePath.join(location, "Export/Name"), into: &found) }
            outputs.append(
                PlannedOutput(name: name, value: value, description: members["Description"]?.stringValue, exportName: exportName))
        }
        return DeploymentPlan(
            resources: resources, outputs: outputs, parameters: values, conditions: conditions, mappings: mappings,
            warnings: warnings.filter { warning in
                // A warning about a resource whose condition is false concerns nothing that will be deployed.
                guard warning.hasPrefix("Resources/") else { return true }
                let id = warning.dropFirst("Resources/".count).prefix { $0 != "/" && $0 != ":" }
                return kept[String(id)] != nil || all[String(id)] == nil
            },
            localArtifacts: localArtifacts.filter { kept[$0.logicalId] != nil })
    }

    /// The parameters' values with the pseudo parameters, every override checked against its declaration.
    func parameterValues(
        _ overrides: [String: String], stackName: String, region: String, account: String, stackId: String?
    ) throws(TemplateError) -> [String: JSON] {
        let partition = region.hasPrefix("cn-") ? "aws-cn" : region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        var values: [String: JSON] = [
            "AWS::Region": .string(region), "AWS::AccountId": .string(account), "AWS::StackName": .string(stackName),
            "AWS::StackId": .string(
                stackId ?? "arn:\(partition):cloudformation:\(region):\(account):stack/\(stackName)/00000000-0000-0000-0000-000000000000"),
            "AWS::Partition": .string(partition), "AWS::URLSuffix": .string(partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"),
            "AWS::NotificationARNs": .array([]),
        ]
        let declared = Set(parameters.map(\.name))
        for name in overrides.keys.sorted() where !declared.contains(name) {
            throw TemplateError(location: "Parameters", message: "'\(name)' was given a value but is not a parameter of the template")
        }
        for parameter in parameters {
            let location = TemplatePath.join("Parameters", parameter.name)
            guard let text = overrides[parameter.name] ?? parameter.defaultValue else {
                throw TemplateError(
                    location: location, message: "parameter '\(parameter.name)' needs a value: it has no Default and none was given")
            }
            values[parameter.name] = try parameter.value(for: text, at: location)
        }
        return values
    }

    /// Every condition's value, each evaluated once; a condition naming itself through others is an error.
    func evaluateConditions(_ resolver: IntrinsicResolver) throws(TemplateError) -> [String: Bool] {
        let section = processed["Conditions"]?.objectValue ?? JSONObject()
        var values: [String: Bool] = [:]
        var visiting: [String] = []
        func value(of name: String, at location: String) throws(TemplateError) -> Bool {
            if let known = values[name] { return known }
            guard let expression = section[name] else {
                throw TemplateError(location: location, message: "no condition named '\(name)'")
            }
            if let start = visiting.firstIndex(of: name) {
                throw TemplateError(
                    location: TemplatePath.join("Conditions", name),
                    message: "circular condition: \((visiting[start...] + [name]).joined(separator: " → "))")
            }
            visiting.append(name)
            let holds = try resolver.evaluate(expression, at: TemplatePath.join("Conditions", name)) { other throws(TemplateError) in
                try value(of: other, at: TemplatePath.join("Conditions", name))
            }
            visiting.removeLast()
            values[name] = holds
            return holds
        }
        for name in section.keys { _ = try value(of: name, at: TemplatePath.join("Conditions", name)) }
        return values
    }

    private func holds(_ condition: JSON?, at location: String, _ conditions: [String: Bool]) throws(TemplateError) -> Bool {
        guard let condition else { return true }
        guard case .string(let name) = condition else { throw TemplateError(location: location, message: "must name a condition") }
        guard let holds = conditions[name] else { throw TemplateError(location: location, message: "no condition named '\(name)'") }
        return holds
    }

    /// The ids in an order where each comes after its dependencies, template order otherwise.
    static func creationOrder(_ ids: [String], dependencies: [String: [String]]) throws(TemplateError) -> [String] {
        var order: [String] = []
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ id: String) throws(TemplateError) {
            if done.contains(id) { return }
            if let start = path.firstIndex(of: id) {
                let cycle = path[start...] + [id]
                throw TemplateError(
                    location: TemplatePath.join("Resources", cycle.first!),
                    message: "circular dependency: \(cycle.joined(separator: " → "))")
            }
            path.append(id)
            for dependency in dependencies[id] ?? [] { try visit(dependency) }
            path.removeLast()
            done.insert(id)
            order.append(id)
        }
        for id in ids { try visit(id) }
        return order
    }
}
