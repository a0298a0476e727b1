import CortadoJSON
import CortadoStore
import Foundation
import Logging

/// A request to S3's REST API, as the HTTP layer hands it over.
public struct S3HTTPRequest: Sendable {
    public var method: String
    /// The path as sent, percent-encoded.
    public var path: String
    /// The query string as sent (without `?`), percent-encoded.
    public var query: String
    /// Header names lower-cased; `host` included.
    public var headers: [String: String]
    /// The body, when the caller has it in memory (tests, the task runner); the server streams instead.
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// An answer of S3's REST API.
public struct S3HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// `length` bytes of an open file from `offset`: the object stays readable even if it is
        /// overwritten or deleted while the answer is being sent.
        case file(FileHandle, offset: UInt64, length: Int)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    init(status: Int = 200, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body in memory (reads a file body); for tests.
    public var bytes: [UInt8] {
        switch body {
        case .bytes(let b): return b
        case .file(let handle, let offset, let length):
            try? handle.seek(toOffset: offset)
            return Array((try? handle.read(upToCount: length)) ?? Data())
        }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// S3's REST API (path-style and virtual-host-style): buckets and objects, multipart uploads and
/// presigned URLs. Object bytes are files under the object directory; their metadata are store
/// documents (see docs/architecture/objects.md).
public final class S3Service: Sendable {
    public struct Options: Sendable {
        /// The secret presigned URLs are checked with, whatever access key id they name.
        public var secretKey: String
        /// Access key ids with their own secret: by default the dummy credentials functions get
        /// (`FunctionRuntimes`), so a function's SDK can presign URLs Cortado accepts.
        public var knownKeys: [String: String]

        public init(secretKey: String = "test", knownKeys: [String: String] = ["AKIACORTADOLOCAL000": "cortado-local-secret"]) {
            self.secretKey = secretKey
            self.knownKeys = knownKeys
        }
    }

    static let bucketKind = "s3-bucket"
    static func objectKind(_ bucket: String) -> String { "s3-object:" + bucket }
    static func uploadKind(_ bucket: String) -> String { "s3-upload:" + bucket }
    static func partKind(_ uploadID: String) -> String { "s3-part:" + uploadID }

    /// The largest object or part a single request may carry (S3's PutObject limit).
    public static let maxObjectBytes: Int64 = 5 << 30
    /// The largest XML request body read.
    static let maxXMLBytes = 2 << 20

    let store: any ExecutionStore
    let clock: any EngineClock
    let configuration: EngineConfiguration
    let options: Options
    let files: ObjectFiles
    let logger: Logger
    let locks = KeyedLock()

    public init(
        store: any ExecutionStore, clock: any EngineClock, configuration: EngineConfiguration, objectDirectory: URL,
        options: Options = Options(), logger: Logger = Logger(label: "cortado.s3")
    ) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.options = options
        self.files = ObjectFiles(root: objectDirectory)
        self.logger = logger
    }

    /// Creates the object directory and removes uploads a crash cut short.
    public func recover() throws {
        try files.prepare()
    }

    public func handle(_ request: S3HTTPRequest) async -> S3HTTPResponse {
        await handle(request, body: S3ByteChunks(request.body))
    }

    /// Answers one request; the body is read from `body` as the operation needs it.
    public func handle<Body: AsyncSequence>(_ request: S3HTTPRequest, body: Body) async -> S3HTTPResponse
    where Body.Element == [UInt8] {
        let requestID = Self.requestID()
        var resource = "/"
        do {
            let target = try S3Target(request: request)
            resource = target.resource
            if target.query["X-Amz-Signature"] != nil || target.query["X-Amz-Algorithm"] != nil {
                try S3Presign.verify(request, target: target, options: options, now: clock.now())
            } else if target.query["Signature"] != nil, target.query["AWSAccessKeyId"] != nil {
                try S3Presign.verifyV2(request, target: target, options: options, now: clock.now())
            }
            var answer = try await dispatch(request, target, body)
            answer.headers += [("x-amz-request-id", requestID), ("x-amz-id-2", Self.hostID)]
            return answer
        } catch let e as S3Error {
            return e.response(requestID: requestID, resource: resource, head: request.method == "HEAD")
        } catch {
            logger.error("an S3 request failed", metadata: ["error": "\(error)"])
            return S3Error("InternalError", "We encountered an internal error. Please try again.", status: 500)
                .response(requestID: requestID, resource: resource, head: request.method == "HEAD")
        }
    }

    func dispatch<Body: AsyncSequence>(_ request: S3HTTPRequest, _ t: S3Target, _ body: Body) async throws -> S3HTTPResponse
    where Body.Element == [UInt8] {
        let q = t.query
        guard let bucket = t.bucket else {
            guard request.method == "GET" else { throw S3Error.methodNotAllowed(request.method, "SERVICE") }
            return try await listBucketsResponse()
        }
        guard let key = t.key else {
            switch request.method {
            case "PUT":
                if q.keys.contains(where: { ["versioning", "tagging", "policy", "acl", "cors", "lifecycle"].contains($0) }) {
                    throw S3Error.notImplemented
                }
                return try await createBucketResponse(bucket, body: try await Self.collect(body, limit: Self.maxXMLBytes))
            case "DELETE": return try await deleteBucketResponse(bucket)
            case "HEAD":
                let b = try await self.bucket(bucket)
                return S3HTTPResponse(headers: [("x-amz-bucket-region", b.region)])
            case "GET":
                if q["location"] != nil { return try await locationResponse(bucket) }
                if q["versioning"] != nil {
                    _ = try await self.bucket(bucket)
                    return .xml(S3XML(root: "VersioningConfiguration") { _ in })
                }
                if q["uploads"] != nil || q.keys.contains(where: { ["tagging", "policy", "acl", "cors", "lifecycle"].contains($0) }) {
                    throw S3Error.notImplemented
                }
                return try await listResponse(bucket, q, v2: q["list-type"] == "2")
            case "POST":
                guard q["delete"] != nil else { throw S3Error.methodNotAllowed("POST", "BUCKET") }
                return try await deleteObjectsResponse(
                    bucket, body: try await Self.collect(body, limit: Self.maxXMLBytes), headers: request.headers)
            default: throw S3Error.methodNotAllowed(request.method, "BUCKET")
            }
        }
        switch request.method {
        case "PUT":
            if let upload = q["uploadId"], let part = q["partNumber"] {
                if request.headers["x-amz-copy-source"] != nil { throw S3Error.notImplemented }
                return try await uploadPartResponse(bucket, key, upload, part, request.headers, body)
            }
            if q["tagging"] != nil || q["acl"] != nil { throw S3Error.notImplemented }
            if let source = request.headers["x-amz-copy-source"] {
                return try await copyObjectResponse(bucket, key, source: source, headers: request.headers)
            }
            return try await putObjectResponse(bucket, key, request.headers, body)
        case "GET":
            if let upload = q["uploadId"] { return try await listPartsResponse(bucket, key, upload, q) }
            if q["tagging"] != nil || q["acl"] != nil || q["attributes"] != nil { throw S3Error.notImplemented }
            return try await getObjectResponse(bucket, key, request.headers, q, head: false)
        case "HEAD":
            return try await getObjectResponse(bucket, key, request.headers, q, head: true)
        case "DELETE":
            if let upload = q["uploadId"] { return try await abortResponse(bucket, key, upload) }
            return try await deleteObjectResponse(bucket, key)
        case "POST":
            if q["uploads"] != nil { return try await createUploadResponse(bucket, key, request.headers) }
            if let upload = q["uploadId"] {
                return try await completeResponse(bucket, key, upload, body: try await Self.collect(body, limit: Self.maxXMLBytes))
            }
            throw S3Error.methodNotAllowed("POST", "OBJECT")
        default:
            throw S3Error.methodNotAllowed(request.method, "OBJECT")
        }
    }

    // MARK: - Helpers

    /// The bucket a virtual-host-style `Host` names, or nil for path style (see `S3Target`).
    public static func virtualHostBucket(_ host: String) -> String? { S3Target.virtualHostBucket(host) }

    static let hostID = "cortado"

    static func requestID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)).uppercased()
    }

    static func collect<Body: AsyncSequence>(_ body: Body, limit: Int) async throws -> [UInt8] where Body.Element == [UInt8] {
        var out: [UInt8] = []
        for try await chunk in body {
            out += chunk
            if out.count > limit { throw S3Error.entityTooLarge(limit: Int64(limit)) }
        }
        return out
    }

    var now: Int64 { clock.now() }

    /// `2009-10-12T17:50:30.000Z`, as S3's XML writes times.
    static func isoTime(_ ms: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// `Wed, 12 Oct 2009 17:50:30 GMT`, as S3's headers write times.
    static func httpTime(_ ms: Int64) -> String {
        HTTPDate.format(Date(timeIntervalSince1970: Double(ms / 1000)))
    }

    static func parseHTTPTime(_ text: String) -> Int64? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            f.dateFormat = format
            if let d = f.date(from: text) { return Int64(d.timeIntervalSince1970 * 1000) }
        }
        return nil
    }
}

extension S3HTTPResponse {
    static func xml(_ doc: S3XML, status: Int = 200, headers: [(String, String)] = []) -> S3HTTPResponse {
        S3HTTPResponse(status: status, headers: [("Content-Type", "application/xml")] + headers, body: .bytes(doc.bytes))
    }
}

/// A body already in memory, as one chunk.
struct S3ByteChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: [UInt8]?
        mutating func next() async throws -> [UInt8]? {
            defer { bytes = nil }
            return bytes
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes.isEmpty ? nil : bytes) }
}

/// Where a request points: the bucket and key from the host (virtual-host style) or the path
/// (path style), and the decoded query.
struct S3Target {
    var bucket: String?
    var key: String?
    var virtualHost: Bool
    var query: [String: String]
    /// The query's pairs in order, decoded (presigned URLs sign them all).
    var queryPairs: [(String, String)]

    var resource: String { "/" + [bucket, key].compactMap { $0 }.joined(separator: "/") }

    init(request: S3HTTPRequest) throws {
        queryPairs = request.query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (S3Target.decode(parts[0]), parts.count > 1 ? S3Target.decode(parts[1]) : "")
        }
        query = [:]
        for (k, v) in queryPairs where query[k] == nil { query[k] = v }
        let path = request.path.hasPrefix("/") ? String(request.path.dropFirst()) : request.path
        if let bucket = Self.virtualHostBucket(request.headers["host"] ?? "") {
            virtualHost = true
            self.bucket = bucket
            key = path.isEmpty ? nil : Self.decode(Substring(path))
        } else {
            virtualHost = false
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let b = parts.first.map { Self.decode($0) } ?? ""
            bucket = b.isEmpty ? nil : b
            let k = parts.count > 1 ? Self.decode(parts[1]) : ""
            key = k.isEmpty ? nil : k
        }
    }

    /// The bucket a `Host` names: `<bucket>.localhost`, `<bucket>.s3.localhost`,
    /// `<bucket>.s3.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`
    /// (any port). Other hosts (an IP address, `localhost`, `s3.localhost`) mean path style.
    static func virtualHostBucket(_ host: String) -> String? {
        var h = host.lowercased()
        if h.hasPrefix("[") { return nil }
        if let colon = h.lastIndex(of: ":") { h = String(h[..<colon]) }
        if h.hasSuffix(".") { h.removeLast() }
        for suffix in [".s3.localhost", ".localhost"] where h.hasSuffix(suffix) {
            let b = String(h.dropLast(suffix.count))
            return b.isEmpty || b == "s3" ? nil : b
        }
        if h.hasSuffix(".amazonaws.com") {
            let labels = h.split(separator: ".").map(String.init)
            guard let s3 = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }), s3 > 0 else { return nil }
            return labels[0..<s3].joined(separator: ".")
        }
        return nil
    }

    /// Percent-decoding; `+` stays a plus, as S3 reads paths and query values.
    static func decode(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        var out: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let v = Hex.bytes(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self)) {
                out += v
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// AWS's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` (and `/` when `slash` is false) as `%XX`.
    static func encode(_ s: String, encodeSlash: Bool = true) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: "/") where !encodeSlash:
                out += "/"
            default:
                out += "%" + Hex.string([b]).uppercased()
            }
        }
        return out
    }
}
