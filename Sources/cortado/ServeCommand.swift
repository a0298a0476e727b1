import ArgumentParser
import CortadoEngine
import CortadoServer
import CortadoStore
import CortadoStoreSQLite
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `cortado serve`: the Step Functions API on one port, durable in an embedded SQLite database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Step Functions API over HTTP (AWS JSON 1.0), durable on SQLite."
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (Step Functions Local's is 8083).")
    var port = 8083

    @Option(help: "The data directory: the SQLite database and the task-token key live there.")
    var data = "./.cortado"

    @Option(help: "The region in ARNs.")
    var region = "us-east-1"

    @Option(help: "The account id in ARNs.")
    var account = "000000000000"

    @Option(help: "Run time this many times faster (Wait states, timeouts, heartbeats, backoff): for tests and demos.")
    var timeScale: Double = 1

    @Option(help: "The largest input, output or task result, in bytes.")
    var payloadLimit = 262_144

    @Option(help: "Function processes alive at once, across functions.")
    var maxFunctionInstances = 64

    @Option(help: "Stop a function process after it has been idle this many seconds.")
    var functionIdleSeconds = 300

    @Option(help: "The secret key presigned S3 URLs are checked with, whatever access key id they name.")
    var s3SecretKey = "test"

    @Option(help: "The log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    func validate() throws {
        if timeScale <= 0 || !timeScale.isFinite { throw ValidationError("--time-scale must be a positive number") }
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
        if account.count != 12 || !account.allSatisfy(\.isNumber) { throw ValidationError("--account must be 12 digits") }
        if payloadLimit < 1 { throw ValidationError("--payload-limit must be positive") }
        if maxFunctionInstances < 1 { throw ValidationError("--max-function-instances must be positive") }
        if functionIdleSeconds < 1 { throw ValidationError("--function-idle-seconds must be positive") }
    }

    func run() async throws {
        var logger = Logger(label: "cortado")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(directory: directory.path)
        let tokens = TaskTokens(key: try TaskTokens.loadKey(at: directory.appendingPathComponent("token.key")))
        let configuration = EngineConfiguration(region: region, account: account, payloadLimit: payloadLimit)
        // A scaled clock resumes after where the previous run had got to (see ClockMark).
        let mark = ClockMark(url: directory.appendingPathComponent("clock"))
        let clock = ScaledWallClock(scale: timeScale, resumingAfter: timeScale == 1 ? nil : mark.resumePoint(scale: timeScale))
        // Functions' SDK calls come back here; a wildcard bind is still reachable on loopback.
        let reachable = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let functions = FunctionHost.Options(
            maxInstances: maxFunctionInstances, idleSeconds: functionIdleSeconds, endpoint: "http://\(reachable):\(port)")
        let server = Runtime(
            store: store, clock: clock, tokens: tokens, configuration: configuration, functions: functions,
            codeDirectory: directory.appendingPathComponent("functions/code"),
            objectDirectory: directory.appendingPathComponent("objects"), objects: S3Service.Options(secretKey: s3SecretKey),
            logger: logger)
        let started = Date()
        try await server.recover()
        logger.info(
            "recovered",
            metadata: ["seconds": "\(String(format: "%.3f", Date().timeIntervalSince(started)))", "data": "\(directory.path)"])
        let app = server.application(host: host, port: port)
        let keeper = Task { await mark.keep(clock) }
        defer { keeper.cancel() }
        try await app.runService()
        server.shutdown()
        try store.close()
    }
}
