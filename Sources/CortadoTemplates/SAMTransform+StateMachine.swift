import CortadoJSON

extension SAMTransform {
    static let stateMachineIgnored = [
        "Tracing", "AutoPublishAlias", "DeploymentPreference", "UseAliasAsEventTarget", "PermissionsBoundary", "RolePath",
    ]

    mutating func expandStateMachine(_ source: SAMResource) throws(TemplateError) {
        var machine = JSONObject()
        let substitutions = source.properties["DefinitionSubstitutions"]
        if let substitutions, substitutions.objectValue == nil {
            throw TemplateError(location: source.property("DefinitionSubstitutions"), message: "must be an object")
        }
        if let definition = source.properties["Definition"] {
            guard case .object = definition else {
                throw TemplateError(location: source.property("Definition"), message: "must be an object (the state machine's ASL)")
            }
            if Self.containsIntrinsic(definition) {
                // CloudFormation's own resource takes the object and resolves the functions in it before printing it.
                machine["Definition"] = definition
                if let substitutions { machine["DefinitionSubstitutions"] = substitutions }
            } else {
                machine["DefinitionString"] = Self.definitionString(definition.text, substitutions: substitutions?.objectValue)
            }
        } else if let uri = source.properties["DefinitionUri"] {
            switch uri {
            case .string(let path) where path.hasPrefix("s3://"):
                let rest = path.dropFirst("s3://".count)
                guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else {
                    throw TemplateError(location: source.property("DefinitionUri"), message: "'\(path)' is not an s3://bucket/key URI")
                }
                machine["DefinitionS3Location"] = [
                    "Bucket": .string(String(rest[..<slash])), "Key": .string(String(rest[rest.index(after: slash)...])),
                ]
            case .string(let path):
                // Kept under its SAM name: the deploying command reads the file and inlines it as DefinitionString.
                machine["DefinitionUri"] = .string(path)
                localArtifacts.append(LocalArtifact(logicalId: source.id, property: "DefinitionUri", path: path))
            case .object(let location) where location["Bucket"] != nil && location["Key"] != nil:
                var s3: JSONObject = ["Bucket": location["Bucket"]!, "Key": location["Key"]!]
                if let version = location["Version"] { s3["Version"] = version }
                machine["DefinitionS3Location"] = .object(s3)
            default:
                throw TemplateError(
                    location: source.property("DefinitionUri"), message: "must be a local path, an s3:// URI or {Bucket, Key}")
            }
            if let substitutions { machine["DefinitionSubstitutions"] = substitutions }
        } else {
            throw TemplateError(location: source.location, message: "a state machine needs Definition or DefinitionUri")
        }
        if let name = source.properties["Name"] { machine["StateMachineName"] = name }
        if let type = source.properties["Type"] {
            if case .string(let text) = type, text != "STANDARD" && text != "EXPRESS" {
                throw TemplateError(location: source.property("Type"), message: "must be STANDARD or EXPRESS, not '\(text)'")
            }
            machine["StateMachineType"] = type
        }
        if let logging = source.properties["Logging"] { machine["LoggingConfiguration"] = logging }
        if let role = source.properties["Role"] {
            machine["RoleArn"] = role
        } else {
            try emitRole(source.id + "Role", service: "states.amazonaws.com", policies: source.properties["Policies"], from: source)
            machine["RoleArn"] = Self.getAtt(source.id + "Role", "Arn")
        }
        if let tags = Self.tagList(source.properties["Tags"]) { machine["Tags"] = tags }
        ignore(Self.stateMachineIgnored, of: source)
        let known = Set(
            Self.stateMachineIgnored + [
                "Definition", "DefinitionUri", "DefinitionSubstitutions", "Name", "Type", "Logging", "Role", "Policies", "Tags",
                "Events",
            ])
        warnUnknown(source, known: known)
        try emit(source.id, type: "AWS::StepFunctions::StateMachine", properties: machine, from: source, primary: true)
        for event in try SAMEvent.all(of: source, warnings: &warnings) {
            switch event.type {
            case "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2":
                let role = source.id + event.name + "Role"
                let policy: JSON = [
                    [
                        "PolicyName": .string(source.id + event.name + "RoleStartExecutionPolicy"),
                        "PolicyDocument": [
                            "Statement": [["Action": "states:StartExecution", "Effect": "Allow", "Resource": Self.ref(source.id)]]
                        ],
                    ]
                ]
                try emitRole(role, service: "events.amazonaws.com", policies: policy, from: source)
                let target: JSONObject = [
                    "Arn": Self.ref(source.id), "Id": .string(source.id + event.name + "StepFunctionsTarget"),
                    "RoleArn": Self.getAtt(role, "Arn"),
                ]
                _ = try emitRule(for: event, of: source, target: target)
            case "Api", "HttpApi":
                try addRoute(for: event, of: source, target: ["Type": "StartExecution", "StateMachine": Self.ref(source.id)])
            default:
                unsupported(event, of: "state machine")
            }
        }
    }

    /// A definition's text as `DefinitionString`: the text itself, or with substitutions an `Fn::Sub` over it
    /// that replaces only their `${Name}` placeholders.
    static func definitionString(_ text: String, substitutions: JSONObject?) -> JSON {
        guard let substitutions, !substitutions.isEmpty else { return .string(text) }
        return ["Fn::Sub": [.string(escapePlaceholders(text, keeping: Set(substitutions.keys))), .object(substitutions)]]
    }

    static func containsIntrinsic(_ value: JSON) -> Bool {
        switch value {
        case .object(let object): isIntrinsic(object) || object.values.contains(where: containsIntrinsic)
        case .array(let items): items.contains(where: containsIntrinsic)
        default: false
        }
    }

    /// Turns every `${Name}` whose name is not a substitution into `${!Name}`, so that `Fn::Sub` over the
    /// definition replaces only the `DefinitionSubstitutions`, as Step Functions' own substitution does.
    static func escapePlaceholders(_ text: String, keeping names: Set<String>) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if let close = after.firstIndex(of: "}"), !after.hasPrefix("!"), names.contains(String(after[..<close])) {
                result += rest[start.lowerBound...close]
                rest = after[after.index(after: close)...]
            } else {
                result += "${!"
                rest = after
            }
        }
        return result + rest
    }
}
