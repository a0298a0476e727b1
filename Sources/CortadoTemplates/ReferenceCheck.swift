import CortadoJSON

/// Finds what a value references (`Ref`, `Fn::GetAtt`, `Fn::Sub` variables, `DependsOn`) and reports a name
/// that is neither a parameter nor a resource where it is written.
struct ReferenceCheck {
    let parameters: [String: JSON]
    /// The resources whose condition holds.
    let resources: JSONObject
    /// Every resource, to tell a missing name from one whose condition is false.
    let all: JSONObject
    let conditions: [String: Bool]

    func collect(_ value: JSON, at location: String, into found: inout [String]) throws(TemplateError) {
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() { try collect(item, at: TemplatePath.join(location, index), into: &found) }
        case .object(let object):
            if object.count == 1, IntrinsicResolver.isFunction(object.keys[0]) {
                try function(object.keys[0], object.values[0], at: location, into: &found)
            } else {
                for (key, member) in object { try collect(member, at: TemplatePath.join(location, key), into: &found) }
            }
        default:
            break
        }
    }

    /// Errors name the location holding the function (`Resources/A/Properties/X`), as a user reads it.
    private func function(_ name: String, _ argument: JSON, at location: String, into found: inout [String]) throws(TemplateError) {
        let inner = TemplatePath.join(location, name)
        guard IntrinsicResolver.supportedFunctions.contains(name) else { throw IntrinsicResolver.unsupported(name, at: inner) }
        switch name {
        case "Ref":
            guard case .string(let target) = argument else { throw TemplateError(location: location, message: "Ref takes a name") }
            if target == "AWS::NoValue" || parameters[target] != nil { return }
            try resource(target, at: location, by: "Ref", into: &found)
        case "Fn::GetAtt":
            switch argument {
            case .string(let dotted) where dotted.contains("."):
                try resource(String(dotted.prefix { $0 != "." }), at: location, by: "Fn::GetAtt", into: &found)
            case .array(let parts) where parts.count == 2:
                guard case .string(let target) = parts[0] else {
                    throw TemplateError(location: location, message: "Fn::GetAtt takes [resource, attribute]")
                }
                try resource(target, at: location, by: "Fn::GetAtt", into: &found)
                try collect(parts[1], at: TemplatePath.join(inner, 1), into: &found)
            default:
                throw TemplateError(location: location, message: "Fn::GetAtt takes [resource, attribute] or 'Resource.Attribute'")
            }
        case "Fn::Sub":
            let text: String
            var defined: Set<String> = []
            switch argument {
            case .string(let s):
                text = s
            case .array(let parts) where parts.count == 2 && parts[0].stringValue != nil && parts[1].objectValue != nil:
                text = parts[0].stringValue!
                defined = Set(parts[1].objectValue!.keys)
                try collect(parts[1], at: TemplatePath.join(inner, 1), into: &found)
            default:
                throw TemplateError(location: location, message: "Fn::Sub takes a string or [string, {name: value}]")
            }
            for variable in SubTemplate.references(in: text, excluding: defined) where parameters[variable] == nil {
                let target = variable.contains(".") ? String(variable.prefix { $0 != "." }) : variable
                try resource(target, at: location, by: "Fn::Sub ${\(variable)}", into: &found)
            }
        case "Fn::If":
            guard case .array(let arguments) = argument, arguments.count == 3, case .string(let condition) = arguments[0] else {
                throw TemplateError(location: location, message: "Fn::If takes [condition, value if true, value if false]")
            }
            guard let holds = conditions[condition] else {
                throw TemplateError(location: TemplatePath.join(inner, 0), message: "no condition named '\(condition)'")
            }
            // Only the branch taken is deployed, so only its references must exist.
            try collect(arguments[holds ? 1 : 2], at: TemplatePath.join(inner, holds ? 1 : 2), into: &found)
        default:
            try collect(argument, at: inner, into: &found)
        }
    }

    private func resource(_ target: String, at location: String, by use: String, into found: inout [String]) throws(TemplateError) {
        if resources[target] != nil {
            found.append(target)
            return
        }
        if case .string(let condition)? = all[target]?["Condition"] {
            throw TemplateError(
                location: location, message: "\(use) to '\(target)', which is not created: its condition '\(condition)' is false")
        }
        let kind =
            use == "Ref" || use.hasPrefix("Fn::Sub ${") && !use.contains(".") ? "neither a parameter nor a resource" : "not a resource"
        throw TemplateError(location: location, message: "\(use) to '\(target)', which is \(kind)")
    }

    func collectDependsOn(_ value: JSON?, at location: String, into found: inout [String]) throws(TemplateError) {
        let names: [JSON]
        switch value {
        case nil: return
        case .string?: names = [value!]
        case .array(let items)?: names = items
        case let other?:
            throw TemplateError(location: location, message: "must be a resource name or a list of them, not \(other.typeName)")
        }
        for (index, name) in names.enumerated() {
            let at = value?.arrayValue == nil ? location : TemplatePath.join(location, index)
            guard case .string(let target) = name else { throw TemplateError(location: at, message: "must name a resource") }
            try resource(target, at: at, by: "DependsOn", into: &found)
        }
    }
}
