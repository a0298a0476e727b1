/// An event pattern, validated and expanded: a rule matches an event when any branch matches, a branch
/// when every one of its fields does, a field when any of its conditions holds for one of the event's
/// leaf values at that path (docs/architecture/events.md).
public struct EventPattern: Sendable, Equatable {
    /// The pattern as the caller wrote it.
    public let text: String
    /// The branches (`$or` multiplied out), each with its fields sorted by path.
    public let branches: [PatternBranch]

    /// Parses and validates `text` as EventBridge does; the error's message is AWS's reason
    /// (`InvalidEventPatternException` prefixes it with "Event pattern is not valid. Reason: ").
    public init(parsing text: String) throws(EventsError) {
        self.text = text
        var compiler = PatternCompiler(text)
        branches = try compiler.compile()
        for branch in branches {
            for field in branch.fields {
                for condition in field.conditions where condition.wildcardComplexity > Wildcard.complexityLimit {
                    throw EventsError(
                        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"
                    )
                }
            }
        }
    }
}

extension ValueCondition {
    var wildcardComplexity: Int {
        switch self {
        case .wildcard(let w): w.complexity
        case .anythingBut(.wildcards(let ws)): ws.map(\.complexity).max() ?? 0
        default: 0
        }
    }
}

/// One conjunction of fields.
public struct PatternBranch: Sendable, Equatable {
    public var fields: [FieldPattern]
}

/// The conditions on one path (`detail.state`), any of which may hold.
public struct FieldPattern: Sendable, Equatable {
    public var path: String
    public var conditions: [ValueCondition]

    /// Whether the field is satisfied when the event has no leaf at its path.
    public var acceptsAbsence: Bool { conditions.contains(.exists(false)) }
    /// The conditions a present leaf must meet (all but `exists: false`).
    public var positive: [ValueCondition] { conditions.filter { $0 != .exists(false) } }
}

/// What one element of a pattern's value list asks of a leaf value.
public enum ValueCondition: Sendable, Hashable {
    case string(String)
    /// A number, compared by value.
    case number(Double)
    case bool(Bool)
    case null
    case prefix(String)
    case suffix(String)
    case equalsIgnoreCase(String)
    case prefixIgnoreCase(String)
    case suffixIgnoreCase(String)
    case wildcard(Wildcard)
    case anythingBut(AnythingBut)
    case numeric(NumericRange)
    /// An IP address range (from `cidr`, or an exact string that is an IP address).
    case ip(IPRange)
    case exists(Bool)
}

/// `anything-but`: a leaf matches unless it is one of the excluded values or forms.
public enum AnythingBut: Sendable, Hashable {
    case strings(Set<String>)
    case numbers(Set<Double>)
    case prefixes([String])
    case suffixes([String])
    case ignoringCase(Set<String>)
    case wildcards([Wildcard])
}

/// A numeric range; nil bounds are open-ended.
public struct NumericRange: Sendable, Hashable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public func contains(_ x: Double) -> Bool {
        if let lower { if lowerInclusive ? x < lower : x <= lower { return false } }
        if let upper { if upperInclusive ? x > upper : x >= upper { return false } }
        return true
    }
}

/// Reads a pattern's text token by token in the order event-ruler does, so that each error is raised
/// with its message at the position event-ruler raises it.
struct PatternCompiler {
    private var reader: PatternReader
    /// The branches built so far; each maps a path to its conditions (a later duplicate key replaces).
    private var branches: [[String: [ValueCondition]]] = []
    private var path: [String] = []

    static let reservedInOr: Set<String> = [
        "exact", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ]

    init(_ text: String) { reader = PatternReader(text) }

    mutating func compile() throws(EventsError) -> [PatternBranch] {
        guard try reader.next() == .startObject else { throw reader.failure("Filter is not an object") }
        try parseObject(insideOr: false)
        return branches.map { fields in
            PatternBranch(fields: fields.keys.sorted().map { FieldPattern(path: $0, conditions: fields[$0]!) })
        }
    }

    private mutating func parseObject(insideOr: Bool) throws(EventsError) {
        var fieldsPresent = false
        while try reader.next() != .endObject {
            fieldsPresent = true
            let name = reader.currentName
            if name == "$or" {
                try parseOr()
                continue
            }
            if insideOr, Self.reservedInOr.contains(name) {
                throw reader.failure("\(name) is Ruler reserved fieldName which cannot be used inside $or.")
            }
            switch try reader.next() {
            case .startObject:
                path.append(name)
                try parseObject(insideOr: insideOr)
                path.removeLast()
            case .startArray:
                try writeField((path + [name]).joined(separator: "."))
            default:
                throw reader.failure("\"\(name)\" must be an object or an array")
            }
        }
        if !fieldsPresent { throw reader.failure("Empty objects are not allowed") }
    }

    private mutating func parseOr() throws(EventsError) {
        let before = branches
        branches = []
        guard try reader.next() == .startArray else { throw reader.failure("It must be an Array followed with $or.") }
        var count = 0
        while let token = try reader.next(), token != .endArray {
            count += 1
            guard token == .startObject else {
                throw reader.failure("Only JSON object is allowed in array of $or relationship.")
            }
            let outer = branches
            branches = before.isEmpty ? [[:]] : before
            try parseObject(insideOr: true)
            branches = outer + branches
        }
        if count < 2 { throw reader.failure("There must have at least 2 Objects in $or relationship.") }
    }

    private mutating func writeField(_ name: String) throws(EventsError) {
        var values: [ValueCondition] = []
        while let token = try reader.next(), token != .endArray {
            switch token {
            case .startObject:
                values.append(try matchExpression())
            case .string:
                let text = try reader.text()
                if let ip = IPRange.address(text) { values.append(.ip(ip)) } else { values.append(.string(text)) }
            case .int, .float:
                let text = try reader.text()
                values.append(.number(Double(text) ?? .nan))
            case .null: values.append(.null)
            case .true: values.append(.bool(true))
            case .false: values.append(.bool(false))
            default:
                throw reader.failure("Match value must be String, number, true, false, or null")
            }
        }
        if values.isEmpty { throw reader.failure("Empty arrays are not allowed") }
        if branches.isEmpty { branches = [[:]] }
        for i in branches.indices { branches[i][name] = values }
    }

    private mutating func endOfExpression() throws(EventsError) {
        if try reader.next() != .endObject { throw reader.failure("Only one key allowed in match expression") }
    }

    private mutating func stringOperand(_ what: String) throws(EventsError) -> String {
        guard try reader.next() == .string else { throw reader.failure("\(what) match pattern must be a string") }
        return try reader.text()
    }

    private mutating func matchExpression() throws(EventsError) -> ValueCondition {
        guard try reader.next() == .fieldName else { throw reader.failure("Match expression name not found") }
        let kind = reader.currentName
        switch kind {
        case "exact":
            let value = try stringOperand("exact")
            try endOfExpression()
            return .string(value)
        case "prefix", "suffix":
            let token = try reader.next()
            if token == .startObject { return try ignoreCaseAffix(kind) }
            guard token == .string else { throw reader.failure("\(kind) match pattern must be a string") }
            let value = try reader.text()
            try endOfExpression()
            return kind == "prefix" ? .prefix(value) : .suffix(value)
        case "numeric":
            guard try reader.next() == .startArray else { throw reader.failure("Value of numeric must be an array.") }
            let range = try numericExpression()
            if try reader.next() != .endObject { throw reader.failure("Too many elements in numeric expression") }
            return .numeric(range)
        case "anything-but":
            return try anythingBut()
        case "exists":
            let token = try reader.next()
            guard token == .true || token == .false else {
                throw reader.failure("exists match pattern must be either true or false.")
            }
            try endOfExpression()
            return .exists(token == .true)
        case "cidr":
            let text = try stringOperand("prefix")
            let range = try IPRange.cidr(text)
            try endOfExpression()
            return .ip(range)
        case "equals-ignore-case":
            let value = try stringOperand("equals-ignore-case")
            try endOfExpression()
            return .equalsIgnoreCase(value)
        case "wildcard":
            let value = try stringOperand("wildcard")
            let wildcard: Wildcard
            do { wildcard = try Wildcard(value) } catch { throw reader.failure(error.message) }
            try endOfExpression()
            return .wildcard(wildcard)
        default:
            throw reader.failure("Unrecognized match type \(kind)")
        }
    }

    /// `{"prefix": {"equals-ignore-case": "..."}}` and its suffix form.
    private mutating func ignoreCaseAffix(_ kind: String) throws(EventsError) -> ValueCondition {
        let title = kind == "prefix" ? "Prefix" : "Suffix"
        guard try reader.next() == .fieldName else { throw reader.failure("\(title) expression name not found") }
        guard reader.currentName == "equals-ignore-case" else {
            throw reader.failure("Unsupported \(kind) pattern: \(reader.currentName)")
        }
        let value = try stringOperand("equals-ignore-case")
        try endOfExpression()
        try endOfExpression()
        return kind == "prefix" ? .prefixIgnoreCase(value) : .suffixIgnoreCase(value)
    }

    private enum AnythingButKind { case values, ignoreCase, prefix, suffix, wildcard }

    private mutating func anythingBut() throws(EventsError) -> ValueCondition {
        var kind = AnythingButKind.values
        var token = try reader.next()
        if token == .startObject {
            guard try reader.next() == .fieldName else { throw reader.failure("Anything-But expression name not found") }
            switch reader.currentName {
            case "equals-ignore-case": kind = .ignoreCase
            case "prefix": kind = .prefix
            case "suffix": kind = .suffix
            case "wildcard": kind = .wildcard
            default: throw reader.failure("Unsupported anything-but pattern: \(reader.currentName)")
            }
            token = try reader.next()
        }
        guard let token, [.startArray, .string, .int, .float].contains(token) else {
            throw reader.failure("Value of anything-but must be an array or single string/number value.")
        }
        let result: AnythingBut
        if token == .startArray {
            // event-ruler re-raises what goes wrong while it reads the list, so those messages carry the
            // location twice; what it checks after the list (mixed types, wildcard syntax) once.
            let values: [(String, Bool)]
            do {
                values = try anythingButList(kind)
            } catch {
                throw reader.failure(error.message)
            }
            if kind == .values {
                let numbers = values.filter(\.1)
                if numbers.isEmpty == (numbers.count == values.count) {
                    throw reader.failure(
                        "Inside anything but list, either all values are number or string, mixed type is not supported")
                }
                result =
                    numbers.isEmpty
                    ? .strings(Set(values.map(\.0))) : .numbers(Set(values.map { Double($0.0) ?? .nan }))
            } else {
                result = try makeAnythingBut(kind, values.map(\.0))
            }
        } else {
            result = try anythingButSingle(kind, token)
        }
        if try reader.next() != .endObject { throw reader.failure("Too many elements in numeric expression") }
        if kind != .values, try reader.next() != .endObject {
            throw reader.failure("Too many elements in numeric expression")
        }
        return .anythingBut(result)
    }

    /// The values of an anything-but list, each with whether it is a number.
    private mutating func anythingButList(_ kind: AnythingButKind) throws(EventsError) -> [(String, Bool)] {
        var values: [(String, Bool)] = []
        while let token = try reader.next(), token != .endArray {
            switch (token, kind) {
            case (.string, _):
                let text = try reader.text()
                if kind == .prefix || kind == .suffix, text.isEmpty {
                    throw reader.failure("Null prefix/suffix not allowed")
                }
                values.append((text, false))
            case (.int, .values), (.float, .values):
                values.append((try reader.text(), true))
            case (_, .values):
                throw reader.failure("Inside anything but list, start|null|boolean is not supported.")
            default:
                throw reader.failure(Self.nonStringMessage(kind))
            }
        }
        return values
    }

    private mutating func anythingButSingle(_ kind: AnythingButKind, _ token: PatternReader.Token) throws(EventsError)
        -> AnythingBut
    {
        let text = try reader.text()
        switch kind {
        case .values:
            if token == .string { return .strings([text]) }
            return .numbers([Double(text) ?? .nan])
        default:
            guard token == .string else { throw reader.failure(Self.nonStringMessage(kind)) }
            if kind == .prefix || kind == .suffix, text.isEmpty { throw reader.failure("Null prefix/suffix not allowed") }
            return try makeAnythingBut(kind, [text])
        }
    }

    private mutating func makeAnythingBut(_ kind: AnythingButKind, _ values: [String]) throws(EventsError) -> AnythingBut {
        switch kind {
        case .ignoreCase: return .ignoringCase(Set(values.map { $0.lowercased() }))
        case .prefix: return .prefixes(values)
        case .suffix: return .suffixes(values)
        case .wildcard:
            var patterns: [Wildcard] = []
            for value in values {
                do { patterns.append(try Wildcard(value)) } catch { throw reader.failure(error.message) }
            }
            return .wildcards(patterns)
        case .values: return .strings(Set(values))
        }
    }

    private static func nonStringMessage(_ kind: AnythingButKind) -> String {
        switch kind {
        case .ignoreCase: "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        case .wildcard: "wildcard match pattern must be a string"
        default: "prefix/suffix match pattern must be a string"
        }
    }

    private mutating func numericValue(_ operatorName: String) throws(EventsError) -> Double {
        let token = reader.current
        guard token == .int || token == .float else { throw reader.failure("Value of \(operatorName) must be numeric") }
        return Double(try reader.text()) ?? .nan
    }

    private mutating func numericExpression() throws(EventsError) -> NumericRange {
        guard try reader.next() == .string else {
            throw reader.failure("Invalid member in numeric match: \(try reader.text())")
        }
        let op = try reader.text()
        _ = try reader.next()
        switch op {
        case "=":
            let v = try numericValue("equals")
            if try reader.next() != .endArray { throw reader.failure("Too many elements in numeric expression") }
            return NumericRange(lower: v, lowerInclusive: true, upper: v, upperInclusive: true)
        case ">=", ">":
            let v = try numericValue(op)
            let next = try reader.next()
            if next == .endArray { return NumericRange(lower: v, lowerInclusive: op == ">=", upper: nil, upperInclusive: false) }
            guard next == .string else { throw reader.failure("Bad value in numeric range: \(try reader.text())") }
            let top = try reader.text()
            guard top == "<" || top == "<=" else { throw reader.failure("Bad numeric range operator: \(top)") }
            _ = try reader.next()
            let upper = try numericValue(top)
            if try reader.next() != .endArray { throw reader.failure("Too many terms in numeric range expression") }
            return NumericRange(lower: v, lowerInclusive: op == ">=", upper: upper, upperInclusive: top == "<=")
        case "<=", "<":
            let v = try numericValue(op)
            if try reader.next() != .endArray { throw reader.failure("Too many elements in numeric expression") }
            return NumericRange(lower: nil, lowerInclusive: false, upper: v, upperInclusive: op == "<=")
        default:
            throw reader.failure("Unrecognized numeric range operator: \(op)")
        }
    }
}
