import CortadoJSON
import CortadoStore
import Foundation
import Logging
import Synchronization

/// A request to Lambda's REST API, as the HTTP layer hands it over.
public struct LambdaHTTPRequest: Sendable {
    public var method: String
    /// The path, percent-decoded per segment by the service.
    public var path: String
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String], headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// An answer of Lambda's REST API.
public struct LambdaHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ value: JSON, status: Int = 200) -> LambdaHTTPResponse {
        LambdaHTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(value.text.utf8))
    }

    /// Lambda's error form: `x-amzn-ErrorType` names it, the body says it.
    public static func error(_ e: AWSError) -> LambdaHTTPResponse {
        var body: JSONObject = ["Type": .string(e.status >= 500 ? "Service" : "User"), "message": .string(e.message)]
        // The only throttling Cortado does is a function's reserved concurrency.
        if e.type == "TooManyRequestsException" { body["Reason"] = "ReservedFunctionConcurrentInvocationLimitExceeded" }
        return LambdaHTTPResponse(
            status: e.status, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", e.type)],
            body: Array(JSON.object(body).text.utf8))
    }
}

/// Lambda's REST API (`/2015-03-31/functions/...`): functions, versions and aliases as store documents
/// (one document per function, kind `function`), invocation through the `FunctionHost`, and the
/// asynchronous queue. See docs/architecture/functions.md.
public final class LambdaService: Sendable {
    /// Everything known about one function: `$LATEST`, its published versions, aliases and policy.
    struct Entry: Sendable {
        var latest: FunctionConfiguration
        var versions: [Int: FunctionConfiguration] = [:]
        var lastVersion = 0
        var aliases: [String: Alias] = [:]
        var policy: [JSON] = []
        var created: Int64

        var document: JSON {
            [
                "latest": latest.document, "versions": .array(versions.keys.sorted().map { versions[$0]!.document }),
                "lastVersion": .int(lastVersion), "aliases": .array(aliases.keys.sorted().map { aliases[$0]!.document }),
                "policy": .array(policy),
            ]
        }

        init(latest: FunctionConfiguration, created: Int64) {
            self.latest = latest
            self.created = created
        }

        init?(document: JSON, created: Int64) {
            guard let latestDoc = document["latest"], let latest = FunctionConfiguration(document: latestDoc) else { return nil }
            self.latest = latest
            self.created = created
            for v in document["versions"]?.arrayValue ?? [] {
                if let c = FunctionConfiguration(document: v), let n = Int(c.version) { versions[n] = c }
            }
            lastVersion = document["lastVersion"]?.intValue ?? 0
            for a in document["aliases"]?.arrayValue ?? [] {
                if let alias = Alias(document: a) { aliases[alias.name] = alias }
            }
            policy = document["policy"]?.arrayValue ?? []
        }
    }

    struct Alias: Sendable {
        var name: String
        var arn: String
        var functionVersion: String
        var description: String
        var revisionId: String

        var document: JSON {
            [
                "AliasArn": .string(arn), "Name": .string(name), "FunctionVersion": .string(functionVersion),
                "Description": .string(description), "RevisionId": .string(revisionId),
            ]
        }

        init(name: String, arn: String, functionVersion: String, description: String, revisionId: String) {
            self.name = name
            self.arn = arn
            self.functionVersion = functionVersion
            self.description = description
            self.revisionId = revisionId
        }

        init?(document: JSON) {
            guard case .string(let name)? = document["Name"], case .string(let arn)? = document["AliasArn"] else { return nil }
            self.init(
                name: name, arn: arn, functionVersion: document["FunctionVersion"]?.stringValue ?? "$LATEST",
                description: document["Description"]?.stringValue ?? "", revisionId: document["RevisionId"]?.stringValue ?? "")
        }
    }

    static let kind = "function"
    static let eventKind = "function-event"

    let store: any ExecutionStore
    let clock: any EngineClock
    let configuration: EngineConfiguration
    public let host: FunctionHost
    let code: FunctionCode
    let logger: Logger
    let entries = Mutex<[String: Entry]>([:])
    let locks = KeyedLock()
    let queue: AsyncInvocationQueue
    /// Set by the `Runtime`: whether a stream ARN exists (and its latest sequence number).
    let streamCheck = Mutex<(@Sendable (String) async -> Int64?)?>(nil)
    /// Set by the `Runtime`: reads an object of Cortado's S3 (a function's `S3Bucket`/`S3Key` code).
    let objectReader = Mutex<(@Sendable (String, String) async -> [UInt8]?)?>(nil)
    /// Called when event source mappings change.
    let mappingListeners = Mutex<[@Sendable () -> Void]>([])

    public init(
        store: any ExecutionStore, clock: any EngineClock, configuration: EngineConfiguration, logs: LogsService,
        codeDirectory: URL, options: FunctionHost.Options, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        code = FunctionCode(root: codeDirectory)
        host = FunctionHost(options: options, logs: logs, clock: clock, configuration: configuration, logger: logger)
        queue = AsyncInvocationQueue(store: store, clock: clock, logger: logger)
    }

    /// Loads stored functions (re-unpacking code that went missing) and restarts queued asynchronous events.
    public func recover() async throws {
        let records = try await store.allResources(kind: Self.kind)
        var loaded: [String: Entry] = [:]
        for r in records {
            guard let json = try? JSON(parsing: r.json), let entry = Entry(document: json, created: r.creationDate) else { continue }
            code.ensure(entry.latest)
            for v in entry.versions.values { code.ensure(v) }
            loaded[entry.latest.name] = entry
        }
        entries.withLock { $0 = loaded }
        await queue.recover(service: self)
    }

    /// Stops every function process.
    public func shutdown() {
        queue.stop()
        host.shutdown()
    }

    func functionArn(_ name: String) -> String {
        "arn:aws:lambda:\(configuration.region):\(configuration.account):function:\(name)"
    }

    /// Writes an entry's document (under the function's lock, held by the caller).
    func save(_ entry: Entry) async throws {
        try await store.putResource(
            ResourceRecord(
                kind: Self.kind, arn: entry.latest.arn, name: entry.latest.name, json: entry.document.text, creationDate: entry.created))
        entries.withLock { $0[entry.latest.name] = entry }
    }

    func entry(_ name: String) -> Entry? { entries.withLock { $0[name] } }

    // MARK: - Routing

    /// Answers one REST request.
    public func handle(_ request: LambdaHTTPRequest) async -> LambdaHTTPResponse {
        do {
            return try await route(request)
        } catch let e as AWSError {
            return .error(e)
        } catch let e as StoreError {
            return .error(AWSError.lambda("ServiceException", e.message))
        } catch {
            return .error(AWSError.lambda("ServiceException", "\(error)"))
        }
    }

    private func route(_ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let segments = r.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        if segments.count >= 2, segments[0] == "2015-03-31", segments[1] == "event-source-mappings" {
            return try await routeMappings(r, Array(segments.dropFirst(2)))
        }
        guard segments.count >= 2, segments[1] == "functions" else { throw unknownRoute(r) }
        let api = segments[0]
        let rest = Array(segments.dropFirst(2))
        switch (api, r.method, rest.count) {
        case ("2015-03-31", "POST", 0): return try await createFunction(r)
        case ("2015-03-31", "GET", 0): return try listFunctions(r)
        default: break
        }
        guard let name = rest.first else { throw unknownRoute(r) }
        let tail = Array(rest.dropFirst())
        switch (api, r.method, tail.first ?? "", tail.count) {
        case ("2015-03-31", "GET", "", 0): return try getFunction(name, r)
        case ("2015-03-31", "DELETE", "", 0): return try await deleteFunction(name, r)
        case ("2015-03-31", "GET", "configuration", 1): return try getFunctionConfiguration(name, r)
        case ("2015-03-31", "PUT", "configuration", 1): return try await updateFunctionConfiguration(name, r)
        case ("2015-03-31", "PUT", "code", 1): return try await updateFunctionCode(name, r)
        case ("2015-03-31", "POST", "invocations", 1): return try await invoke(name, r)
        case ("2015-03-31", "POST", "versions", 1): return try await publishVersion(name, r)
        case ("2015-03-31", "GET", "versions", 1): return try listVersions(name, r)
        case ("2015-03-31", "POST", "aliases", 1): return try await createAlias(name, r)
        case ("2015-03-31", "GET", "aliases", 1): return try listAliases(name, r)
        case ("2015-03-31", "GET", "aliases", 2): return try getAlias(name, tail[1])
        case ("2015-03-31", "PUT", "aliases", 2): return try await updateAlias(name, tail[1], r)
        case ("2015-03-31", "DELETE", "aliases", 2): return try await deleteAlias(name, tail[1])
        case ("2015-03-31", "POST", "policy", 1): return try await addPermission(name, r)
        case ("2015-03-31", "GET", "policy", 1): return try getPolicy(name, r)
        case ("2015-03-31", "DELETE", "policy", 2): return try await removePermission(name, tail[1], r)
        case ("2017-10-31", "PUT", "concurrency", 1): return try await putConcurrency(name, r)
        case ("2017-10-31", "DELETE", "concurrency", 1): return try await deleteConcurrency(name)
        case ("2019-09-30", "GET", "concurrency", 1): return try getConcurrency(name)
        default: throw unknownRoute(r)
        }
    }

    private func unknownRoute(_ r: LambdaHTTPRequest) -> AWSError {
        AWSError("UnknownOperationException", "Cortado's Lambda API has no operation \(r.method) \(r.path)", status: 404)
    }

    /// The request body as a JSON object (`{}` when empty).
    func body(_ r: LambdaHTTPRequest) throws -> Request {
        if r.body.isEmpty { return try Request([:]) }
        guard let json = try? JSON(parsing: r.body) else {
            throw AWSError.lambda("InvalidRequestContentException", "Could not parse request body into json: the body is not valid JSON")
        }
        do { return try Request(json) } catch {
            throw AWSError.lambda("InvalidRequestContentException", "Could not parse request body into json: the body is not a JSON object")
        }
    }
}
