import CortadoJSON

extension IntrinsicResolver {
    /// `Fn::Sub` in both forms: `"text ${Name} ${Resource.Attribute} ${!Literal}"` and `[text, {Name: value}]`.
    func substitute(_ argument: JSON, at location: String) throws(TemplateError) -> String {
        let source: String
        var variables: [String: String] = [:]
        switch argument {
        case .string(let written):
            source = written
        case .array(let parts) where parts.count == 2:
            guard case .string(let written) = parts[0], case .object(let map) = parts[1] else {
                throw TemplateError(location: location, message: "Fn::Sub takes a string or [string, {name: value}]")
            }
            source = written
            for (name, value) in map {
                let at = TemplatePath.join(TemplatePath.join(location, 1), name)
                variables[name] = try text(resolve(value, at: at), at: at)
            }
        default:
            throw TemplateError(location: location, message: "Fn::Sub takes a string or [string, {name: value}]")
        }
        var result = ""
        for piece in SubTemplate.pieces(of: source) {
            switch piece {
            case .text(let literal):
                result += literal
            case .variable(let name):
                if let value = variables[name] {
                    result += value
                } else if let dot = name.firstIndex(of: "."), parameters[name] == nil {
                    let resource = String(name[..<dot])
                    let attribute = String(name[name.index(after: dot)...])
                    result += try text(attributeValue(resource, attribute, at: location), at: location)
                } else {
                    result += try text(reference(name, at: location), at: location)
                }
            }
        }
        return result
    }
}
