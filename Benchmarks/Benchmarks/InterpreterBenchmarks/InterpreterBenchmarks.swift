import Benchmark
import CortadoLanguage
import CortadoWorkloads
import MallocInterposerSwift

extension BenchmarkMetric {
    /// `*StateEntered` events per second of execution time.
    static let transitionsPerSecond = BenchmarkMetric.custom("transitions/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Heap allocations (malloc, calloc, realloc, ...) per state transition, rounded.
    static let allocationsPerTransition = BenchmarkMetric.custom("allocs/transition", polarity: .prefersSmaller, useScalingFactor: false)
}

/// Which workloads also run through `LocalRunner`: one synchronous, one with a task to answer.
let localRunnerWorkloads: Set<String> = ["parallel_4x10", "callback"]

// The suite; package-benchmark's generated `main` calls it.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .transitionsPerSecond, .allocationsPerTransition],
        warmupIterations: 10,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )

    let workloads: [Workload]
    do { workloads = try Workload.all() } catch { fatalError("Cannot load the workloads: \(error)") }

    for workload in workloads {
        let prepared: PreparedWorkload
        do { prepared = try workload.prepare() } catch { fatalError("\(workload.name): \(error)") }
        let drivers: [Driver] = localRunnerWorkloads.contains(workload.name) ? [.interpreter, .localRunner] : [.interpreter]
        for driver in drivers {
            // Fail loudly before measuring anything if an execution is not what the workload expects.
            let transitions: Int
            do { transitions = try prepared.verify(driver) } catch { fatalError("\(error)") }
            Benchmark("\(driver.rawValue) \(workload.name)") { benchmark in
                let mallocsBefore = MallocInterposerSwift.getStatistics().mallocCount
                let start = ContinuousClock.now
                blackHole(prepared.execute(driver))
                let elapsed = start.duration(to: .now)
                let mallocs = MallocInterposerSwift.getStatistics().mallocCount - mallocsBefore
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                if seconds > 0 {
                    benchmark.measurement(.transitionsPerSecond, Int((Double(transitions) / seconds).rounded()))
                }
                benchmark.measurement(.allocationsPerTransition, Int((Double(mallocs) / Double(transitions)).rounded()))
            }
        }
    }

    // The per-execution cost a server would pay if it re-read the definition every time (the Python peers do).
    if let big = workloads.first(where: { $0.name == "pass_chain_1000" }) {
        let configuration = Benchmark.Configuration(metrics: [.wallClock, .throughput, .mallocCountTotal])
        Benchmark("StateMachine(definition:) pass_chain_1000", configuration: configuration) { _ in
            blackHole(try StateMachine(definition: big.definition))
        }
    }
}
