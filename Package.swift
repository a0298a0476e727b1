// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cortado",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cortado", targets: ["cortado"]),
        .library(name: "CortadoJSON", targets: ["CortadoJSON"]),
        .library(name: "CortadoLanguage", targets: ["CortadoLanguage"]),
        .library(name: "CortadoEvents", targets: ["CortadoEvents"]),
        .library(name: "CortadoEngine", targets: ["CortadoEngine"]),
        .library(name: "CortadoStore", targets: ["CortadoStore"]),
        .library(name: "CortadoStoreSQLite", targets: ["CortadoStoreSQLite"]),
        .library(name: "CortadoTesting", targets: ["CortadoTesting"]),
        .library(name: "CortadoServer", targets: ["CortadoServer"]),
        .library(name: "CortadoTables", targets: ["CortadoTables"]),
        .library(name: "CortadoJSONata", targets: ["CortadoJSONata"]),
        .library(name: "CortadoTemplates", targets: ["CortadoTemplates"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // YAML templates: YAML parsing is what no hand-written code should redo.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure: the JSON value, its parser and printer, JSONPath and reference paths.
        .target(name: "CortadoJSON"),
        // Pure: the ASL model, validation, intrinsics, Choice, data flow and the interpreter step;
        // JSONata states through CortadoJSONata.
        .target(name: "CortadoLanguage", dependencies: ["CortadoJSON", "CortadoJSONata"]),
        // Pure: event patterns (validate, compile, match), input transformers, schedule expressions.
        .target(name: "CortadoEvents", dependencies: ["CortadoJSON"]),
        // Pure: DynamoDB's data model (attribute values, numbers, item sizes) and its expression language.
        .target(name: "CortadoTables", dependencies: ["CortadoJSON"]),
        // Pure: a JSONata 2.0 evaluator (lexer, Pratt parser, evaluator, function library) over the JSON value.
        .target(name: "CortadoJSONata", dependencies: ["CortadoJSON"]),
        // Pure: SAM and CloudFormation templates (YAML or JSON) → a validated, ordered deployment plan;
        // parameters, conditions, the SAM transform and intrinsic resolution. No I/O.
        .target(name: "CortadoTemplates", dependencies: ["CortadoJSON", .product(name: "Yams", package: "Yams")]),
        // Drives executions: the in-process runner with a virtual clock, task runners, the services and the function host.
        .target(
            name: "CortadoEngine",
            dependencies: [
                "CortadoLanguage", "CortadoJSON", "CortadoEvents", "CortadoStore", "CortadoTables",
                // Stacks deploy the plans templates give.
                "CortadoTemplates",
                .product(name: "Logging", package: "swift-log"),
                // The per-sandbox Runtime API listeners of the function host.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Function code arrives as zip archives.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The Node.js and Python bootstraps the function host starts.
            resources: [.copy("Functions/Runtimes")]
        ),
        // The HTTP surface on one Hummingbird port: the AWS protocols, and the console's files (no build step).
        .target(
            name: "CortadoServer",
            dependencies: [
                "CortadoEngine", "CortadoLanguage", "CortadoJSON", "CortadoStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Console")]
        ),
        // Execution store: the protocol, its records and the in-memory reference store.
        .target(name: "CortadoStore"),
        // The embedded SQLite store (GRDB, WAL, group commit).
        .target(name: "CortadoStoreSQLite", dependencies: ["CortadoStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Test helpers shared by test targets: the store conformance suite.
        .target(name: "CortadoTesting", dependencies: ["CortadoStore"]),
        .executableTarget(
            name: "cortado",
            dependencies: [
                "CortadoEngine", "CortadoLanguage", "CortadoJSON", "CortadoServer", "CortadoStore", "CortadoStoreSQLite",
                // `cortado deploy` reads templates and zips local code directories.
                "CortadoTemplates", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CortadoJSONTests", dependencies: ["CortadoJSON"]),
        .testTarget(name: "CortadoJSONataTests", dependencies: ["CortadoJSONata", "CortadoJSON"]),
        .testTarget(name: "CortadoTablesTests", dependencies: ["CortadoTables", "CortadoJSON"]),
        .testTarget(
            name: "CortadoTemplatesTests", dependencies: ["CortadoTemplates", "CortadoJSON"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CortadoLanguageTests", dependencies: ["CortadoLanguage", "CortadoJSON"]),
        .testTarget(
            name: "CortadoEventsTests", dependencies: ["CortadoEvents", "CortadoJSON", "CortadoTesting"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CortadoEngineTests",
            dependencies: ["CortadoEngine", "CortadoLanguage", "CortadoJSON", "CortadoStore", "CortadoTemplates"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CortadoServerTests",
            dependencies: [
                "CortadoServer", "CortadoEngine", "CortadoStore", "CortadoStoreSQLite", "CortadoJSON", "CortadoLanguage",
                "CortadoTesting",
                // Requests built by hand for the responders' address rules.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "CortadoStoreTests", dependencies: ["CortadoStore", "CortadoStoreSQLite", "CortadoTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
