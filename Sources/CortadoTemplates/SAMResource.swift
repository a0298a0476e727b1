import CortadoJSON

/// A serverless resource being expanded: its id, its members and its properties with `Globals` merged in.
struct SAMResource {
    var id: String
    var members: JSONObject
    var properties: JSONObject
    var location: String

    func property(_ name: String) -> String { TemplatePath.join(location, "Properties/\(name)") }
}
