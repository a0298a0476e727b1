/// `JSON` is stored as its JSON text: exact (member order, integers and decimals kept) whatever
/// encoder carries it, where a keyed container might reorder members.
extension JSON: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try JSON(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}
