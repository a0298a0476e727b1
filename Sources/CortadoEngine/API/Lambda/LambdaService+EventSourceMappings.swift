import CortadoJSON
import CortadoStore
import Foundation
import Synchronization

/// Event source mappings (`/2015-03-31/event-source-mappings/`): a function triggered by a DynamoDB
/// stream. The mapping is a store document (kind `event-source-mapping`, keyed by its UUID) that also
/// keeps the position the poller has delivered up to, so a restart resumes after the last batch the
/// function took. `StreamTriggers` does the polling (docs/architecture/tables.md#streams).
extension LambdaService {
    static let mappingKind = "event-source-mapping"

    func routeMappings(_ r: LambdaHTTPRequest, _ rest: [String]) async throws -> LambdaHTTPResponse {
        switch (r.method, rest.count) {
        case ("POST", 0): return try await createMapping(r)
        case ("GET", 0): return try await listMappings(r)
        case ("GET", 1): return .json(Self.visibleMapping(try await mapping(rest[0])))
        case ("PUT", 1): return try await updateMapping(rest[0], r)
        case ("DELETE", 1):
            var doc = try await mapping(rest[0])
            _ = try await store.deleteResource(kind: Self.mappingKind, arn: rest[0])
            doc["State"] = "Deleting"
            mappingsChanged()
            return .json(Self.visibleMapping(doc), status: 202)
        default:
            throw AWSError("UnknownOperationException", "Cortado's Lambda API has no operation \(r.method) \(r.path)", status: 404)
        }
    }

    func createMapping(_ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let b = try body(r)
        guard let source = try b.string("EventSourceArn") else {
            throw AWSError.lambda("InvalidParameterValueException", "Unrecognized event source, must be DynamoDB stream.")
        }
        guard let functionName = try b.string("FunctionName") else {
            throw AWSError.lambda("ValidationException", "FunctionName is required")
        }
        let ref = try reference(functionName)
        _ = try resolve(ref)
        guard let check = streamCheck.withLock({ $0 }), let latest = await check(source) else {
            throw AWSError.lambda("InvalidParameterValueException", "Stream not found: \(source)")
        }
        let start = try b.string("StartingPosition")
        guard let start, ["TRIM_HORIZON", "LATEST"].contains(start) else {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "1 validation error detected: Value '\(start ?? "null")' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]"
            )
        }
        let batchSize = try b.int("BatchSize") ?? 100
        guard (1...10_000).contains(batchSize) else {
            throw AWSError.lambda("InvalidParameterValueException", "BatchSize must be between 1 and 10000 for DynamoDB streams")
        }
        let uuid = UUID().uuidString.lowercased()
        var doc: JSONObject = [
            "UUID": .string(uuid), "StartingPosition": .string(start), "BatchSize": .int(batchSize),
            "MaximumBatchingWindowInSeconds": .int(try b.int("MaximumBatchingWindowInSeconds") ?? 0), "ParallelizationFactor": 1,
            "EventSourceArn": .string(source), "FunctionArn": .string(functionArn(ref.name) + (ref.qualifier.map { ":" + $0 } ?? "")),
            "LastModified": .double(Double(clock.now()) / 1000), "LastProcessingResult": "No records processed",
            "State": (try b.bool("Enabled") ?? true) ? "Enabled" : "Disabled", "StateTransitionReason": "User action",
            "DestinationConfig": ["OnFailure": [:]], "MaximumRecordAgeInSeconds": .int(try b.int("MaximumRecordAgeInSeconds") ?? -1),
            "BisectBatchOnFunctionError": .bool(try b.bool("BisectBatchOnFunctionError") ?? false),
            "MaximumRetryAttempts": .int(try b.int("MaximumRetryAttempts") ?? -1), "TumblingWindowInSeconds": 0,
            "FunctionResponseTypes": [],
        ]
        // Where delivery starts: after the stream's last record for LATEST, from the first for TRIM_HORIZON.
        doc["Position"] = .int(start == "LATEST" ? Int(latest) : 0)
        try await store.createResource(
            ResourceRecord(kind: Self.mappingKind, arn: uuid, name: uuid, json: JSON.object(doc).text, creationDate: clock.now()))
        mappingsChanged()
        var answer = doc
        answer["State"] = "Creating"
        return .json(Self.visibleMapping(answer), status: 202)
    }

    func listMappings(_ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let function = try r.query["FunctionName"].map { try reference($0).name }
        let source = r.query["EventSourceArn"]
        let all = try await store.allResources(kind: Self.mappingKind).compactMap { try? JSON(parsing: $0.json).objectValue }
        let chosen = all.filter { doc in
            (function == nil
                || doc["FunctionArn"]?.stringValue.map { $0.split(separator: ":").dropFirst(6).first.map(String.init) == function }
                    == true)
                && (source == nil || doc["EventSourceArn"]?.stringValue == source)
        }
        return .json(["EventSourceMappings": .array(chosen.map(Self.visibleMapping))])
    }

    func updateMapping(_ uuid: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let b = try body(r)
        var doc = try await mapping(uuid)
        if let size = try b.int("BatchSize") { doc["BatchSize"] = .int(size) }
        if let enabled = try b.bool("Enabled") { doc["State"] = enabled ? "Enabled" : "Disabled" }
        if let retries = try b.int("MaximumRetryAttempts") { doc["MaximumRetryAttempts"] = .int(retries) }
        if let name = try b.string("FunctionName") {
            let ref = try reference(name)
            _ = try resolve(ref)
            doc["FunctionArn"] = .string(functionArn(ref.name) + (ref.qualifier.map { ":" + $0 } ?? ""))
        }
        doc["LastModified"] = .double(Double(clock.now()) / 1000)
        try await saveMapping(doc)
        mappingsChanged()
        return .json(Self.visibleMapping(doc), status: 202)
    }

    func mapping(_ uuid: String) async throws -> JSONObject {
        guard let record = try await store.resource(kind: Self.mappingKind, arn: uuid),
            let doc = try? JSON(parsing: record.json).objectValue
        else {
            throw AWSError.lambda(
                "ResourceNotFoundException", "The resource you requested does not exist. (Service: Lambda, Status Code: 404)")
        }
        return doc
    }

    /// Every mapping's document, for the poller.
    public func mappings() async throws -> [JSONObject] {
        try await store.allResources(kind: Self.mappingKind).compactMap { try? JSON(parsing: $0.json).objectValue }
    }

    /// Stores a mapping's document (its position after a delivered batch, its last result).
    public func saveMapping(_ doc: JSONObject) async throws {
        guard let uuid = doc["UUID"]?.stringValue else { return }
        let created = try await store.resource(kind: Self.mappingKind, arn: uuid)?.creationDate ?? clock.now()
        try await store.putResource(
            ResourceRecord(kind: Self.mappingKind, arn: uuid, name: uuid, json: JSON.object(doc).text, creationDate: created))
    }

    /// The document as the API shows it: without the poller's position.
    static func visibleMapping(_ doc: JSONObject) -> JSON {
        var d = doc
        d["Position"] = nil
        return .object(d)
    }

    /// Asks the stream poller to reread the mappings.
    func mappingsChanged() {
        for listener in mappingListeners.withLock({ $0 }) { listener() }
    }

    /// Who checks that an event source exists and gives its latest sequence number (the tables), and who
    /// polls (the stream triggers): set by the `Runtime`.
    public func connectStreams(check: @escaping @Sendable (String) async -> Int64?, changed: @escaping @Sendable () -> Void) {
        streamCheck.withLock { $0 = check }
        mappingListeners.withLock { $0.append(changed) }
    }
}
