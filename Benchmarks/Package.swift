// swift-tools-version: 6.1
import PackageDescription

/// The shared workloads in `Workloads/`, each a `NAME.asl.json` definition and a `NAME.meta.json`.
let sharedWorkloads = ["single_pass", "pass_chain", "choice_loop", "parallel_map", "book_order_flow", "callback"]

// Kept out of the main build: its own package, depending on the root one by path.
let package = Package(
    name: "CortadoBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "cortado", path: ".."),
        // The malloc-interposer trait counts allocations; swift-runtime-interposer (ARC counts) is left
        // off as this machine's package mirror does not carry it.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        // The workloads and how to run and check one execution; shared by both executables.
        .target(
            name: "CortadoWorkloads",
            dependencies: [
                .product(name: "CortadoLanguage", package: "cortado"),
                .product(name: "CortadoEngine", package: "cortado"),
                .product(name: "CortadoJSON", package: "cortado"),
            ],
            path: "Workloads",
            exclude: ["README.md"],
            resources: sharedWorkloads.flatMap { [.copy("\($0).asl.json"), .copy("\($0).meta.json")] }
        ),
        // package-benchmark suite: `swift package benchmark`.
        .executableTarget(
            name: "InterpreterBenchmarks",
            dependencies: [
                "CortadoWorkloads",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/InterpreterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A plain table of transitions per second and allocations per transition (`transitions.sh`).
        .executableTarget(
            name: "transitions",
            dependencies: [
                "CortadoWorkloads",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Sources/transitions"
        ),
        // Events matched per second by a bus's compiled rules (`match.sh`). Only the root package's pure
        // modules, so `swift build --product match` builds neither package-benchmark nor the engine.
        .executableTarget(
            name: "match",
            dependencies: [
                .product(name: "CortadoEvents", package: "cortado"),
                .product(name: "CortadoJSON", package: "cortado"),
            ],
            path: "Sources/match"
        ),
        // JSONata evaluations per second over `$states.input`, beside a JSONPath lookup (`jsonata.sh`). Only the
        // root package's pure modules, like `match`.
        .executableTarget(
            name: "jsonata",
            dependencies: [
                .product(name: "CortadoJSONata", package: "cortado"),
                .product(name: "CortadoJSON", package: "cortado"),
            ],
            path: "Sources/jsonata"
        ),
        // DynamoDB item actions per second in-process, on the in-memory and the SQLite item store
        // (`tables.sh`): the table service without HTTP.
        .executableTarget(
            name: "tables",
            dependencies: [
                .product(name: "CortadoEngine", package: "cortado"),
                .product(name: "CortadoStore", package: "cortado"),
                .product(name: "CortadoStoreSQLite", package: "cortado"),
                .product(name: "CortadoJSON", package: "cortado"),
            ],
            path: "Sources/tables"
        ),
    ],
    swiftLanguageModes: [.v6]
)
