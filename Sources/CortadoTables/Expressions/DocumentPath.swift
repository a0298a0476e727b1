/// A path into an item: an attribute name, then map keys (`.b`) and list indexes (`[2]`), with every
/// `#name` placeholder already replaced.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    public enum Element: Sendable, Hashable {
        case name(String)
        case index(Int)
    }

    public var elements: [Element]

    public init(_ elements: [Element]) {
        self.elements = elements
    }

    /// The top-level attribute the path starts at.
    public var attributeName: String {
        if case .name(let name) = elements[0] { return name }
        return ""
    }

    /// As AWS prints paths in its messages: `[a, b, [2]]`.
    public var description: String {
        let parts = elements.map { element in
            switch element {
            case .name(let name): name
            case .index(let index): "[\(index)]"
            }
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
