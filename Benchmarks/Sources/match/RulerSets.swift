import CortadoJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// event-ruler's citylots2 rule sets (5 rules each), from the corpus copy in the root package's test
/// fixtures. Their expected counts are for the real citylots2 file; these events are generated, so the
/// counts printed here differ and are checked against each rule alone instead.
enum RulerSets {
    static let defaultPath: String = {
        // Benchmarks/Sources/match/RulerSets.swift → the root package's test fixtures.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/") + "/Tests/CortadoEventsTests/Fixtures/ruler_benchmark.json"
    }()

    static func load(_ path: String) throws -> [RuleSet] {
        guard let text = readFile(path) else { throw Failure("cannot read \(path)") }
        let document = try JSON(parsing: text)
        var sets: [RuleSet] = []
        func add(_ name: String, _ value: JSON?) {
            guard let rules = value?["rules"]?.arrayValue else { return }
            sets.append(RuleSet(name: name, patterns: rules.map(\.text)))
        }
        let ruleSets = document["rule_sets"]?.objectValue ?? [:]
        for (name, value) in ruleSets { add(name, value) }
        for (name, value) in document["extra"]?.objectValue ?? [:] { add(name, value) }
        for (name, members) in document["combos"]?.objectValue ?? [:] {
            let patterns = (members.arrayValue ?? []).flatMap { member in
                (ruleSets[member.stringValue ?? ""]?["rules"]?.arrayValue ?? []).map(\.text)
            }
            sets.append(RuleSet(name: name, patterns: patterns))
        }
        return sets
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
