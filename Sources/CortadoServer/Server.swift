import CortadoEngine
import CortadoJSON
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A service behind the AWS JSON protocol: `X-Amz-Target: <prefix>.<Action>`.
public protocol AWSJSONService: Sendable {
    /// The protocol version its answers declare (`application/x-amz-json-<version>`).
    var jsonVersion: String { get }
    func handle(action: String, body: JSON) async -> Result<JSON, AWSError>
}

extension AWSJSONService {
    public var jsonVersion: String { "1.0" }
}

extension StepFunctionsService: AWSJSONService {}
extension DynamoDBService: AWSJSONService {}
extension DynamoDBStreamsService: AWSJSONService {}
extension LogsService: AWSJSONService {
    /// CloudWatch Logs speaks AWS JSON 1.1.
    public var jsonVersion: String { "1.1" }
}
/// CloudFormation over AWS JSON 1.0 (`X-Amz-Target: CloudFormation.<Action>`) is Cortado's extension; the AWS
/// CLI and SDKs use the query protocol (`QueryProtocol`).
extension CloudFormationService: AWSJSONService {}
extension EventBusService: AWSJSONService {
    /// EventBridge speaks AWS JSON 1.1.
    public var jsonVersion: String { "1.1" }
}

/// Cortado's HTTP surface on one port: AWS JSON actions routed by `X-Amz-Target`, and `/health`.
public enum CortadoHTTP {
    /// Request bodies past this are refused before parsing (the payload limit applies to members).
    public static let maxBodyBytes = 8 << 20

    /// The router for the given services, keyed by their target prefix (`AWSStepFunctions`).
    public static func router(services: [String: any AWSJSONService], lambda: LambdaService? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        if let lambda {
            // Lambda's REST API: its operations live under dated prefixes.
            for prefix in ["2015-03-31", "2017-10-31", "2019-09-30"] {
                for method in [HTTPRequest.Method.get, .post, .put, .delete] {
                    router.on(RouterPath("/\(prefix)/functions/**"), method: method) { request, _ in
                        await lambdaDispatch(request, lambda)
                    }
                    router.on(RouterPath("/\(prefix)/functions"), method: method) { request, _ in
                        await lambdaDispatch(request, lambda)
                    }
                }
            }
            for method in [HTTPRequest.Method.get, .post, .put, .delete] {
                for path in ["/2015-03-31/event-source-mappings", "/2015-03-31/event-source-mappings/**"] {
                    router.on(RouterPath(path), method: method) { request, _ in await lambdaDispatch(request, lambda) }
                }
            }
        }
        router.get("/health") { _, _ -> Response in
            json(.ok, ["status": "ok"])
        }
        router.post("/") { request, _ -> Response in
            await dispatch(request, services: services)
        }
        return router
    }

    static func dispatch(_ request: Request, services: [String: any AWSJSONService]) async -> Response {
        guard let target = request.headers[HTTPField.Name("X-Amz-Target")!] else {
            if let cloudFormation = services["CloudFormation"],
                request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
            {
                return await queryDispatch(request, cloudFormation)
            }
            return error(AWSError("MissingAction", "Missing the X-Amz-Target header (AWS JSON 1.0 protocol)"))
        }
        let parts = target.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let service = services[String(parts[0])] else {
            return error(.unknownOperation(target))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            return Self.error(
                AWSError("RequestEntityTooLarge", "The request body is larger than \(maxBodyBytes) bytes", status: 413),
                version: service.jsonVersion)
        }
        let value: JSON
        if body.readableBytes == 0 {
            value = [:]
        } else {
            do {
                value = try body.withUnsafeReadableBytes { try JSON(parsing: $0) }
            } catch {
                return Self.error(.serialization("The request body is not valid JSON: \(error)"), version: service.jsonVersion)
            }
        }
        switch await service.handle(action: String(parts[1]), body: value) {
        case .success(let answer): return json(.ok, answer, version: service.jsonVersion)
        case .failure(let e): return error(e, version: service.jsonVersion)
        }
    }

    /// A query-protocol call (CloudFormation's, from the AWS CLI and SDKs): form body in, XML out.
    static func queryDispatch(_ request: Request, _ service: any AWSJSONService) async -> Response {
        let requestId = UUID().uuidString.lowercased()
        func xml(_ status: HTTPResponse.Status, _ text: String) -> Response {
            var headers = HTTPFields()
            headers[.contentType] = "text/xml"
            headers[HTTPField.Name("x-amzn-RequestId")!] = requestId
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        func failure(_ e: AWSError) -> Response {
            xml(HTTPResponse.Status(code: e.status), QueryProtocol.errorResponse(e, requestId: requestId))
        }
        guard let body = try? await request.body.collect(upTo: maxBodyBytes) else {
            return failure(AWSError("RequestEntityTooLarge", "The request body is larger than \(maxBodyBytes) bytes", status: 413))
        }
        guard let (action, parameters) = QueryProtocol.decode(String(buffer: body)) else {
            return failure(AWSError("MissingAction", "The request must contain the parameter Action"))
        }
        switch await service.handle(action: action, body: parameters) {
        case .success(let answer): return xml(.ok, QueryProtocol.response(action, answer, requestId: requestId))
        case .failure(let e): return failure(e)
        }
    }

    /// The largest Lambda request: a 50 MB zip, base64, in JSON.
    public static let maxLambdaBodyBytes = 70 << 20

    static func lambdaDispatch(_ request: Request, _ lambda: LambdaService) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxLambdaBodyBytes)
        } catch {
            return lambdaResponse(
                .error(
                    AWSError(
                        "RequestEntityTooLargeException", "Request must be smaller than \(maxLambdaBodyBytes) bytes for the operation",
                        status: 413)))
        }
        var query: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let answer = await lambda.handle(
            LambdaHTTPRequest(
                method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                body: Array(body.readableBytesView)))
        return lambdaResponse(answer)
    }

    static func lambdaResponse(_ answer: LambdaHTTPResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { headers.append(HTTPField(name: n, value: value)) }
        }
        let requestID = HTTPField.Name("x-amzn-RequestId")!
        if headers[requestID] == nil { headers[requestID] = UUID().uuidString.lowercased() }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSON, version: String = "1.0") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-\(version)"
        headers[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.text)))
    }

    static func error(_ e: AWSError, version: String = "1.0") -> Response {
        var body: JSONObject = ["__type": .string(e.type), "message": .string(e.message)]
        for (key, value) in e.fields { body[key] = value }
        return json(HTTPResponse.Status(code: e.status), .object(body), version: version)
    }
}

extension Runtime {
    /// The Hummingbird application serving every surface on one port, with the timer services.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        let router = CortadoHTTP.router(
            services: [
                "AWSStepFunctions": service, "Logs_20140328": logs, "AWSEvents": events, "DynamoDB_20120810": tables,
                "DynamoDBStreams_20120810": streams, "CloudFormation": cloudFormation,
            ], lambda: lambda)
        return Application(
            responder: RoutesResponder(
                inner: ConsoleResponder(
                    inner: S3Responder(inner: router.buildResponder(), s3: s3), assets: ConsoleAssets.standard(), changes: changes),
                routes: routes),
            configuration: .init(address: .hostname(host, port: port), serverName: "cortado"),
            services: timers.map { TimerLifecycleService($0) as any Service } + [
                FunctionHostService(host: lambda.host), StreamTriggerService(streamTriggers),
            ], logger: logger)
    }
}

/// Sends what looks like S3 (path- or virtual-host-style, no `X-Amz-Target`) to S3 before the router
/// sees it: S3 keys are arbitrary paths, which a router would normalise.
public struct S3Responder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner
    let s3: S3Service

    public init(inner: Inner, s3: S3Service) {
        self.inner = inner
        self.s3 = s3
    }

    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        guard CortadoHTTP.isS3(request) else { return try await inner.respond(to: request, context: context) }
        return await CortadoHTTP.s3Dispatch(request, s3)
    }
}

extension CortadoHTTP {
    /// Everything but AWS JSON calls (`X-Amz-Target`), Lambda's dated paths, `GET /health` and a
    /// path-style `POST /` (an AWS JSON call missing its target).
    static func isS3(_ request: Request) -> Bool {
        if request.headers[HTTPField.Name("X-Amz-Target")!] != nil { return false }
        let path = request.uri.path
        if path == "/health", request.method == .get { return false }
        for prefix in ["2015-03-31", "2017-10-31", "2019-09-30"] where path.hasPrefix("/\(prefix)/functions") { return false }
        if path.hasPrefix("/2015-03-31/event-source-mappings") { return false }
        if path == "/", request.method == .post, S3Service.virtualHostBucket(host(request)) == nil { return false }
        return true
    }

    static func host(_ request: Request) -> String {
        request.head.authority ?? ""
    }

    static func s3Dispatch(_ request: Request, _ s3: S3Service) async -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        headers["host"] = host(request)
        let answer = await s3.handle(
            S3HTTPRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers),
            body: request.body.map { Array($0.readableBytesView) })
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        let status = HTTPResponse.Status(code: answer.status)
        switch answer.body {
        case .bytes(let bytes):
            if request.method == .head { return Response(status: status, headers: fields, body: ResponseBody()) }
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .file(let handle, let offset, let length):
            return Response(
                status: status, headers: fields,
                body: ResponseBody(contentLength: length) { writer in
                    defer { try? handle.close() }
                    try handle.seek(toOffset: offset)
                    var left = length
                    while left > 0 {
                        guard let data = try handle.read(upToCount: min(left, 1 << 20)), !data.isEmpty else { break }
                        try await writer.write(ByteBuffer(bytes: data))
                        left -= data.count
                    }
                    try await writer.finish(nil)
                })
        }
    }
}

/// Runs the timer service under swift-service-lifecycle, stopping on graceful shutdown.
public struct TimerLifecycleService: Service {
    let timers: TimerService

    public init(_ timers: TimerService) { self.timers = timers }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await timers.run()
        }
    }
}

/// Delivers stream records to the functions they trigger, until graceful shutdown.
public struct StreamTriggerService: Service {
    let triggers: StreamTriggers

    public init(_ triggers: StreamTriggers) { self.triggers = triggers }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await triggers.run()
        }
    }
}

/// Stops idle function processes periodically, and every process on graceful shutdown.
public struct FunctionHostService: Service {
    let host: FunctionHost

    public init(host: FunctionHost) { self.host = host }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await host.run()
        }
        host.shutdown()
    }
}
