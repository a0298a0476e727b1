// Prints events matched per second on one core, per operator type and rule count, for EventBridge rules
// compiled into one `RuleMachine`, over citylots2-shaped events (see Citylots.swift and README.md).
//
// Usage: match [--seconds S] [--events N] [--rules 1,100,10000] [--runs R] [--sample N]
//              [--ruler-sets PATH] [--no-generated] [--no-ruler] [--parse] [--only parsed|text] [NAME ...]
// NAME filters rows by operator or rule-set name (a row runs if its name contains any NAME, or is
// exactly NAME when written =NAME, as in =prefix or "=ruler COMBO").
// `--runs R` times exactly R passes over the events after one untimed pass, for instruction counts under
// `valgrind --tool=callgrind --toggle-collect='*timedPass*'`.

import CortadoEvents
import CortadoJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command line.
struct Options {
    var seconds = 0.5
    var eventCount = 20_000
    var ruleCounts = [1, 100, 10_000]
    var fixedRuns: Int?
    var sampleSize = 200
    var rulerPath = RulerSets.defaultPath
    var generated = true
    var ruler = true
    var parse = false
    /// Only this column ("parsed" or "text"), for profiles.
    var only: String?
    var filters: [String] = []

    init(_ commandLine: [String]) {
        var arguments = commandLine.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--seconds": seconds = arguments.popFirst().flatMap(Double.init) ?? seconds
            case "--events": eventCount = arguments.popFirst().flatMap { Int($0) } ?? eventCount
            case "--rules": ruleCounts = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--runs": fixedRuns = arguments.popFirst().flatMap { Int($0) }
            case "--sample": sampleSize = arguments.popFirst().flatMap { Int($0) } ?? sampleSize
            case "--ruler-sets": rulerPath = arguments.popFirst() ?? rulerPath
            case "--no-generated": generated = false
            case "--no-ruler": ruler = false
            case "--parse": parse = true
            case "--only": only = arguments.popFirst()
            default: filters.append(argument)
            }
        }
    }

    /// A row runs if its name contains a filter (case aside), or is a filter written `=name`.
    func selected(_ name: String) -> Bool {
        filters.isEmpty
            || filters.contains { $0.hasPrefix("=") ? name == $0.dropFirst() : name.lowercased().contains($0.lowercased()) }
    }
}

let options = Options(CommandLine.arguments)

func elapsedSeconds(since start: ContinuousClock.Instant) -> Double {
    let d = start.duration(to: .now)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The text path: what a caller holding the event's text pays (event-ruler's figures include parsing):
/// `matches(text:using:)`, or with `--parse`, `JSON(parsing:)` then `matches(_:using:)`.
@inline(never)
func matchText(_ machine: RuleMachine<Int>, _ text: String, _ scratch: RuleMachine<Int>.Scratch) -> [Int] {
    if options.parse {
        guard let event = try? JSON(parsing: text) else { return [] }
        return machine.matches(event, using: scratch)
    }
    return (try? machine.matches(text: text, using: scratch)) ?? []
}

/// One timed pass over `count` events from `first` (wrapping); returns the matches found.
@inline(never)
func timedPass(_ first: Int, _ count: Int, _ total: Int, _ body: (Int) -> Int) -> Int {
    var matches = 0
    var i = first
    for _ in 0..<count {
        matches &+= body(i)
        i += 1
        if i == total { i = 0 }
    }
    return matches
}

/// One untimed pass over every event (outside `timedPass`, so profiles that collect only in it leave
/// out the first use of the scratch memory).
@inline(never)
func warmUpPass(_ total: Int, _ body: (Int) -> Int) {
    var matches = 0
    for i in 0..<total { matches &+= body(i) }
    if matches < 0 { print(matches) }
}

/// Events per second through `body` (given an event's index), on this thread: a warm-up, then batches
/// until `seconds` have passed (or exactly `fixedRuns` passes over all events).
func measure(_ body: (Int) -> Int) -> Double {
    let total = options.eventCount
    let seconds = options.seconds
    if let fixedRuns = options.fixedRuns {
        warmUpPass(total, body)
        let start = ContinuousClock.now
        for _ in 0..<fixedRuns { _ = timedPass(0, total, total, body) }
        return Double(fixedRuns * total) / elapsedSeconds(since: start)
    }
    let warmUp = ContinuousClock.now
    var at = 0
    var batch = 64
    while elapsedSeconds(since: warmUp) < seconds / 10 {
        _ = timedPass(at, batch, total, body)
        at = (at + batch) % total
        batch = min(batch * 2, 4_096)
    }
    var done = 0
    let start = ContinuousClock.now
    repeat {
        _ = timedPass(at, batch, total, body)
        at = (at + batch) % total
        done += batch
    } while elapsedSeconds(since: start) < seconds
    return Double(done) / elapsedSeconds(since: start)
}

/// One untimed pass: the matches per rule (through the parsed path), and what disagrees, if anything:
/// the text path against the parsed path on every event, and the machine on a sample of events
/// against each rule alone (one machine per rule).
func check(_ rules: [(Int, EventPattern)], _ machine: RuleMachine<Int>, _ data: Citylots) -> (perRule: [Int], problem: String?) {
    let scratch = machine.makeScratch()
    var perRule = [Int](repeating: 0, count: rules.count)
    for i in 0..<data.events.count {
        let parsed = machine.matches(data.events[i], using: scratch)
        let text = matchText(machine, data.texts[i], scratch)
        if parsed != text { return (perRule, "event \(i): text path \(text.prefix(10)), parsed \(parsed.prefix(10))") }
        for r in parsed { perRule[r] += 1 }
    }
    let alone = rules.map { rule in (rule.0, RuleMachine([rule])) }
    let sample = rules.count > 1_000 ? min(options.sampleSize, 20) : options.sampleSize
    let step = max(1, data.events.count / sample)
    for i in stride(from: 0, to: data.events.count, by: step) {
        let event = data.events[i]
        let together = machine.matches(event, using: scratch)
        let separately = alone.compactMap { id, single in single.matches(event, using: single.makeScratch()).isEmpty ? nil : id }
        if together != separately {
            return (perRule, "event \(i): together \(together.prefix(10)), alone \(separately.prefix(10))")
        }
    }
    return (perRule, nil)
}

func format(_ perSecond: Double) -> String {
    if perSecond >= 1e6 { return String(Int((perSecond / 1e4).rounded())).inserting(".", at: -2) + "M" }
    if perSecond >= 1e3 { return "\(Int((perSecond / 1e3).rounded()))K" }
    return "\(Int(perSecond.rounded()))"
}

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? s + fill : fill + s
}

extension String {
    func inserting(_ s: String, at fromEnd: Int) -> String {
        var chars = Array(self)
        while chars.count < -fromEnd + 1 { chars.insert("0", at: 0) }
        chars.insert(contentsOf: s, at: chars.count + fromEnd)
        return String(chars)
    }
}

func run(_ set: RuleSet, _ data: Citylots, perRuleCounts: Bool) throws {
    var rules: [(Int, EventPattern)] = []
    for (i, text) in set.patterns.enumerated() {
        do {
            rules.append((i, try EventPattern(parsing: text)))
        } catch {
            throw Failure("\(set.name) rule \(i) \(text): \(error.message)")
        }
    }
    let machine = RuleMachine(rules)
    let scratch = machine.makeScratch()
    let (perRule, problem) = check(rules, machine, data)
    let verdict = problem ?? "ok"
    let total = perRule.reduce(0, +)
    let parsed = options.only == "text" ? 0 : measure { machine.matches(data.events[$0], using: scratch).count }
    let text = options.only == "parsed" ? 0 : measure { matchText(machine, data.texts[$0], scratch).count }
    var row = "| \(pad(set.name, 26, left: true)) | \(pad(String(rules.count), 6)) | \(pad(String(total), 11)) | "
    row += "\(pad(format(parsed), 8)) | \(pad(format(text), 8)) | \(verdict) |"
    if perRuleCounts { row += " \(perRule)" }
    print(row)
    fflush(nil)
    if verdict != "ok" { exit(1) }
}

let data = Citylots(count: options.eventCount, seed: 2019)
let averageSize = data.texts.reduce(0) { $0 + $1.utf8.count } / data.texts.count
print("\(data.events.count) citylots2-shaped events, \(averageSize) bytes on average; events/s on one thread")
print("(parsed: matches(JSON); text: from the event's text, \(options.parse ? "JSON(parsing:) then matches" : "matches(text:)");")
print(" matches: in one pass over the events)")
print("")
print("| \(pad("operator", 26, left: true)) |  rules |     matches |   parsed |     text | check |")
print("|---|---:|---:|---:|---:|---|")
do {
    if options.generated {
        for kind in RuleSets.operators where options.selected(kind) {
            for count in options.ruleCounts {
                try run(RuleSets.make(kind, count: count, data: data), data, perRuleCounts: false)
            }
        }
    }
    if options.ruler {
        print("")
        print("event-ruler's citylots2 rule sets (per-rule counts after the row; these events are generated, so")
        print("the counts differ from event-ruler's expected ones)")
        print("")
        for set in try RulerSets.load(options.rulerPath) where options.selected(set.name) {
            try run(RuleSet(name: "ruler " + set.name, patterns: set.patterns), data, perRuleCounts: set.patterns.count <= 5)
        }
    }
} catch {
    print("error: \(error)")
    exit(1)
}
