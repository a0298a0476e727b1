import CortadoJSON

extension DeploymentPlan {
    /// Puts the text of a state machine's local `DefinitionUri` file (JSON or YAML ASL, read by the command) in
    /// place of the path: `DefinitionString`, with its `DefinitionSubstitutions` applied as SAM applies them.
    public mutating func inlineDefinition(of logicalId: String, text: String) throws(TemplateError) {
        let location = TemplatePath.join("Resources", logicalId)
        guard let index = resources.firstIndex(where: { $0.logicalId == logicalId }),
            resources[index].properties["DefinitionUri"] != nil
        else {
            throw TemplateError(location: location, message: "not a state machine with a local DefinitionUri")
        }
        let uriLocation = TemplatePath.join(location, "Properties/DefinitionUri")
        let definition: JSON
        do {
            definition = try Template.readValue(text)
        } catch {
            throw TemplateError(location: uriLocation, message: "the definition file: \(error.description)", line: error.line)
        }
        guard case .object = definition else {
            throw TemplateError(location: uriLocation, message: "the definition file must hold an object, not \(definition.typeName)")
        }
        var properties = resources[index].properties
        properties["DefinitionString"] = SAMTransform.definitionString(
            definition.text, substitutions: properties["DefinitionSubstitutions"]?.objectValue)
        properties["DefinitionUri"] = nil
        properties["DefinitionSubstitutions"] = nil
        resources[index].properties = properties
        resources[index].definition["Properties"] = .object(properties)
        localArtifacts.removeAll { $0.logicalId == logicalId && $0.property == "DefinitionUri" }
    }
}
