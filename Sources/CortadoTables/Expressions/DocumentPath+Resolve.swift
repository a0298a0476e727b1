/// Reading and writing an item at a document path.
extension DocumentPath {
    /// The value at the path, or nil when any part of it is missing or of another type.
    public func resolve(in item: Item?) -> AttributeValue? {
        guard let item, case .name(let first) = elements[0], var value = item[first] else { return nil }
        for element in elements.dropFirst() {
            switch (element, value) {
            case (.name(let key), .map(let map)):
                guard let child = map[key] else { return nil }
                value = child
            case (.index(let index), .list(let list)):
                guard index < list.count else { return nil }
                value = list[index]
            default:
                return nil
            }
        }
        return value
    }

    static let invalidForUpdate = TableError.validation("The document path provided in the update expression is invalid for update")

    /// Sets the value at the path. The parent must exist; an index past a list's end appends.
    func assign(_ value: AttributeValue, in item: inout Item) throws(TableError) {
        let root = try Self.assigning(value, at: elements[...], into: .map(item))
        if case .map(let map) = root { item = map }
    }

    /// Removes the value at the path; a missing value is no error.
    func remove(from item: inout Item) throws(TableError) {
        let root = try Self.removing(at: elements[...], from: .map(item))
        if case .map(let map) = root { item = map }
    }

    private static func assigning(
        _ new: AttributeValue, at elements: ArraySlice<Element>, into value: AttributeValue
    ) throws(TableError) -> AttributeValue {
        let rest = elements.dropFirst()
        switch (elements.first!, value) {
        case (.name(let key), .map(var map)):
            if rest.isEmpty {
                map[key] = new
            } else {
                guard let child = map[key] else { throw invalidForUpdate }
                map[key] = try assigning(new, at: rest, into: child)
            }
            return .map(map)
        case (.index(let index), .list(var list)):
            if rest.isEmpty {
                if index < list.count { list[index] = new } else { list.append(new) }
            } else {
                guard index < list.count else { throw invalidForUpdate }
                list[index] = try assigning(new, at: rest, into: list[index])
            }
            return .list(list)
        default:
            throw invalidForUpdate
        }
    }

    private static func removing(at elements: ArraySlice<Element>, from value: AttributeValue) throws(TableError) -> AttributeValue {
        let rest = elements.dropFirst()
        switch (elements.first!, value) {
        case (.name(let key), .map(var map)):
            if rest.isEmpty {
                map[key] = nil
            } else if let child = map[key] {
                map[key] = try removing(at: rest, from: child)
            }
            return .map(map)
        case (.index(let index), .list(var list)):
            if index < list.count {
                if rest.isEmpty {
                    list.remove(at: index)
                } else {
                    list[index] = try removing(at: rest, from: list[index])
                }
            }
            return .list(list)
        default:
            throw invalidForUpdate
        }
    }
}

extension DocumentPath {
    /// The first pair of paths that overlap (one is a prefix of the other) or conflict (one indexes a
    /// list where the other names a map key), as AWS reports it; nil when all are disjoint.
    static func overlapMessage(_ paths: [DocumentPath]) -> String? {
        for j in paths.indices {
            for i in 0..<j {
                let (a, b) = (paths[i], paths[j])
                let common = min(a.elements.count, b.elements.count)
                var k = 0
                while k < common && a.elements[k] == b.elements[k] { k += 1 }
                if k == common {
                    return
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)"
                }
                switch (a.elements[k], b.elements[k]) {
                case (.name, .index), (.index, .name):
                    return
                        "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)"
                default:
                    continue
                }
            }
        }
        return nil
    }

    /// Orders paths so that, within one list, higher indexes come first (removing them keeps the lower
    /// indexes pointing where the expression meant).
    static func descending(_ a: DocumentPath, _ b: DocumentPath) -> Bool {
        for (x, y) in zip(a.elements, b.elements) where x != y {
            switch (x, y) {
            case (.index(let i), .index(let j)): return i > j
            case (.name(let m), .name(let n)): return m > n
            case (.index, .name): return true
            case (.name, .index): return false
            }
        }
        return a.elements.count > b.elements.count
    }
}
