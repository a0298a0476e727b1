import CortadoJSON
import Foundation

/// API Gateway's Lambda proxy integration: the event a function receives and how its answer becomes the
/// HTTP response, in payload format 1.0 (REST APIs) and 2.0 (HTTP APIs).
extension RoutesService {
    func proxyEvent(_ api: ApiDefinition, _ route: ApiRoute, _ parameters: [String: String], _ request: ApiHTTPRequest) -> JSON {
        let now = clock.now()
        let requestId = UUID().uuidString.lowercased()
        let (text, isBase64) = Self.bodyText(request.body)
        let query = Self.queryPairs(request.rawQuery)
        let pathParameters: JSON =
            parameters.isEmpty ? .null : .object(JSONObject(parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        let userAgent = request.headers.first { $0.0.lowercased() == "user-agent" }?.1 ?? ""
        switch api.kind {
        case .rest:
            var single = JSONObject()
            var multi = JSONObject()
            for (k, v) in request.headers {
                single[k] = .string(v)
                multi[k] = .array((multi[k]?.arrayValue ?? []) + [.string(v)])
            }
            var singleQuery = JSONObject()
            var multiQuery = JSONObject()
            for (k, v) in query {
                singleQuery[k] = .string(v)
                multiQuery[k] = .array((multiQuery[k]?.arrayValue ?? []) + [.string(v)])
            }
            return [
                "resource": .string(route.path), "path": .string(request.path), "httpMethod": .string(request.method.uppercased()),
                "headers": .object(single), "multiValueHeaders": .object(multi),
                "queryStringParameters": query.isEmpty ? .null : .object(singleQuery),
                "multiValueQueryStringParameters": query.isEmpty ? .null : .object(multiQuery),
                "pathParameters": pathParameters, "stageVariables": .null,
                "requestContext": [
                    "accountId": .string(configuration.account), "apiId": .string(api.id), "stage": .string(api.stage),
                    "resourcePath": .string(route.path), "httpMethod": .string(request.method.uppercased()),
                    "path": .string("/\(api.stage)\(request.path)"), "protocol": "HTTP/1.1", "requestId": .string(requestId),
                    "requestTimeEpoch": .int(Int(now)),
                    "identity": ["sourceIp": .string(request.sourceIp), "userAgent": .string(userAgent)],
                ],
                "body": text.map(JSON.string) ?? .null, "isBase64Encoded": .bool(isBase64),
            ]
        case .http:
            var headers = JSONObject()
            for (k, v) in request.headers {
                let name = k.lowercased()
                headers[name] = .string(headers[name]?.stringValue.map { $0 + "," + v } ?? v)
            }
            var singleQuery = JSONObject()
            for (k, v) in query { singleQuery[k] = .string(singleQuery[k]?.stringValue.map { $0 + "," + v } ?? v) }
            let routeKey = route.method == "ANY" ? "ANY \(route.path)" : "\(route.method) \(route.path)"
            var event: JSONObject = [
                "version": "2.0", "routeKey": .string(routeKey), "rawPath": .string(request.path),
                "rawQueryString": .string(request.rawQuery), "headers": .object(headers),
                "requestContext": [
                    "accountId": .string(configuration.account), "apiId": .string(api.id), "stage": .string(api.stage),
                    "requestId": .string(requestId), "routeKey": .string(routeKey), "timeEpoch": .int(Int(now)),
                    "http": [
                        "method": .string(request.method.uppercased()), "path": .string(request.path), "protocol": "HTTP/1.1",
                        "sourceIp": .string(request.sourceIp), "userAgent": .string(userAgent),
                    ],
                ],
                "isBase64Encoded": .bool(isBase64),
            ]
            if !query.isEmpty { event["queryStringParameters"] = .object(singleQuery) }
            if !parameters.isEmpty { event["pathParameters"] = pathParameters }
            if let text { event["body"] = .string(text) }
            return .object(event)
        }
    }

    /// The function's answer as an HTTP response. Format 1.0 requires `statusCode`; 2.0 also takes any JSON,
    /// which becomes a 200 JSON body. A malformed answer is API Gateway's 502.
    func functionResponse(_ kind: ApiDefinition.Kind, _ payload: [UInt8]) -> ApiHTTPResponse {
        guard let value = try? JSON(parsing: String(decoding: payload, as: UTF8.self)) else {
            return .message("Internal server error", status: 502)
        }
        guard case .object(let o) = value, let status = o["statusCode"]?.intValue else {
            if kind == .http { return .json(value) }
            return .message("Internal server error", status: 502)
        }
        var headers: [(String, String)] = []
        for (k, v) in o["headers"]?.objectValue ?? [:] { headers.append((k, v.stringValue ?? v.text)) }
        for (k, vs) in o["multiValueHeaders"]?.objectValue ?? [:] {
            for v in vs.arrayValue ?? [] { headers.append((k, v.stringValue ?? v.text)) }
        }
        if kind == .http { for c in o["cookies"]?.arrayValue ?? [] { headers.append(("Set-Cookie", c.stringValue ?? c.text)) } }
        var body: [UInt8] = []
        if let b = o["body"], !b.isNull {
            let text = b.stringValue ?? b.text
            body = o["isBase64Encoded"]?.boolValue == true ? (Base64.decode(text) ?? []) : Array(text.utf8)
        }
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", kind == .http ? "text/plain; charset=utf-8" : "application/json"))
        }
        return ApiHTTPResponse(status: status, headers: headers, body: body)
    }

    /// The body as text, or Base64 when it is not UTF-8 (as API Gateway sends binary bodies).
    static func bodyText(_ body: [UInt8]) -> (String?, Bool) {
        guard !body.isEmpty else { return (nil, false) }
        if let text = String(validating: body, as: UTF8.self) { return (text, false) }
        return (Base64.encode(body), true)
    }

    /// `a=1&b=2&a=3` as ordered, percent-decoded pairs.
    static func queryPairs(_ raw: String) -> [(String, String)] {
        raw.split(separator: "&").compactMap { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = kv.first, !k.isEmpty else { return nil }
            let decode = { (s: Substring) in (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)) }
            return (decode(k), kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}
