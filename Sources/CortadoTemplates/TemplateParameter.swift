import CortadoJSON

/// A declared parameter, read once: its type, default and constraints.
public struct TemplateParameter: Sendable, Hashable {
    /// The parameter types Cortado accepts.
    public enum Kind: Sendable, Hashable {
        case string
        case number
        case commaDelimitedList
        case numberList
    }

    public var name: String
    public var kind: Kind
    /// The type as written (`AWS::SSM::Parameter::Value<String>` is read as a String).
    public var typeName: String
    public var defaultValue: String?
    public var allowedValues: [String]?
    public var allowedPattern: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Double?
    public var maxValue: Double?
    public var noEcho: Bool
    public var constraintDescription: String?

    init(name: String, declaration: JSON) throws(TemplateError) {
        let location = TemplatePath.join("Parameters", name)
        guard case .object(let members) = declaration else {
            throw TemplateError(location: location, message: "a parameter must be an object")
        }
        guard case .string(let type)? = members["Type"] else {
            throw TemplateError(location: TemplatePath.join(location, "Type"), message: "a parameter needs a Type string")
        }
        self.name = name
        typeName = type
        switch type {
        case "String", "AWS::SSM::Parameter::Value<String>": kind = .string
        case "Number": kind = .number
        case "CommaDelimitedList", "AWS::SSM::Parameter::Value<List<String>>": kind = .commaDelimitedList
        case "List<Number>": kind = .numberList
        default:
            if type.hasPrefix("AWS::") && !type.hasPrefix("List<") {
                // AWS-specific types (AWS::EC2::KeyPair::KeyName, …) are strings Cortado cannot check.
                kind = .string
            } else if type.hasPrefix("List<") {
                kind = .commaDelimitedList
            } else {
                throw TemplateError(location: TemplatePath.join(location, "Type"), message: "unknown parameter type '\(type)'")
            }
        }
        func text(_ key: String) throws(TemplateError) -> String? {
            switch members[key] {
            case nil: return nil
            case .string(let s)?: return s
            case .int(let i)?: return String(i)
            case .double(let d)?: return Self.format(d)
            case .bool(let b)?: return b ? "true" : "false"
            case let other?:
                throw TemplateError(location: TemplatePath.join(location, key), message: "must be a string, not \(other.typeName)")
            }
        }
        func number(_ key: String) throws(TemplateError) -> Double? {
            guard let value = try text(key) else { return nil }
            guard let number = Double(value) else {
                throw TemplateError(location: TemplatePath.join(location, key), message: "must be a number, not '\(value)'")
            }
            return number
        }
        switch members["Default"] {
        case .array(let items)?:
            var parts: [String] = []
            for item in items {
                switch item {
                case .string(let s): parts.append(s)
                case .int(let i): parts.append(String(i))
                case .double(let d): parts.append(Self.format(d))
                default: throw TemplateError(location: TemplatePath.join(location, "Default"), message: "a list default holds strings")
                }
            }
            defaultValue = parts.joined(separator: ",")
        default:
            defaultValue = try text("Default")
        }
        if let allowed = members["AllowedValues"] {
            guard case .array(let items) = allowed else {
                throw TemplateError(location: TemplatePath.join(location, "AllowedValues"), message: "must be a list")
            }
            var values: [String] = []
            for item in items {
                switch item {
                case .string(let s): values.append(s)
                case .int(let i): values.append(String(i))
                case .double(let d): values.append(Self.format(d))
                case .bool(let b): values.append(b ? "true" : "false")
                default:
                    throw TemplateError(
                        location: TemplatePath.join(location, "AllowedValues"), message: "holds strings, not \(item.typeName)")
                }
            }
            allowedValues = values
        }
        allowedPattern = try text("AllowedPattern")
        if let pattern = allowedPattern, (try? Regex(pattern)) == nil {
            throw TemplateError(
                location: TemplatePath.join(location, "AllowedPattern"), message: "'\(pattern)' is not a regular expression")
        }
        minLength = try number("MinLength").map { Int($0) }
        maxLength = try number("MaxLength").map { Int($0) }
        minValue = try number("MinValue")
        maxValue = try number("MaxValue")
        noEcho = members["NoEcho"] == .bool(true) || members["NoEcho"] == .string("true")
        constraintDescription = try text("ConstraintDescription")
        if let defaultValue {
            _ = try value(for: defaultValue, at: TemplatePath.join(location, "Default"))
        }
    }

    /// The value `Ref` gives for the text of an override or default, checked against the constraints: a string for
    /// String and Number (CloudFormation's `Ref` to a Number gives its text), a list of strings for the list types.
    func value(for text: String, at location: String) throws(TemplateError) -> JSON {
        func fail(_ problem: String) -> TemplateError {
            let hint = constraintDescription.map { " (\($0))" } ?? ""
            return TemplateError(location: location, message: "parameter '\(name)' \(problem)\(hint)")
        }
        switch kind {
        case .string, .number:
            try check(text, fail)
            if kind == .number {
                guard let number = Double(text.trimmingSpaces) else { throw fail("must be a number, not '\(text)'") }
                if let minValue, number < minValue { throw fail("must be at least \(Self.format(minValue)), not \(text)") }
                if let maxValue, number > maxValue { throw fail("must be at most \(Self.format(maxValue)), not \(text)") }
            }
            return .string(text)
        case .commaDelimitedList, .numberList:
            let items = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            for item in items {
                try check(item, fail)
                if kind == .numberList {
                    guard let number = Double(item) else { throw fail("must be a list of numbers, but holds '\(item)'") }
                    if let minValue, number < minValue { throw fail("must be at least \(Self.format(minValue)), not \(item)") }
                    if let maxValue, number > maxValue { throw fail("must be at most \(Self.format(maxValue)), not \(item)") }
                }
            }
            return .array(items.map(JSON.string))
        }
    }

    private func check(_ text: String, _ fail: (String) -> TemplateError) throws(TemplateError) {
        if let allowedValues, !allowedValues.contains(text) {
            throw fail("must be one of \(allowedValues.map { "'\($0)'" }.joined(separator: ", ")), not '\(text)'")
        }
        if let allowedPattern, let regex = try? Regex(allowedPattern), (try? regex.wholeMatch(in: text)) == nil {
            throw fail("must match the pattern \(allowedPattern), but '\(text)' does not")
        }
        if let minLength, text.count < minLength { throw fail("must be at least \(minLength) characters long") }
        if let maxLength, text.count > maxLength { throw fail("must be at most \(maxLength) characters long") }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
