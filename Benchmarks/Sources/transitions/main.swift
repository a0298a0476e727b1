// Prints state transitions per second and allocations per transition for every workload.
//
// Usage: transitions [--seconds S | --runs N] [NAME ...]
// Allocations are counted only when libMallocInterposerSwift.so is preloaded (transitions.sh does it).
// `--runs N` runs exactly N timed executions with no warm-up, for instruction counts under
// `valgrind --tool=callgrind --toggle-collect='*PreparedWorkload.execute*'` (each workload also runs once
// before, to check it).

import CortadoWorkloads
import MallocInterposerSwift

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

var seconds = 1.0
var fixedRuns: Int?
var only: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--seconds", let value = arguments.popFirst().flatMap(Double.init) {
        seconds = value
    } else if argument == "--runs", let value = arguments.popFirst().flatMap({ Int($0) }) {
        fixedRuns = value
    } else {
        only.insert(argument)
    }
}

/// Whether the interposer's malloc is the one in use: without LD_PRELOAD it counts nothing.
func interposerCounts() -> Bool {
    MallocInterposerSwift.hook()
    let before = MallocInterposerSwift.getStatistics().mallocCount
    let probe = [Int](repeating: 1, count: 1_000)
    let after = MallocInterposerSwift.getStatistics().mallocCount
    MallocInterposerSwift.unhook()
    return probe.count > 0 && after > before
}

func elapsedSeconds(since start: ContinuousClock.Instant) -> Double {
    let d = start.duration(to: .now)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Runs `execute` for about `seconds` after a warm-up (or exactly `fixedRuns` times); returns executions per
/// second and mallocs per execution.
func measure(_ execute: () -> Void, seconds: Double, fixedRuns: Int?, countAllocations: Bool) -> (perSecond: Double, mallocs: Double?) {
    if let fixedRuns {
        let start = ContinuousClock.now
        for _ in 0..<fixedRuns { execute() }
        return (Double(fixedRuns) / elapsedSeconds(since: start), nil)
    }
    let warmUpStart = ContinuousClock.now
    var warmUps = 0
    while warmUps < 10 || elapsedSeconds(since: warmUpStart) < seconds / 10 { execute(); warmUps += 1 }
    // Size the batch from the warm-up so the clock is read rarely.
    let batch = max(1, Int(Double(warmUps) / max(elapsedSeconds(since: warmUpStart), 1e-9) * seconds / 20))
    var runs = 0
    let start = ContinuousClock.now
    repeat {
        for _ in 0..<batch { execute() }
        runs += batch
    } while elapsedSeconds(since: start) < seconds
    let perSecond = Double(runs) / elapsedSeconds(since: start)

    guard countAllocations else { return (perSecond, nil) }
    // Counted apart from the timed loop, so the counting costs no time above.
    let countedRuns = max(1, min(runs, 100))
    MallocInterposerSwift.reset()
    MallocInterposerSwift.hook()
    for _ in 0..<countedRuns { execute() }
    MallocInterposerSwift.unhook()
    return (perSecond, Double(MallocInterposerSwift.getStatistics().mallocCount) / Double(countedRuns))
}

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? s + fill : fill + s
}

func format(_ x: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (x * scale).rounded() / scale
    if decimals == 0 { return String(Int(r)) }
    let whole = Int(r)
    var fraction = String(Int(((r - Double(whole)) * scale).rounded()))
    while fraction.count < decimals { fraction = "0" + fraction }
    return "\(whole).\(fraction)"
}

let counting = interposerCounts()
let localRunnerWorkloads: Set<String> = ["parallel_4x10", "callback"]
let header = [
    pad("workload", 22, left: true), pad("driver", 11, left: true), pad("transitions", 11), pad("exec/s", 10),
    pad("transitions/s", 13), pad("µs/transition", 13), pad("allocs/exec", 11), pad("allocs/transition", 17),
]
print(header.joined(separator: "  "))
print(String(repeating: "-", count: header.joined(separator: "  ").count))

do {
    for workload in try Workload.all() where only.isEmpty || only.contains(workload.name) {
        let prepared = try workload.prepare()
        let drivers: [Driver] = localRunnerWorkloads.contains(workload.name) ? [.interpreter, .localRunner] : [.interpreter]
        for driver in drivers {
            let transitions = try prepared.verify(driver)
            let (perSecond, mallocs) = measure(
                { _ = prepared.execute(driver) }, seconds: seconds, fixedRuns: fixedRuns, countAllocations: counting)
            let row = [
                pad(workload.name, 22, left: true), pad(driver.rawValue, 11, left: true), pad(String(transitions), 11),
                pad(format(perSecond, decimals: 0), 10),
                pad(format(perSecond * Double(transitions), decimals: 0), 13),
                pad(format(1e6 / (perSecond * Double(transitions)), decimals: 3), 13),
                pad(mallocs.map { format($0, decimals: 0) } ?? "n/a", 11),
                pad(mallocs.map { format($0 / Double(transitions), decimals: 1) } ?? "n/a", 17),
            ]
            print(row.joined(separator: "  "))
        }
    }
} catch {
    print("error: \(error)")
    exit(1)
}
if !counting {
    print("(allocations not counted: run with LD_PRELOAD=<build dir>/libMallocInterposerSwift.so, as transitions.sh does)")
}
