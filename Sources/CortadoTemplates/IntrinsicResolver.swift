import CortadoJSON

/// Resolves CloudFormation's intrinsic functions in a value, given the parameters (pseudo parameters included),
/// mappings, conditions and what the resources created so far returned.
///
/// `Ref` to `AWS::NoValue` removes the key or list item that holds it; errors name the location of the function.
public struct IntrinsicResolver: Sendable {
    public var parameters: [String: JSON]
    public var mappings: JSONObject
    public var conditions: [String: Bool]
    /// Each created resource's `Ref` value and its attributes for `Fn::GetAtt`, by logical id.
    public var resources: [String: (ref: JSON, attributes: [String: JSON])]
    /// What a resource not yet created is expected to answer (`Ref` when the attribute is nil), so a template can
    /// be checked before anything exists; nil for a name it does not know.
    public var predict: (@Sendable (_ resource: String, _ attribute: String?) -> JSON?)?

    public init(
        parameters: [String: JSON], mappings: JSONObject = JSONObject(), conditions: [String: Bool] = [:],
        resources: [String: (ref: JSON, attributes: [String: JSON])] = [:]
    ) {
        self.parameters = parameters
        self.mappings = mappings
        self.conditions = conditions
        self.resources = resources
    }

    /// The value with every intrinsic function replaced by its result (`null` if it is all `AWS::NoValue`).
    public func resolve(_ value: JSON, at location: String = "") throws(TemplateError) -> JSON {
        try resolveOrRemove(value, at: location) ?? .null
    }

    /// The resolved value, or nil where `AWS::NoValue` removes it.
    func resolveOrRemove(_ value: JSON, at location: String) throws(TemplateError) -> JSON? {
        switch value {
        case .array(let items):
            var resolved: [JSON] = []
            for (index, item) in items.enumerated() {
                if let value = try resolveOrRemove(item, at: TemplatePath.join(location, index)) { resolved.append(value) }
            }
            return .array(resolved)
        case .object(let object):
            if object.count == 1, Self.isFunction(object.keys[0]) {
                return try apply(object.keys[0], object.values[0], at: TemplatePath.join(location, object.keys[0]))
            }
            var resolved = JSONObject(minimumCapacity: object.count)
            for (key, member) in object {
                if let value = try resolveOrRemove(member, at: TemplatePath.join(location, key)) { resolved.append(key, value) }
            }
            return .object(resolved)
        default:
            return value
        }
    }

    static func isFunction(_ key: String) -> Bool { key == "Ref" || key.hasPrefix("Fn::") }

    /// The functions `resolve` evaluates; a plan refuses any other before anything is created.
    static let supportedFunctions: Set<String> = [
        "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::FindInMap", "Fn::Base64",
        "Fn::GetAZs", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not",
    ]

    static func unsupported(_ function: String, at location: String) -> TemplateError {
        if function == "Fn::ImportValue" {
            return TemplateError(location: location, message: "Fn::ImportValue is not supported: Cortado keeps no exports between stacks")
        }
        return TemplateError(location: location, message: "\(function) is not supported")
    }

    private func apply(_ function: String, _ argument: JSON, at location: String) throws(TemplateError) -> JSON? {
        switch function {
        case "Ref":
            guard case .string(let name) = argument else { throw TemplateError(location: location, message: "Ref takes a name") }
            if name == "AWS::NoValue" { return nil }
            return try reference(name, at: location)
        case "Fn::GetAtt":
            let (resource, attribute) = try getAttArguments(argument, at: location)
            return try attributeValue(resource, attribute, at: location)
        case "Fn::Sub":
            return .string(try substitute(argument, at: location))
        case "Fn::Join":
            guard case .array(let arguments) = argument, arguments.count == 2 else {
                throw TemplateError(location: location, message: "Fn::Join takes [delimiter, list]")
            }
            let delimiter = try text(resolve(arguments[0], at: TemplatePath.join(location, 0)), at: location)
            let list = try list(arguments[1], at: TemplatePath.join(location, 1))
            var parts: [String] = []
            for item in list { parts.append(try text(item, at: TemplatePath.join(location, 1))) }
            return .string(parts.joined(separator: delimiter))
        case "Fn::Select":
            guard case .array(let arguments) = argument, arguments.count == 2 else {
                throw TemplateError(location: location, message: "Fn::Select takes [index, list]")
            }
            let indexText = try text(resolve(arguments[0], at: TemplatePath.join(location, 0)), at: TemplatePath.join(location, 0))
            guard let index = Int(indexText) else {
                throw TemplateError(
                    location: TemplatePath.join(location, 0), message: "the index must be a whole number, not '\(indexText)'")
            }
            let list = try list(arguments[1], at: TemplatePath.join(location, 1))
            guard list.indices.contains(index) else {
                throw TemplateError(location: location, message: "index \(index) is outside a list of \(list.count)")
            }
            return list[index]
        case "Fn::Split":
            guard case .array(let arguments) = argument, arguments.count == 2 else {
                throw TemplateError(location: location, message: "Fn::Split takes [delimiter, string]")
            }
            let delimiter = try text(resolve(arguments[0], at: TemplatePath.join(location, 0)), at: TemplatePath.join(location, 0))
            let source = try text(resolve(arguments[1], at: TemplatePath.join(location, 1)), at: TemplatePath.join(location, 1))
            guard !delimiter.isEmpty else { throw TemplateError(location: location, message: "the delimiter must not be empty") }
            return .array(source.split(separator: delimiter, omittingEmptySubsequences: false).map { .string(String($0)) })
        case "Fn::If":
            guard case .array(let arguments) = argument, arguments.count == 3, case .string(let name) = arguments[0] else {
                throw TemplateError(location: location, message: "Fn::If takes [condition, value if true, value if false]")
            }
            guard let holds = conditions[name] else {
                throw TemplateError(location: location, message: "no condition named '\(name)'")
            }
            return try resolveOrRemove(arguments[holds ? 1 : 2], at: TemplatePath.join(location, holds ? 1 : 2))
        case "Fn::FindInMap":
            guard case .array(let arguments) = argument, arguments.count == 3 else {
                throw TemplateError(location: location, message: "Fn::FindInMap takes [map, top-level key, second-level key]")
            }
            var keys: [String] = []
            for (index, key) in arguments.enumerated() {
                keys.append(try text(resolve(key, at: TemplatePath.join(location, index)), at: TemplatePath.join(location, index)))
            }
            guard case .object(let map)? = mappings[keys[0]] else {
                throw TemplateError(location: location, message: "no mapping named '\(keys[0])'")
            }
            guard case .object(let top)? = map[keys[1]] else {
                throw TemplateError(location: location, message: "the mapping '\(keys[0])' has no key '\(keys[1])'")
            }
            guard let value = top[keys[2]] else {
                throw TemplateError(location: location, message: "the mapping '\(keys[0])' has no key '\(keys[1])/\(keys[2])'")
            }
            return value
        case "Fn::Base64":
            let plain = try text(resolve(argument, at: location), at: location)
            return .string(Base64.encode(Array(plain.utf8)))
        case "Fn::GetAZs":
            var region = try text(resolve(argument, at: location), at: location)
            if region.isEmpty, case .string(let current)? = parameters["AWS::Region"] { region = current }
            return .array(["a", "b", "c"].map { .string(region + $0) })
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
            return .bool(
                try evaluate(.object([function: argument]), at: location) { name throws(TemplateError) in
                    guard let holds = conditions[name] else {
                        throw TemplateError(location: location, message: "no condition named '\(name)'")
                    }
                    return holds
                })
        default:
            throw Self.unsupported(function, at: location)
        }
    }

    /// `Ref`'s value for a parameter, pseudo parameter or created resource.
    func reference(_ name: String, at location: String) throws(TemplateError) -> JSON {
        if let value = parameters[name] { return value }
        if let resource = resources[name] { return resource.ref }
        if let predicted = predict?(name, nil) { return predicted }
        throw TemplateError(location: location, message: "Ref to '\(name)', which is neither a parameter nor a created resource")
    }

    func attributeValue(_ resource: String, _ attribute: String, at location: String) throws(TemplateError) -> JSON {
        guard let created = resources[resource] else {
            if let predicted = predict?(resource, attribute) { return predicted }
            throw TemplateError(location: location, message: "Fn::GetAtt of '\(resource)', which is not a created resource")
        }
        guard let value = created.attributes[attribute] else {
            throw TemplateError(location: location, message: "'\(resource)' has no attribute '\(attribute)'")
        }
        return value
    }

    func getAttArguments(_ argument: JSON, at location: String) throws(TemplateError) -> (String, String) {
        switch argument {
        case .string(let dotted):
            if let dot = dotted.firstIndex(of: ".") {
                return (String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
            }
        case .array(let parts) where parts.count == 2:
            if case .string(let resource) = parts[0] {
                let attribute = try text(resolve(parts[1], at: TemplatePath.join(location, 1)), at: TemplatePath.join(location, 1))
                return (resource, attribute)
            }
        default: break
        }
        throw TemplateError(location: location, message: "Fn::GetAtt takes [resource, attribute] or 'Resource.Attribute'")
    }

    /// A value resolved to a list (a literal list, or a function giving one).
    func list(_ value: JSON, at location: String) throws(TemplateError) -> [JSON] {
        guard case .array(let items) = try resolve(value, at: location) else {
            throw TemplateError(location: location, message: "must be a list")
        }
        return items
    }

    /// A resolved scalar as the text functions such as `Fn::Join` and `Fn::Sub` put in a string.
    func text(_ value: JSON, at location: String) throws(TemplateError) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return TemplateParameter.format(d)
        case .bool(let b): return b ? "true" : "false"
        default: throw TemplateError(location: location, message: "must be a string, not \(value.typeName)")
        }
    }

    /// A condition's truth: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `{"Condition": name}` (looked up
    /// through `condition`) or a literal boolean.
    func evaluate(
        _ expression: JSON, at location: String, condition: (String) throws(TemplateError) -> Bool
    ) throws(TemplateError) -> Bool {
        switch expression {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        case .object(let object) where object.count == 1:
            let argument = object.values[0]
            let at = TemplatePath.join(location, object.keys[0])
            switch object.keys[0] {
            case "Condition":
                guard case .string(let name) = argument else { throw TemplateError(location: at, message: "Condition takes a name") }
                return try condition(name)
            case "Fn::Equals":
                guard case .array(let operands) = argument, operands.count == 2 else {
                    throw TemplateError(location: at, message: "Fn::Equals takes two values")
                }
                let left = try resolve(operands[0], at: TemplatePath.join(at, 0))
                let right = try resolve(operands[1], at: TemplatePath.join(at, 1))
                if left == right { return true }
                // CloudFormation compares a number parameter's text with a literal number as text.
                let l = try? text(left, at: at)
                let r = try? text(right, at: at)
                return l != nil && l == r
            case "Fn::And", "Fn::Or":
                guard case .array(let operands) = argument, (2...10).contains(operands.count) else {
                    throw TemplateError(location: at, message: "\(object.keys[0]) takes 2 to 10 conditions")
                }
                var results: [Bool] = []
                for (index, operand) in operands.enumerated() {
                    results.append(try evaluate(operand, at: TemplatePath.join(at, index), condition: condition))
                }
                return object.keys[0] == "Fn::And" ? !results.contains(false) : results.contains(true)
            case "Fn::Not":
                guard case .array(let operands) = argument, operands.count == 1 else {
                    throw TemplateError(location: at, message: "Fn::Not takes a list of one condition")
                }
                return try !evaluate(operands[0], at: TemplatePath.join(at, 0), condition: condition)
            default:
                break
            }
        default:
            break
        }
        throw TemplateError(location: location, message: "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition")
    }
}
