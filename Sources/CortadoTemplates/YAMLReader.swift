import CortadoJSON
import Yams

/// Turns YAML text into the JSON value CloudFormation would read: short-form tags (`!Ref`, `!GetAtt`, `!Sub`, …)
/// become their long forms, plain scalars keep their types and quoted scalars stay strings.
enum YAMLReader {
    /// The short-form tags and the long-form keys they stand for.
    static let intrinsicTags: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
        "!If": "Fn::If", "!Select": "Fn::Select", "!Split": "Fn::Split", "!Equals": "Fn::Equals", "!And": "Fn::And",
        "!Or": "Fn::Or", "!Not": "Fn::Not", "!FindInMap": "Fn::FindInMap", "!Base64": "Fn::Base64",
        "!GetAZs": "Fn::GetAZs", "!ImportValue": "Fn::ImportValue", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
        "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
    ]

    static func read(_ text: String) throws(TemplateError) -> JSON {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw templateError(error, in: text)
        } catch {
            throw TemplateError(location: "", message: "YAML could not be read: \(error)")
        }
        guard let root else { return .object(JSONObject()) }
        return try value(root, at: "")
    }

    /// CortadoJSON's parser keeps the last of repeated keys; a template must not repeat one. JSON is YAML, so
    /// Yams finds them (any other complaint of Yams about the JSON text is left to the JSON parser, which
    /// accepted it); the location is the first object of `value` that has the key.
    static func checkDuplicateKeys(inJSON text: String, value: JSON) throws(TemplateError) {
        do {
            _ = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let location = duplicates.first.flatMap { firstObject(having: $0, in: value, at: "") } ?? ""
            throw TemplateError(location: location, message: "duplicate key \(keys)", line: context.mark.line)
        } catch {
            return
        }
    }

    private static func firstObject(having key: String, in value: JSON, at location: String) -> String? {
        switch value {
        case .object(let object):
            if object[key] != nil { return location }
            for (name, member) in object {
                if let found = firstObject(having: key, in: member, at: TemplatePath.join(location, name)) { return found }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstObject(having: key, in: item, at: TemplatePath.join(location, index)) { return found }
            }
        default:
            break
        }
        return nil
    }

    private static func templateError(_ error: YamlError, in text: String) -> TemplateError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            let location = YAMLLocator.components(atLine: mark.line, in: text).joined(separator: "/")
            return TemplateError(location: location, message: "YAML syntax error: \(problem)", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The line is the key's first occurrence; the location is the mapping that holds it twice.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let location = YAMLLocator.components(atLine: context.mark.line, in: text).dropLast().joined(separator: "/")
            return TemplateError(location: location, message: "duplicate key \(keys)", line: context.mark.line)
        case .reader(let problem, _, _, _):
            return TemplateError(location: "", message: "YAML could not be read: \(problem)")
        default:
            return TemplateError(location: "", message: "YAML could not be read: \(error)")
        }
    }

    private static func value(_ node: Node, at location: String) throws(TemplateError) -> JSON {
        let tag = explicitTag(node)
        if let tag, !tag.hasPrefix("tag:yaml.org,2002:") {
            guard let key = intrinsicTags[tag] else {
                throw TemplateError(location: location, message: "unknown tag '\(tag)'", line: node.mark?.line)
            }
            // A tagged scalar is the function's text argument (`!Ref 0123`, `!Base64 42`), never a number.
            let inner = if case .scalar(let scalar) = node { JSON.string(scalar.string) } else { try untagged(node, at: location) }
            if tag == "!GetAtt", case .string(let dotted) = inner {
                guard let dot = dotted.firstIndex(of: ".") else {
                    throw TemplateError(
                        location: location, message: "!GetAtt '\(dotted)' needs the form Resource.Attribute", line: node.mark?.line)
                }
                let name = String(dotted[..<dot])
                let attribute = String(dotted[dotted.index(after: dot)...])
                return .object([key: .array([.string(name), .string(attribute)])])
            }
            return .object([key: inner])
        }
        return try untagged(node, at: location)
    }

    /// The node's tag when the text gave one (`!Ref`, `!!str`), nil for an untagged node.
    private static func explicitTag(_ node: Node) -> String? {
        let raw: String
        switch node {
        case .scalar(let scalar): raw = scalar.tag.description
        case .mapping(let mapping): raw = mapping.tag.description
        case .sequence(let sequence): raw = sequence.tag.description
        case .alias: return nil
        }
        return raw.isEmpty || raw == "!" ? nil : raw
    }

    private static func untagged(_ node: Node, at location: String) throws(TemplateError) -> JSON {
        switch node {
        case .scalar(let scalar):
            return self.scalar(scalar)
        case .sequence(let sequence):
            var items: [JSON] = []
            for (index, item) in sequence.enumerated() {
                items.append(try value(item, at: TemplatePath.join(location, index)))
            }
            return .array(items)
        case .mapping(let mapping):
            var object = JSONObject()
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw TemplateError(location: location, message: "a mapping key must be a plain string", line: keyNode.mark?.line)
                }
                let key = keyScalar.string
                if key == "<<" && keyScalar.style == .plain {
                    throw TemplateError(location: location, message: "YAML merge keys ('<<') are not supported", line: keyNode.mark?.line)
                }
                object.append(key, try value(valueNode, at: TemplatePath.join(location, key)))
            }
            return .object(object)
        case .alias:
            throw TemplateError(location: location, message: "YAML aliases are not supported", line: node.mark?.line)
        }
    }

    /// A scalar's JSON value: quoted or `!!str` text stays a string; plain text is read as YAML 1.2's core schema
    /// reads it (null, true/false, integers, floats), except that digits with a leading zero stay a string, so an
    /// account id such as `012345678901` keeps its zero.
    private static func scalar(_ scalar: Node.Scalar) -> JSON {
        let text = scalar.string
        let tag = scalar.tag.description
        if scalar.style != .plain || tag == "tag:yaml.org,2002:str" || tag == "!" { return .string(text) }
        switch tag {
        case "tag:yaml.org,2002:int": return Int(text).map(JSON.int) ?? .string(text)
        case "tag:yaml.org,2002:float": return Double(text).map(JSON.double) ?? .string(text)
        case "tag:yaml.org,2002:bool": return ["true", "True", "TRUE"].contains(text) ? .bool(true) : .bool(false)
        case "tag:yaml.org,2002:null": return .null
        default: break
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if isInteger(text) {
            let digits = text.first == "+" ? String(text.dropFirst()) : text
            let unsigned = digits.first == "-" ? digits.dropFirst() : Substring(digits)
            if unsigned.count > 1 && unsigned.first == "0" { return .string(text) }
            if let int = Int(digits) { return .int(int) }
            return Double(digits).map(JSON.double) ?? .string(text)
        }
        if isFloat(text), let double = Double(text) { return .double(double) }
        return .string(text)
    }

    private static func isInteger(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, YAML 1.2's core float without `.inf` and `.nan`.
    private static func isFloat(_ text: String) -> Bool {
        var chars = Array(text.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = chars.first, c >= 0x30 && c <= 0x39 {
                chars = chars.dropFirst()
                n += 1
            }
            return n
        }
        if chars.first == 0x2D || chars.first == 0x2B { chars = chars.dropFirst() }
        let whole = digits()
        var fraction = 0
        if chars.first == 0x2E {
            chars = chars.dropFirst()
            fraction = digits()
        }
        guard whole + fraction > 0 else { return false }
        if chars.first == 0x65 || chars.first == 0x45 {
            chars = chars.dropFirst()
            if chars.first == 0x2D || chars.first == 0x2B { chars = chars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return chars.isEmpty
    }
}
