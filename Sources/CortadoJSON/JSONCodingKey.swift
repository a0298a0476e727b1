/// The coding keys the value encoder and decoder make themselves: array positions (named `Index 3` in coding
/// paths, as Foundation names them) and `super`.
///
/// An enum of a string or an integer, so that it fits an existential's inline buffer: pushing one on a
/// coding path allocates nothing.
enum JSONCodingKey: CodingKey {
    case index(Int)
    case name(String)

    init(stringValue: String) { self = .name(stringValue) }
    init(intValue: Int) { self = .index(intValue) }

    var stringValue: String {
        switch self {
        case .index(let i): "Index \(i)"
        case .name(let name): name
        }
    }

    var intValue: Int? {
        if case .index(let i) = self { i } else { nil }
    }

    static let `super` = JSONCodingKey.name("super")
}
