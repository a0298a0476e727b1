/// DynamoDB's semantics: a comparison with a missing attribute or across types is false (`<>` true), not
/// an error; `<`, `<=`, `>`, `>=` and BETWEEN order only numbers, strings and binaries.
extension Condition {
    func holds(for item: Item?) -> Bool {
        switch self {
        case .compare(let comparator, let l, let r):
            guard let a = l.evaluate(in: item), let b = r.evaluate(in: item) else { return comparator == .notEqual }
            switch comparator {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return ExpressionParser.order(a, b).map { $0 < 0 } ?? false
            case .lessOrEqual: return ExpressionParser.order(a, b).map { $0 <= 0 } ?? false
            case .greater: return ExpressionParser.order(a, b).map { $0 > 0 } ?? false
            case .greaterOrEqual: return ExpressionParser.order(a, b).map { $0 >= 0 } ?? false
            }
        case .between(let x, let low, let high):
            guard let v = x.evaluate(in: item), let lo = low.evaluate(in: item), let hi = high.evaluate(in: item),
                let fromLow = ExpressionParser.order(lo, v), let toHigh = ExpressionParser.order(v, hi)
            else { return false }
            return fromLow <= 0 && toHigh <= 0
        case .in(let x, let candidates):
            guard let v = x.evaluate(in: item) else { return false }
            return candidates.contains { $0.evaluate(in: item) == v }
        case .and(let a, let b): return a.holds(for: item) && b.holds(for: item)
        case .or(let a, let b): return a.holds(for: item) || b.holds(for: item)
        case .not(let a): return !a.holds(for: item)
        case .attributeExists(let path): return path.resolve(in: item) != nil
        case .attributeNotExists(let path): return path.resolve(in: item) == nil
        case .attributeType(let path, let type):
            guard let v = path.resolve(in: item), case .string(let descriptor) = type.evaluate(in: item) else { return false }
            return v.typeDescriptor == descriptor
        case .beginsWith(let l, let r):
            switch (l.evaluate(in: item), r.evaluate(in: item)) {
            case (.string(let s)?, .string(let prefix)?): return s.utf8.starts(with: prefix.utf8)
            case (.binary(let b)?, .binary(let prefix)?): return b.starts(with: prefix)
            default: return false
            }
        case .contains(let l, let r):
            guard let container = l.evaluate(in: item), let element = r.evaluate(in: item) else { return false }
            switch (container, element) {
            case (.string(let s), .string(let part)): return Self.bytes(Array(s.utf8), contain: Array(part.utf8))
            case (.stringSet(let set), .string): return AttributeValue.stringSet(set).setElements.contains(element)
            case (.numberSet(let set), .number(let n)): return set.contains(n)
            case (.binarySet(let set), .binary(let b)): return set.contains(b)
            case (.list(let list), _): return list.contains(element)
            default: return false
            }
        }
    }

    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// Every document path the condition mentions.
    var paths: [DocumentPath] {
        switch self {
        case .compare(_, let a, let b), .beginsWith(let a, let b), .contains(let a, let b): a.paths + b.paths
        case .between(let a, let b, let c): a.paths + b.paths + c.paths
        case .in(let a, let list): a.paths + list.flatMap(\.paths)
        case .and(let a, let b), .or(let a, let b): a.paths + b.paths
        case .not(let a): a.paths
        case .attributeExists(let p), .attributeNotExists(let p): [p]
        case .attributeType(let p, let t): [p] + t.paths
        }
    }
}

extension Operand {
    /// The operand's value in a condition; nil when it refers to something missing.
    func evaluate(in item: Item?) -> AttributeValue? {
        switch self {
        case .path(let path): return path.resolve(in: item)
        case .value(let value): return value
        case .size(let path):
            guard let value = path.resolve(in: item), let size = value.elementCount else { return nil }
            return .number(DynamoNumber(size))
        case .ifNotExists(let path, let fallback): return path.resolve(in: item) ?? fallback.evaluate(in: item)
        case .listAppend, .plus, .minus: return nil
        }
    }

    var paths: [DocumentPath] {
        switch self {
        case .path(let p), .size(let p): [p]
        case .value: []
        case .ifNotExists(let p, let o): [p] + o.paths
        case .listAppend(let a, let b), .plus(let a, let b), .minus(let a, let b): a.paths + b.paths
        }
    }
}

extension AttributeValue {
    /// `size()`: a string's length in UTF-8 bytes, a binary's bytes, a collection's elements; nil for the
    /// types that have no size.
    var elementCount: Int? {
        switch self {
        case .string(let s): s.utf8.count
        case .binary(let b): b.count
        case .list(let l): l.count
        case .map(let m): m.count
        case .stringSet(let s): s.count
        case .numberSet(let s): s.count
        case .binarySet(let s): s.count
        case .number, .bool, .null: nil
        }
    }

    /// A set's elements as single values (for membership by DynamoDB's equality).
    var setElements: [AttributeValue] {
        switch self {
        case .stringSet(let s): s.map(AttributeValue.string)
        case .numberSet(let s): s.map(AttributeValue.number)
        case .binarySet(let s): s.map(AttributeValue.binary)
        default: []
        }
    }
}
