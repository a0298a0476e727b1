/// A parsed ProjectionExpression: the attributes (or parts of them) a read returns.
public struct ProjectionExpression: Sendable {
    public let paths: [DocumentPath]

    /// A projection of given paths (an update's, for `ReturnValues` UPDATED_OLD and UPDATED_NEW).
    public init(paths: [DocumentPath]) {
        self.paths = paths
    }

    public static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(TableError) -> ProjectionExpression {
        var parser = try ExpressionParser(text, parameterName: "ProjectionExpression", keywords: [], attributes: attributes)
        var paths = [try parser.parsePath()]
        while parser.at(symbol: ",") {
            parser.advance()
            paths.append(try parser.parsePath())
        }
        try parser.expectEnd()
        if let message = DocumentPath.overlapMessage(paths) { throw parser.error(message) }
        attributes = parser.attributes
        return ProjectionExpression(paths: paths)
    }

    /// The top-level attributes the projection reads.
    public var topLevelNames: Set<String> { Set(paths.map(\.attributeName)) }

    /// The item cut down to the projected paths: nested maps keep only the projected keys, lists only the
    /// projected elements (in index order); paths the item lacks are left out.
    public func project(_ item: Item) -> Item {
        var root = Node.map([:])
        for path in paths {
            guard let value = path.resolve(in: item) else { continue }
            root.insert(value, at: path.elements[...])
        }
        guard case .map(let members) = root else { return [:] }
        return members.mapValues(\.value)
    }

    /// The projected part of an item, before lists are compacted.
    private enum Node {
        case leaf(AttributeValue)
        case map([String: Node])
        case list([Int: Node])

        mutating func insert(_ value: AttributeValue, at elements: ArraySlice<DocumentPath.Element>) {
            guard let first = elements.first else {
                self = .leaf(value)
                return
            }
            let rest = elements.dropFirst()
            switch (first, self) {
            case (.name(let key), .map(var members)):
                var child = members[key] ?? Self.empty(for: rest.first)
                child.insert(value, at: rest)
                members[key] = child
                self = .map(members)
            case (.index(let index), .list(var members)):
                var child = members[index] ?? Self.empty(for: rest.first)
                child.insert(value, at: rest)
                members[index] = child
                self = .list(members)
            default:
                break
            }
        }

        static func empty(for element: DocumentPath.Element?) -> Node {
            switch element {
            case .index?: .list([:])
            default: .map([:])
            }
        }

        var value: AttributeValue {
            switch self {
            case .leaf(let v): v
            case .map(let members): .map(members.mapValues(\.value))
            case .list(let members): .list(members.keys.sorted().map { members[$0]!.value })
            }
        }
    }
}
