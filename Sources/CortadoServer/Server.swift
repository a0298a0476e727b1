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
extension LogsService: AWSJSONService {
    /// CloudWatch Logs speaks AWS JSON 1.1.
    public var jsonVersion: String { "1.1" }
}
extension EventBusService: AWSJSONService {
    /// EventBridge speaks AWS JSON 1.1.
    public var jsonVersion: String { "1.1" }
}

/// Cortado's HTTP surface on one port: AWS JSON actions routed by `X-Amz-Target`, and `/health`.
public enum CortadoHTTP {
    /// Request bodies past this are refused before parsing (the payload limit applies to members).
    public static let maxBodyBytes = 8 << 20

    /// The router for the given services, keyed by their target prefix (`AWSStepFunctions`).
    public static func router(services: [String: any AWSJSONService]) -> Router<BasicRequestContext> {
        let router = Router()
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

    static func json(_ status: HTTPResponse.Status, _ value: JSON, version: String = "1.0") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-\(version)"
        headers[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.text)))
    }

    static func error(_ e: AWSError, version: String = "1.0") -> Response {
        json(HTTPResponse.Status(code: e.status), ["__type": .string(e.type), "message": .string(e.message)], version: version)
    }
}

extension Runtime {
    /// The Hummingbird application serving every surface on one port, with the timer services.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        let router = CortadoHTTP.router(services: ["AWSStepFunctions": service, "Logs_20140328": logs, "AWSEvents": events])
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "cortado"),
            services: timers.map { TimerLifecycleService($0) }, logger: logger)
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
