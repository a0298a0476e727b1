/// One row's rules: pattern texts of one operator type, their values drawn from the events so that
/// some rules match.
struct RuleSet {
    var name: String
    var patterns: [String]
}

/// Rule generators, one per operator type. Rule `i` does not depend on how many rules are asked for,
/// so the 1-rule set is the first rule of the 100-rule set, which is the start of the 10,000-rule set.
///
/// Each rule is a single condition on a field where the operator is natural: `MAPBLKLOT` (7,000-odd
/// distinct values) for exact, prefix, suffix and wildcard; `STREET` (1,500 names) for the case-blind
/// forms and anything-but; `firstCoordinates.x` for numeric; `IP` for cidr. anything-but and exists
/// hold for most events whatever the rule count, so those rows report thousands of matches per event at
/// 10,000 rules: their cost is the answer's size.
enum RuleSets {
    static let operators = [
        "exact", "prefix", "suffix", "equals-ignore-case", "prefix+equals-ignore-case", "suffix+equals-ignore-case",
        "wildcard", "anything-but", "anything-but prefix", "anything-but suffix", "anything-but ignore-case",
        "anything-but wildcard", "numeric", "cidr", "exists", "$or",
    ]

    static func make(_ kind: String, count: Int, data: Citylots) -> RuleSet {
        // One random stream per operator, so that adding an operator does not change the others' rules.
        var random = SplitMix(seed: 0xC0FFEE &+ UInt64(truncatingIfNeeded: kind.hashValueStable))
        var patterns: [String] = []
        for i in 0..<count {
            let lot = data.lots[random.next(data.lots.count)]
            patterns.append(rule(kind, index: i, lot: lot, data: data, random: &random))
        }
        return RuleSet(name: kind, patterns: patterns)
    }

    static func properties(_ field: String, _ condition: String) -> String {
        "{\"properties\":{\"\(field)\":[\(condition)]}}"
    }

    static func quoted(_ s: String) -> String { "\"\(s)\"" }

    static func rule(_ kind: String, index: Int, lot: CityLot, data: Citylots, random: inout SplitMix) -> String {
        let key = lot.mapBlockLot
        let street = lot.street
        switch kind {
        case "exact":
            return properties("MAPBLKLOT", quoted(key))
        case "prefix":
            return properties("MAPBLKLOT", "{\"prefix\":\(quoted(String(key.prefix(4 + random.next(3)))))}")
        case "suffix":
            return properties("MAPBLKLOT", "{\"suffix\":\(quoted(String(key.suffix(4 + random.next(3)))))}")
        case "equals-ignore-case":
            return properties("STREET", "{\"equals-ignore-case\":\(quoted(mixCase(street, &random)))}")
        case "prefix+equals-ignore-case":
            let p = mixCase(String(street.prefix(3 + random.next(4))), &random)
            return properties("STREET", "{\"prefix\":{\"equals-ignore-case\":\(quoted(p))}}")
        case "suffix+equals-ignore-case":
            let s = mixCase(String(street.suffix(3 + random.next(4))), &random)
            return properties("STREET", "{\"suffix\":{\"equals-ignore-case\":\(quoted(s))}}")
        case "wildcard":
            return properties("MAPBLKLOT", "{\"wildcard\":\(quoted(wildcard(key, &random)))}")
        case "anything-but":
            return properties("STREET", "{\"anything-but\":[\(quoted(street))]}")
        case "anything-but prefix":
            return properties("STREET", "{\"anything-but\":{\"prefix\":\(quoted(String(street.prefix(2 + random.next(3)))))}}")
        case "anything-but suffix":
            return properties("STREET", "{\"anything-but\":{\"suffix\":\(quoted(String(street.suffix(2 + random.next(3)))))}}")
        case "anything-but ignore-case":
            return properties("STREET", "{\"anything-but\":{\"equals-ignore-case\":[\(quoted(mixCase(street, &random)))]}}")
        case "anything-but wildcard":
            return properties("MAPBLKLOT", "{\"anything-but\":{\"wildcard\":\(quoted(wildcard(key, &random)))}}")
        case "numeric":
            // A narrow band around one lot's first point, or that point exactly.
            let x = lot.points[0].x
            let range =
                random.next(4) == 0
                ? "\"=\",\(x)" : "\">\",\(x - random.nextDouble() * 0.0005),\"<=\",\(x + random.nextDouble() * 0.0005)"
            return "{\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\(range)]}]}}}"
        case "cidr":
            let parts = lot.ip.split(separator: ".")
            let bits = [24, 28, 30, 31][random.next(4)]
            return properties("IP", "{\"cidr\":\(quoted(parts.joined(separator: ".") + "/\(bits)"))}")
        case "exists":
            // One rule in ten names a field the events have; the others fields they lack.
            let real = ["MAPBLKLOT", "BLKLOT", "BLOCK_NUM", "LOT_NUM", "FROM_ST", "TO_ST", "STREET", "ST_TYPE", "ODD_EVEN"]
            let field = index == 0 || random.next(10) == 0 ? real[random.next(real.count)] : "EXTRA_\(index)"
            return properties(field, "{\"exists\":true}")
        case "$or":
            let other = data.lots[random.next(data.lots.count)]
            return "{\"$or\":[{\"properties\":{\"MAPBLKLOT\":[\(quoted(key))]}},"
                + "{\"properties\":{\"STREET\":[\(quoted(other.street))],\"FROM_ST\":[\(quoted(String(other.fromStreet)))]}}]}"
        default:
            fatalError("unknown operator \(kind)")
        }
    }

    /// `s` with each letter upper- or lower-cased at random.
    static func mixCase(_ s: String, _ random: inout SplitMix) -> String {
        String(s.map { random.next(2) == 0 ? Character($0.lowercased()) : $0 })
    }

    /// `value` with one or two runs replaced by `*` (never two stars in a row).
    static func wildcard(_ value: String, _ random: inout SplitMix) -> String {
        var chars = Array(value)
        let stars = 1 + random.next(2)
        for _ in 0..<stars where chars.count > 2 {
            let start = 1 + random.next(chars.count - 2)
            let length = 1 + random.next(min(2, chars.count - start - 1))
            chars.replaceSubrange(start..<(start + length), with: ["*"])
        }
        var out: [Character] = []
        for c in chars where !(c == "*" && out.last == "*") { out.append(c) }
        return String(out)
    }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
