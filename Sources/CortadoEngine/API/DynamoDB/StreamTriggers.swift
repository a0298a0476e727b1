import CortadoJSON
import CortadoStore
import Foundation
import Logging
import Synchronization

/// Delivers DynamoDB stream records to the functions their event source mappings name, in order, in
/// batches of the mapping's `BatchSize`, as `{"Records": [...]}`.
///
/// A batch is invoked synchronously; only when the function succeeds does the mapping's position move
/// past it (stored with the mapping), so a restart redelivers at most the batch in flight: at-least-once,
/// as on AWS. A failing batch is retried after 1, 2, 4 ... 30 seconds, `MaximumRetryAttempts` times
/// (-1: until it succeeds), then skipped. The loop wakes when a commit appended to a stream or a
/// mapping changed, and once a second regardless.
public final class StreamTriggers: Sendable {
    let tables: DynamoDBService
    let lambda: LambdaService
    let logger: Logger
    /// Wake-ups: the newest one is kept while a round runs, so a commit during a round gets its own round.
    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation
    /// Failed attempts and the time of the next one, per mapping.
    private let retries = Mutex<[String: (attempts: Int, next: ContinuousClock.Instant)]>([:])

    public init(tables: DynamoDBService, lambda: LambdaService, logger: Logger) {
        self.tables = tables
        self.lambda = lambda
        self.logger = logger
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        tables.onStreamRecords { [weak self] _ in self?.signal() }
        lambda.connectStreams(
            check: { [weak tables] arn in await tables?.latestSequence(streamArn: arn) }, changed: { [weak self] in self?.signal() })
    }

    func signal() { wakeup.yield() }

    /// Delivers until cancelled: at every wake-up, and once a second (retries come due).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    signal()
                }
            }
            for await _ in wakeups {
                if Task.isCancelled { break }
                await deliverAll()
            }
            group.cancelAll()
        }
    }

    /// Delivers every mapping's pending records, batch after batch.
    public func deliverAll() async {
        guard let mappings = try? await lambda.mappings() else { return }
        for mapping in mappings where mapping["State"]?.stringValue == "Enabled" {
            while await deliverBatch(mapping: mapping["UUID"]?.stringValue ?? "") {}
        }
    }

    /// Delivers one batch of one mapping; true if there may be more.
    func deliverBatch(mapping uuid: String) async -> Bool {
        guard var doc = try? await lambda.mapping(uuid), doc["State"]?.stringValue == "Enabled",
            let source = doc["EventSourceArn"]?.stringValue, let function = doc["FunctionArn"]?.stringValue
        else { return false }
        if let retry = retries.withLock({ $0[uuid] }), retry.next > .now { return false }
        let position = Int64(doc["Position"]?.intValue ?? 0)
        let size = doc["BatchSize"]?.intValue ?? 100
        guard let records = try? await tables.streamRecords(table: DynamoDBService.tableName(source), after: position, limit: size),
            let last = records.last
        else { return false }
        let payload = Array(JSON.object(["Records": .array(records.map(\.1))]).text.utf8)
        var succeeded = false
        do {
            let result = try await lambda.invoke(function: function, payload: payload)
            succeeded = result.functionError == nil
        } catch {
            logger.warning("a stream trigger failed", metadata: ["mapping": "\(uuid)", "error": "\(error)"])
        }
        var advance = succeeded
        if !succeeded {
            let attempts = (retries.withLock { $0[uuid]?.attempts } ?? 0) + 1
            let limit = doc["MaximumRetryAttempts"]?.intValue ?? -1
            if limit >= 0 && attempts > limit {
                advance = true  // given up on this batch, as AWS does after MaximumRetryAttempts
            } else {
                let delay = Duration.seconds(min(30, 1 << min(attempts - 1, 5)))
                retries.withLock { $0[uuid] = (attempts, .now + delay) }
                doc["LastProcessingResult"] = "PROBLEM: Function call failed"
                try? await lambda.saveMapping(doc)
                return false
            }
        }
        retries.withLock { $0[uuid] = nil }
        if advance {
            doc["Position"] = .int(Int(last.0))
            doc["LastProcessingResult"] = succeeded ? "OK" : "PROBLEM: Function call failed"
            do { try await lambda.saveMapping(doc) } catch { return false }
        }
        return records.count == size
    }
}

extension DynamoDBService {
    /// The stream's latest sequence number (0 if empty), or nil if no table has that stream.
    public func latestSequence(streamArn: String) async -> Int64? {
        guard let table = try? await table(Self.tableName(streamArn)), table.streamArn == streamArn else { return nil }
        let last = try? await items.items(
            CortadoStore.ItemQuery(space: table.schema.streamSpace, partition: nil, reverse: true, limit: 1)
        ).first
        return last.map { TableWriteBatch.sequence(of: $0.sort) } ?? 0
    }
}
