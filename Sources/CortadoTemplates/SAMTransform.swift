import CortadoJSON

/// Expands `AWS::Serverless-2016-10-31`: merges `Globals` into the serverless resources and turns each into
/// the plain resources SAM makes for it, with SAM's logical ids (`<Function><Event>`, `<Function>Role`,
/// `<Function><Event>Permission`, `ServerlessRestApi`, …).
struct SAMTransform {
    static let name = "AWS::Serverless-2016-10-31"
    static let implicitRestAPI = "ServerlessRestApi"
    static let implicitHTTPAPI = "ServerlessHttpApi"
    static let globalSections: Set<String> = ["Function", "StateMachine", "SimpleTable", "Api", "HttpApi"]
    /// SAM's other Globals sections, for resource types Cortado does not create.
    static let unusedGlobalSections: Set<String> = ["LayerVersion", "CapacityProvider"]

    let template: JSONObject
    let written: JSONObject
    var warnings: [String] = []
    var localArtifacts: [LocalArtifact] = []
    /// The resources made so far, in template order.
    var output = JSONObject()
    /// The routes each API collects from the events that name it, by the API's logical id.
    var routes: [String: [JSON]] = [:]
    var globals = JSONObject()

    init(template: JSONObject) {
        self.template = template
        written = template["Resources"]?.objectValue ?? JSONObject()
    }

    mutating func expand() throws(TemplateError) -> JSONObject {
        if case .object(let sections)? = template["Globals"] {
            for (section, value) in sections {
                let location = TemplatePath.join("Globals", section)
                if Self.unusedGlobalSections.contains(section) {
                    warnings.append("\(location): Cortado makes no resources of this kind; ignored")
                    continue
                }
                guard Self.globalSections.contains(section) else {
                    throw TemplateError(location: location, message: "'\(section)' is not a Globals section of SAM")
                }
                guard value.objectValue != nil else { throw TemplateError(location: location, message: "must be an object") }
            }
            globals = sections
        }
        for (id, resource) in written {
            guard case .object(let members) = resource, case .string(let type)? = members["Type"] else {
                output.append(id, resource)
                continue
            }
            let location = TemplatePath.join("Resources", id)
            let section = type.hasPrefix("AWS::Serverless::") ? String(type.dropFirst("AWS::Serverless::".count)) : nil
            var properties = members["Properties"]?.objectValue ?? JSONObject()
            if let section, case .object(let global)? = globals[section] {
                properties = Self.merge(global: .object(global), local: .object(properties)).objectValue ?? properties
            }
            let source = SAMResource(id: id, members: members, properties: properties, location: location)
            switch type {
            case "AWS::Serverless::Function": try expandFunction(source)
            case "AWS::Serverless::StateMachine": try expandStateMachine(source)
            case "AWS::Serverless::SimpleTable": try expandSimpleTable(source)
            case "AWS::Serverless::Api": try expandAPI(source, protocol: "REST", defaultStage: nil)
            case "AWS::Serverless::HttpApi": try expandAPI(source, protocol: "HTTP", defaultStage: "$default")
            default: output.append(id, resource)
            }
        }
        try finishAPIs()
        var processed = template
        processed["Globals"] = nil
        if template["Resources"] != nil { processed["Resources"] = .object(output) }
        return processed
    }

    /// Globals under a resource's own properties: the resource's scalars win, maps merge, lists are appended to.
    static func merge(global: JSON, local: JSON) -> JSON {
        switch (global, local) {
        case (.object(let g), .object(let l)) where !isIntrinsic(g) && !isIntrinsic(l):
            var merged = JSONObject()
            for (key, value) in g {
                merged.append(key, l[key].map { merge(global: value, local: $0) } ?? value)
            }
            for (key, value) in l where g[key] == nil { merged.append(key, value) }
            return .object(merged)
        case (.array(let g), .array(let l)):
            return .array(g + l)
        default:
            return local
        }
    }

    static func isIntrinsic(_ object: JSONObject) -> Bool {
        object.count == 1 && (object.keys[0] == "Ref" || object.keys[0] == "Condition" || object.keys[0].hasPrefix("Fn::"))
    }

    /// Adds a made resource, refusing an id the template or the transform already used.
    mutating func emit(
        _ id: String, type: String, properties: JSONObject, from source: SAMResource, primary: Bool = false
    ) throws(TemplateError) {
        if output[id] != nil || (!primary && written[id] != nil) {
            throw TemplateError(
                location: source.location, message: "the SAM transform makes a resource '\(id)', which the template already has")
        }
        var resource: JSONObject = ["Type": .string(type)]
        if let condition = source.members["Condition"] { resource["Condition"] = condition }
        if primary {
            for key in ["DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"] {
                if let value = source.members[key] { resource[key] = value }
            }
        }
        resource["Properties"] = .object(properties)
        output.append(id, .object(resource))
    }

    /// Warns about each property the transform does not carry over.
    mutating func ignore(_ names: [String], of source: SAMResource, because reason: String = "Cortado ignores it") {
        for name in names where source.properties[name] != nil {
            warnings.append("\(TemplatePath.join(source.location, "Properties/\(name)")): \(reason)")
        }
    }

    /// Warns about properties neither known nor handled.
    mutating func warnUnknown(_ source: SAMResource, known: Set<String>) {
        for key in source.properties.keys where !known.contains(key) {
            warnings.append("\(TemplatePath.join(source.location, "Properties/\(key)")): not a property Cortado knows; ignored")
        }
    }

    /// An execution role SAM would make; Cortado accepts IAM and ignores it, but the id exists to be referenced.
    mutating func emitRole(_ id: String, service: String, policies: JSON?, from source: SAMResource) throws(TemplateError) {
        var properties: JSONObject = [
            "AssumeRolePolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [["Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": ["Service": [.string(service)]]]],
            ]
        ]
        if let policies { properties["Policies"] = policies }
        try emit(id, type: "AWS::IAM::Role", properties: properties, from: source)
    }

    static func getAtt(_ id: String, _ attribute: String) -> JSON { ["Fn::GetAtt": [.string(id), .string(attribute)]] }
    static func ref(_ id: String) -> JSON { ["Ref": .string(id)] }

    /// SAM's map of tags as CloudFormation's list of `{Key, Value}`.
    static func tagList(_ tags: JSON?) -> JSON? {
        guard case .object(let map)? = tags else { return tags }
        return .array(map.map { ["Key": .string($0.key), "Value": $0.value] })
    }
}
