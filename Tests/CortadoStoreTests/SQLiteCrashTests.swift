import CortadoStore
import CortadoStoreSQLite
import Foundation
import Testing

/// A writer process is killed with SIGKILL mid-write; every commit it acknowledged must be in the
/// database when it is reopened, and nothing else half-written.
@Suite struct SQLiteCrashTests {
    static let childDirectory = ProcessInfo.processInfo.environment["CORTADO_CRASH_CHILD_DIR"]
    static let canSpawn = FileManager.default.fileExists(atPath: "/proc/self/exe") && childDirectory == nil

    @Test(.enabled(if: canSpawn, "needs /proc/self/exe to re-run this test binary as the writer it kills (Linux)"))
    func acknowledgedCommitsSurviveKill() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "SQLiteCrashTests/childWriter"]
        child.environment = ProcessInfo.processInfo.environment.merging(["CORTADO_CRASH_CHILD_DIR": directory.path]) { $1 }
        let pipe = Pipe()
        child.standardOutput = pipe
        child.standardError = FileHandle.nullDevice
        try child.run()

        // Read acknowledgements until enough have arrived, then kill the writer mid-stream.
        var acknowledged: [String: Int64] = [:]
        var count = 0
        var buffer = Data()
        let deadline = ContinuousClock.now + .seconds(60)
        while count < 3_000, ContinuousClock.now < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer.append(data)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ACK", let version = Int64(parts[2]) else { continue }
                acknowledged[String(parts[1]), default: 0] = max(acknowledged[String(parts[1]), default: 0], version)
                count += 1
            }
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(count >= 3_000, "the writer acknowledged \(count) commits before the deadline")

        let store = try SQLiteStore(directory: directory.path)
        for (arn, version) in acknowledged {
            let record = try #require(try await store.execution(arn: arn))
            #expect(record.version >= version, "\(arn) acknowledged at version \(version), stored at \(record.version)")
            let history = try await store.history(executionArn: arn, limit: 100_000, reverse: false, pageToken: nil)
            #expect(history.items.map(\.id) == Array(1...Int(record.version)), "\(arn): one event per committed version, none lost")
        }
        try store.close()
    }

    /// The writer the test above kills: concurrent executions committing one event per transition, each
    /// acknowledged on stdout only after `commit` returned.
    @Test(
        .enabled(
            if: childDirectory != nil,
            "the writer half of the crash test: runs only as the child process the crash test starts and kill -9s"))
    func childWriter() async throws {
        let store = try SQLiteStore(directory: Self.childDirectory!)
        let machine = SQLiteStoreTests.machine
        try await store.createStateMachine(machine)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<32 {
                group.addTask {
                    var e = SQLiteStoreTests.execution(i)
                    e.version = try await store.commit([.insert(e, events: [SQLiteStoreTests.event(1)])])[0].get()
                    Self.acknowledge(e)
                    for step in 2...100_000 {
                        e.version = try await store.commit([.update(e, events: [SQLiteStoreTests.event(step)])])[0].get()
                        Self.acknowledge(e)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func acknowledge(_ e: ExecutionRecord) {
        FileHandle.standardOutput.write(Data("ACK \(e.arn) \(e.version)\n".utf8))
    }
}
