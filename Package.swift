// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cortado",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cortado", targets: ["cortado"]),
        .library(name: "CortadoJSON", targets: ["CortadoJSON"]),
        .library(name: "CortadoLanguage", targets: ["CortadoLanguage"]),
        .library(name: "CortadoEngine", targets: ["CortadoEngine"]),
        .library(name: "CortadoStore", targets: ["CortadoStore"]),
        .library(name: "CortadoStoreSQLite", targets: ["CortadoStoreSQLite"]),
        .library(name: "CortadoTesting", targets: ["CortadoTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure: the JSON value, its parser and printer, JSONPath and reference paths.
        .target(name: "CortadoJSON"),
        // Pure: the ASL model, validation, intrinsics, Choice, data flow and the interpreter step.
        .target(name: "CortadoLanguage", dependencies: ["CortadoJSON"]),
        // Drives executions: the in-process runner with a virtual clock and task runners.
        .target(name: "CortadoEngine", dependencies: ["CortadoLanguage", "CortadoJSON"]),
        // Execution store: the protocol, its records and the in-memory reference store.
        .target(name: "CortadoStore"),
        // The embedded SQLite store (GRDB, WAL, group commit).
        .target(name: "CortadoStoreSQLite", dependencies: ["CortadoStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Test helpers shared by test targets: the store conformance suite.
        .target(name: "CortadoTesting", dependencies: ["CortadoStore"]),
        .executableTarget(
            name: "cortado",
            dependencies: [
                "CortadoEngine", "CortadoLanguage", "CortadoJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CortadoJSONTests", dependencies: ["CortadoJSON"]),
        .testTarget(name: "CortadoLanguageTests", dependencies: ["CortadoLanguage", "CortadoJSON"]),
        .testTarget(
            name: "CortadoEngineTests",
            dependencies: ["CortadoEngine", "CortadoLanguage", "CortadoJSON"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CortadoStoreTests", dependencies: ["CortadoStore", "CortadoStoreSQLite", "CortadoTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
