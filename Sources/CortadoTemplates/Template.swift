import CortadoJSON

/// A CloudFormation or SAM template, read and checked: its sections, its parameters as typed values and, for a
/// SAM template, the plain resources the `AWS::Serverless-2016-10-31` transform expands it into.
public struct Template: Sendable {
    /// The template as written (long forms of the intrinsic functions), before any transform.
    public let body: JSONObject
    /// The template after the SAM transform (the same as `body` when it has none): what `plan` deploys.
    public let processed: JSONObject
    /// The declared parameters, in template order.
    public let parameters: [TemplateParameter]
    /// What the transform ignored or could not express (`Layers`, `Tracing`, …).
    public let warnings: [String]
    /// Local paths (`CodeUri`, `DefinitionUri`) the deploying command must read and package.
    public let localArtifacts: [LocalArtifact]

    /// Reads a template from JSON or YAML text (YAML short-form tags become their long JSON forms).
    public init(parsing text: String) throws(TemplateError) {
        try self.init(json: Self.readValue(text))
    }

    /// Any JSON or YAML document (a state machine definition named by `DefinitionUri`, say) as a JSON value,
    /// with the same rules as a template's text.
    public static func document(parsing text: String) throws(TemplateError) -> JSON {
        try readValue(text)
    }

    /// JSON text (starting with `{`) or YAML text as a JSON value.
    static func readValue(_ text: String) throws(TemplateError) -> JSON {
        guard text.drop(while: \.isWhitespace).first == "{" else { return try YAMLReader.read(text) }
        let value: JSON
        do {
            value = try JSON(parsing: text)
        } catch {
            throw TemplateError(location: "", message: "JSON syntax error: \(error.message)", line: error.line)
        }
        try YAMLReader.checkDuplicateKeys(inJSON: text, value: value)
        return value
    }

    /// Checks a template already held as a JSON value.
    public init(json: JSON) throws(TemplateError) {
        guard case .object(let body) = json else {
            throw TemplateError(location: "", message: "a template must be an object, not \(json.typeName)")
        }
        self.body = body
        var parameters: [TemplateParameter] = []
        if let section = body["Parameters"] {
            guard case .object(let declared) = section else {
                throw TemplateError(location: "Parameters", message: "must be an object")
            }
            for (name, declaration) in declared {
                parameters.append(try TemplateParameter(name: name, declaration: declaration))
            }
        }
        self.parameters = parameters
        for section in ["Mappings", "Conditions", "Outputs", "Globals"] {
            if let value = body[section], value.objectValue == nil {
                throw TemplateError(location: section, message: "must be an object")
            }
        }
        if case .object(let written)? = body["Resources"] {
            for (id, resource) in written where resource["Type"] == .string(CortadoAPI.type) {
                throw TemplateError(
                    location: TemplatePath.join(TemplatePath.join("Resources", id), "Type"),
                    message: "\(CortadoAPI.type) is made by the SAM transform and cannot be written in a template")
            }
        }
        let transforms = try Self.transforms(body["Transform"])
        if transforms.contains(SAMTransform.name) {
            var transform = SAMTransform(template: body)
            processed = try transform.expand()
            warnings = transform.warnings
            localArtifacts = transform.localArtifacts
        } else {
            processed = body
            warnings = []
            localArtifacts = []
        }
        try Self.checkResources(processed)
    }

    private static func transforms(_ value: JSON?) throws(TemplateError) -> [String] {
        let names: [String]
        switch value {
        case nil: return []
        case .string(let name)?: names = [name]
        case .array(let items)?:
            var collected: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let name) = item else {
                    throw TemplateError(location: TemplatePath.join("Transform", index), message: "a transform must be named by a string")
                }
                collected.append(name)
            }
            names = collected
        case let other?:
            throw TemplateError(location: "Transform", message: "must be a string or a list of strings, not \(other.typeName)")
        }
        for name in names where name != SAMTransform.name {
            throw TemplateError(location: "Transform", message: "the transform '\(name)' is not supported (only \(SAMTransform.name))")
        }
        return names
    }

    private static func checkResources(_ template: JSONObject) throws(TemplateError) {
        guard case .object(let resources)? = template["Resources"] else {
            throw TemplateError(location: "Resources", message: "a template needs a Resources object")
        }
        for (id, resource) in resources {
            let location = TemplatePath.join("Resources", id)
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw TemplateError(location: location, message: "a logical id must be alphanumeric")
            }
            guard case .object(let members) = resource else {
                throw TemplateError(location: location, message: "a resource must be an object")
            }
            guard case .string? = members["Type"] else {
                throw TemplateError(location: TemplatePath.join(location, "Type"), message: "a resource needs a Type string")
            }
            if let properties = members["Properties"], properties.objectValue == nil {
                throw TemplateError(location: TemplatePath.join(location, "Properties"), message: "must be an object")
            }
        }
    }
}
