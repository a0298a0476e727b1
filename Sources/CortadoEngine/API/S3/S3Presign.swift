import CortadoLanguage
import Foundation

/// Presigned URLs (SigV4 query authentication): the signature is recomputed with the secret Cortado
/// knows for the URL's access key id (`S3Service.Options`), and the URL's lifetime checked.
enum S3Presign {
    static func verify(_ request: S3HTTPRequest, target: S3Target, options: S3Service.Options, now: Int64) throws {
        let q = target.query
        guard q["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256" else {
            throw S3Error.invalidArgument(
                "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", "X-Amz-Algorithm", q["X-Amz-Algorithm"] ?? "")
        }
        guard let credential = q["X-Amz-Credential"], let date = q["X-Amz-Date"], let expiresText = q["X-Amz-Expires"],
            let signed = q["X-Amz-SignedHeaders"], let signature = q["X-Amz-Signature"]
        else {
            throw S3Error(
                "AuthorizationQueryParametersError",
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
            )
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else {
            throw S3Error(
                "AuthorizationQueryParametersError",
                "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
            )
        }
        guard let expires = Int64(expiresText), expires >= 0, expires <= 604_800 else {
            throw S3Error(
                "AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in seconds) that is 604800")
        }
        guard let signedAt = parseAmzDate(date) else {
            throw S3Error(
                "AuthorizationQueryParametersError",
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        if now / 1000 > signedAt + expires {
            throw S3Error(
                "AccessDenied", "Request has expired", status: 403,
                [
                    ("X-Amz-Expires", expiresText), ("Expires", isoSeconds(signedAt + expires)), ("ServerTime", isoSeconds(now / 1000)),
                ])
        }
        let secret = options.knownKeys[scope[0]] ?? options.secretKey
        let canonical = canonicalRequest(request, target: target, signedHeaders: signed)
        let stringToSign = [
            "AWS4-HMAC-SHA256", date, scope[1...4].joined(separator: "/"), Hex.string(Digest.hash(Array(canonical.utf8), .sha256)),
        ].joined(separator: "\n")
        var key = Array(("AWS4" + secret).utf8)
        for part in scope[1...4] { key = Digest.hmacSHA256(key: key, message: Array(part.utf8)) }
        let expected = Hex.string(Digest.hmacSHA256(key: key, message: Array(stringToSign.utf8)))
        guard expected == signature.lowercased() else {
            throw S3Error(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                status: 403,
                [
                    ("AWSAccessKeyId", scope[0]), ("StringToSign", stringToSign), ("SignatureProvided", signature),
                    ("CanonicalRequest", canonical),
                ])
        }
    }

    static let subresources: Set<String> = [
        "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy", "requestPayment",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
        "versions", "website",
    ]

    /// SigV2 query authentication (`AWSAccessKeyId`, `Expires`, `Signature`), which botocore still uses
    /// for `generate_presigned_url` unless `signature_version="s3v4"` is configured.
    static func verifyV2(_ request: S3HTTPRequest, target: S3Target, options: S3Service.Options, now: Int64) throws {
        let q = target.query
        guard let key = q["AWSAccessKeyId"], let expiresText = q["Expires"], let signature = q["Signature"],
            let expires = Int64(expiresText)
        else {
            throw S3Error(
                "AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters", status: 403)
        }
        if now / 1000 > expires {
            throw S3Error(
                "AccessDenied", "Request has expired", status: 403,
                [("Expires", isoSeconds(expires)), ("ServerTime", isoSeconds(now / 1000))])
        }
        var resource = target.virtualHost ? "/" + (target.bucket ?? "") + request.path : request.path
        let sub = target.queryPairs.filter { subresources.contains($0.0) }.sorted { $0.0 < $1.0 }
        if !sub.isEmpty { resource += "?" + sub.map { $0.1.isEmpty ? $0.0 : "\($0.0)=\($0.1)" }.joined(separator: "&") }
        let amz = request.headers.filter { $0.key.hasPrefix("x-amz-") }.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)\n" }
            .joined()
        let stringToSign =
            [request.method, request.headers["content-md5"] ?? "", request.headers["content-type"] ?? "", expiresText]
            .joined(separator: "\n") + "\n" + amz + resource
        let secret = options.knownKeys[key] ?? options.secretKey
        let expected = Data(hmacSHA1(key: Array(secret.utf8), message: Array(stringToSign.utf8))).base64EncodedString()
        guard expected == signature else {
            throw S3Error(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                status: 403, [("AWSAccessKeyId", key), ("StringToSign", stringToSign), ("SignatureProvided", signature)])
        }
    }

    static func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? Digest.hash(key, .sha1) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = Digest.hash(block.map { $0 ^ 0x36 } + message, .sha1)
        return Digest.hash(block.map { $0 ^ 0x5c } + inner, .sha1)
    }

    /// SigV4's canonical request for a presigned URL: the path re-encoded as S3 signs it (no double
    /// encoding), the query without the signature, the signed headers, `UNSIGNED-PAYLOAD`.
    static func canonicalRequest(_ request: S3HTTPRequest, target: S3Target, signedHeaders: String) -> String {
        let path = request.path.isEmpty ? "/" : request.path
        let uri = S3Target.encode(S3Target.decode(Substring(path)), encodeSlash: false)
        var pairs: [(String, String)] = []
        for (k, v) in target.queryPairs where k != "X-Amz-Signature" { pairs.append((S3Target.encode(k), S3Target.encode(v))) }
        pairs.sort { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        let query = pairs.map { (p: (String, String)) -> String in p.0 + "=" + p.1 }.joined(separator: "&")
        let names = signedHeaders.split(separator: ";").map { $0.lowercased() }
        let headers = names.map { name in
            let value = (request.headers[name] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return "\(name):\(value)\n"
        }.joined()
        let payload = target.query["X-Amz-Content-Sha256"] ?? "UNSIGNED-PAYLOAD"
        return [request.method, uri, query, headers, signedHeaders, payload].joined(separator: "\n")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` → epoch seconds.
    static func parseAmzDate(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z") else { return nil }
        func n(_ r: Range<Int>) -> Int? { Int(String(decoding: u[r], as: UTF8.self)) }
        guard let y = n(0..<4), let mo = n(4..<6), let d = n(6..<8), let h = n(9..<11), let mi = n(11..<13), let se = n(13..<15) else {
            return nil
        }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (y, mo, d, h, mi, se)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c).map { Int64($0.timeIntervalSince1970) }
    }

    static func isoSeconds(_ seconds: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: Date(timeIntervalSince1970: Double(seconds)))
    }
}
