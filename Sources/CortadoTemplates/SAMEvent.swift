import CortadoJSON

/// One entry of a serverless resource's `Events`.
struct SAMEvent {
    var name: String
    var type: String
    var properties: JSONObject
    var location: String

    func property(_ name: String) -> String { TemplatePath.join(location, "Properties/\(name)") }

    static func all(of source: SAMResource) throws(TemplateError) -> [SAMEvent] {
        guard let events = source.properties["Events"] else { return [] }
        let location = source.property("Events")
        guard case .object(let entries) = events else { throw TemplateError(location: location, message: "must be an object") }
        var result: [SAMEvent] = []
        for (name, entry) in entries {
            let at = TemplatePath.join(location, name)
            guard case .object(let members) = entry else { throw TemplateError(location: at, message: "an event must be an object") }
            guard case .string(let type)? = members["Type"] else {
                throw TemplateError(location: TemplatePath.join(at, "Type"), message: "an event needs a Type string")
            }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw TemplateError(location: at, message: "an event name must be alphanumeric")
            }
            let properties: JSONObject
            switch members["Properties"] {
            case nil: properties = JSONObject()
            case .object(let object)?: properties = object
            case let other?:
                throw TemplateError(location: TemplatePath.join(at, "Properties"), message: "must be an object, not \(other.typeName)")
            }
            result.append(SAMEvent(name: name, type: type, properties: properties, location: at))
        }
        return result
    }
}
