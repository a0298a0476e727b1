/// Joins the keys and indexes of a location such as `Resources/OrderTable/Properties/TableName`.
enum TemplatePath {
    static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "/" + key }
    static func join(_ base: String, _ index: Int) -> String { join(base, String(index)) }
}
