/// Applying an update as DynamoDB does: every SET value is computed from the item as it was before the
/// update, then SET, REMOVE, ADD and DELETE take effect.
extension UpdateExpression {
    static let incorrectType = TableError.validation("An operand in the update expression has an incorrect data type")
    static let missingAttribute = TableError.validation("The provided expression refers to an attribute that does not exist in the item")

    public func apply(to item: Item) throws(TableError) -> Item {
        var values: [AttributeValue] = []
        for case .set(_, let operand) in actions { values.append(try Self.value(of: operand, in: item)) }
        var result = item
        var nextValue = 0
        var removals: [DocumentPath] = []
        for action in actions {
            switch action {
            case .set(let path, _):
                try path.assign(values[nextValue], in: &result)
                nextValue += 1
            case .remove(let path):
                removals.append(path)
            case .add(let path, let value):
                switch (path.resolve(in: result), value) {
                case (nil, _): try path.assign(value, in: &result)
                case (.number(let a)?, .number(let b)): try path.assign(.number(try a + b), in: &result)
                case (.stringSet(let a)?, .stringSet(let b)): try path.assign(.stringSet(Self.union(a, b)), in: &result)
                case (.numberSet(let a)?, .numberSet(let b)): try path.assign(.numberSet(Self.union(a, b)), in: &result)
                case (.binarySet(let a)?, .binarySet(let b)): try path.assign(.binarySet(Self.union(a, b)), in: &result)
                default: throw Self.incorrectType
                }
            case .delete(let path, let value):
                let remaining: AttributeValue?
                switch (path.resolve(in: result), value) {
                case (nil, _): continue
                case (.stringSet(let a)?, .stringSet(let b)): remaining = Self.minus(a, b).map { .stringSet($0) }
                case (.numberSet(let a)?, .numberSet(let b)): remaining = Self.minus(a, b).map { .numberSet($0) }
                case (.binarySet(let a)?, .binarySet(let b)): remaining = Self.minus(a, b).map { .binarySet($0) }
                default: throw Self.incorrectType
                }
                if let remaining { try path.assign(remaining, in: &result) } else { try path.remove(from: &result) }
            }
        }
        for path in removals.sorted(by: DocumentPath.descending) { try path.remove(from: &result) }
        return result
    }

    private static func value(of operand: Operand, in item: Item) throws(TableError) -> AttributeValue {
        switch operand {
        case .value(let value): return value
        case .path(let path):
            guard let value = path.resolve(in: item) else { throw missingAttribute }
            return value
        case .size(let path):
            guard let value = path.resolve(in: item), let size = value.elementCount else { throw missingAttribute }
            return .number(DynamoNumber(size))
        case .ifNotExists(let path, let fallback):
            if let value = path.resolve(in: item) { return value }
            return try value(of: fallback, in: item)
        case .listAppend(let a, let b):
            guard case .list(let x) = try value(of: a, in: item), case .list(let y) = try value(of: b, in: item) else {
                throw incorrectType
            }
            return .list(x + y)
        case .plus(let a, let b), .minus(let a, let b):
            guard case .number(let x) = try value(of: a, in: item), case .number(let y) = try value(of: b, in: item) else {
                throw incorrectType
            }
            if case .plus = operand { return .number(try x + y) }
            return .number(try x - y)
        }
    }

    private static func union<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
        var seen = Set(a)
        var out = a
        for element in b where seen.insert(element).inserted { out.append(element) }
        return out
    }

    /// What remains of `a` without `b`'s elements; nil when nothing does (the attribute goes).
    private static func minus<T: Hashable>(_ a: [T], _ b: [T]) -> [T]? {
        let removed = Set(b)
        let rest = a.filter { !removed.contains($0) }
        return rest.isEmpty ? nil : rest
    }
}
