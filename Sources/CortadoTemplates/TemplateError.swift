/// A problem in a template, located by a path such as `Resources/OrderTable/Properties/TableName`.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: a JSON-pointer-like path of keys and indexes, empty for the whole template.
    public var location: String
    /// What is wrong, in words.
    public var message: String
    /// The 1-based line in YAML or JSON text, when the problem was found while parsing.
    public var line: Int?

    public init(location: String, message: String, line: Int? = nil) {
        self.location = location
        self.message = message
        self.line = line
    }

    public var description: String {
        let place = location.isEmpty ? "" : "\(location): "
        let at = line.map { " (line \($0))" } ?? ""
        return place + message + at
    }
}
