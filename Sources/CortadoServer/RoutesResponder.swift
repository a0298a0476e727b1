import CortadoEngine
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Sends requests for a stack's HTTP APIs to `RoutesService` before anything else sees them, at the two
/// addresses a local API Gateway has: `/restapis/<api-id>/<stage>/_user_request_/<path>` and, with a
/// `Host` of `<api-id>.execute-api.<anything>`, `/<stage>/<path>` (no stage for an HTTP API's `$default`).
public struct RoutesResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    let inner: Inner
    let routes: RoutesService

    public init(inner: Inner, routes: RoutesService) {
        self.inner = inner
        self.routes = routes
    }

    /// A request body an API takes at most (API Gateway's payload limit is 10 MB).
    static var bodyLimit: Int { 10 * 1024 * 1024 }

    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (apiId, stage, path) = Self.address(request) else { return try await inner.respond(to: request, context: context) }
        let body = try await request.body.collect(upTo: Self.bodyLimit)
        var headers: [(String, String)] = []
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        let answer = await routes.handle(
            apiId: apiId, stage: stage,
            ApiHTTPRequest(
                method: request.method.rawValue, path: path, rawQuery: request.uri.query ?? "", headers: headers,
                body: Array(body.readableBytesView)))
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// (api id, stage, path under the stage) when the request is for an API.
    static func address(_ request: Request) -> (String, String, String)? {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            String($0).removingPercentEncoding ?? String($0)
        }
        if parts.count >= 4, parts[0] == "restapis", parts[3] == "_user_request_" {
            return (parts[1], parts[2], "/" + parts.dropFirst(4).joined(separator: "/"))
        }
        let host = (request.head.authority ?? "").split(separator: ":").first.map(String.init) ?? ""
        guard let range = host.range(of: ".execute-api."), range.lowerBound > host.startIndex else { return nil }
        let apiId = String(host[..<range.lowerBound])
        guard let first = parts.first, !first.isEmpty else { return (apiId, "$default", "/") }
        // `/<stage>/<path>`; an HTTP API's `$default` stage has no prefix, which RoutesService tells apart.
        return (apiId, first, "/" + parts.dropFirst().joined(separator: "/"))
    }
}
