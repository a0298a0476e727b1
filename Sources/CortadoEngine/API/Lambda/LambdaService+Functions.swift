import CortadoJSON
import Foundation

/// A function named by an API call: a name, a full or partial ARN, with or without a qualifier.
struct FunctionReference: Sendable, Equatable {
    var name: String
    var qualifier: String?
}

extension LambdaService {
    static let namePattern =
        #"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?"#

    /// Reads `FunctionName` (path or member) as Lambda does; `qualifier` is the `Qualifier` parameter.
    func reference(_ raw: String, qualifier: String? = nil, member: String = "functionName") throws -> FunctionReference {
        let invalid = AWSError.lambda(
            "ValidationException",
            "1 validation error detected: Value '\(raw)' at '\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: \(Self.namePattern)"
        )
        var parts = raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn" {
            guard parts.count >= 7, parts[2] == "lambda", parts[5] == "function" else { throw invalid }
            parts = Array(parts.dropFirst(6))
        } else if parts.count >= 3, parts[1] == "function" {
            parts = Array(parts.dropFirst(2))
        }
        guard (1...2).contains(parts.count), Self.validName(parts[0]) else { throw invalid }
        var q = parts.count == 2 ? parts[1] : nil
        if let q2 = qualifier {
            if let q, q != q2 {
                throw AWSError.lambda(
                    "InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier."
                )
            }
            q = q2
        }
        if let q, q.isEmpty || q.count > 128 { throw invalid }
        return FunctionReference(name: parts[0], qualifier: q)
    }

    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
            }
    }

    func notFound(_ ref: FunctionReference, latestSuffix: Bool = false) -> AWSError {
        var arn = functionArn(ref.name)
        if let q = ref.qualifier { arn += ":" + q } else if latestSuffix { arn += ":$LATEST" }
        return AWSError.lambda("ResourceNotFoundException", "Function not found: \(arn)")
    }

    /// The version a reference names: `$LATEST`, a published number, or an alias's version.
    func resolve(_ ref: FunctionReference, latestSuffix: Bool = false) throws -> FunctionConfiguration {
        guard let entry = entry(ref.name) else { throw notFound(ref, latestSuffix: latestSuffix) }
        guard let q = ref.qualifier, q != "$LATEST" else { return entry.latest }
        if let n = Int(q) {
            guard let v = entry.versions[n] else { throw notFound(ref) }
            return v
        }
        guard let alias = entry.aliases[q] else { throw notFound(ref) }
        if alias.functionVersion == "$LATEST" { return entry.latest }
        guard let n = Int(alias.functionVersion), let v = entry.versions[n] else { throw notFound(ref) }
        return v
    }

    // MARK: - Create, read, list, delete

    func createFunction(_ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let b = try body(r)
        guard let rawName = try b.string("FunctionName") else {
            throw AWSError.lambda("ValidationException", Self.nullMessage("functionName"))
        }
        let ref = try reference(rawName)
        if ref.qualifier != nil {
            throw AWSError.lambda("InvalidParameterValueException", "Unsupported FunctionName: \(rawName). Qualifiers are not allowed.")
        }
        guard let role = try b.string("Role") else { throw AWSError.lambda("ValidationException", Self.nullMessage("role")) }
        try Self.checkRole(role)
        let packageType = try b.string("PackageType") ?? "Zip"
        if packageType == "Image" {
            throw AWSError.lambda("InvalidParameterValueException", "Cortado runs Zip functions only; container images are not supported.")
        }
        guard let runtime = try b.string("Runtime") else {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        try Self.checkRuntime(runtime)
        let handler = try b.string("Handler")
        if handler == nil, !runtime.hasPrefix("provided") {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        try Self.checkHandler(handler)
        let timeout = try Self.checkTimeout(b)
        let memory = try Self.checkMemory(b)
        let environment = try Self.checkEnvironment(b)
        guard let codeMember = try b.object("Code") else { throw AWSError.lambda("ValidationException", Self.nullMessage("code")) }
        let codeRequest = try Request(.object(codeMember))
        let stored = try await storeCode(
            zipBase64: try codeRequest.string("ZipFile"), s3Bucket: try codeRequest.string("S3Bucket"),
            s3Key: try codeRequest.string("S3Key"))

        return try await locks.withLock(ref.name) {
            if entry(ref.name) != nil {
                throw AWSError.lambda("ResourceConflictException", "Function already exist: \(ref.name)")
            }
            let now = clock.now()
            var f = FunctionConfiguration(
                name: ref.name, arn: functionArn(ref.name), runtime: runtime, handler: handler ?? "bootstrap", role: role,
                codeSha256: stored.sha256, codeSize: stored.size, codeDirectory: stored.directory, lastModified: now,
                revisionId: UUID().uuidString.lowercased())
            f.localDirectory = stored.local
            f.timeout = timeout ?? 3
            f.memorySize = memory ?? 128
            f.environment = environment
            f.description = try b.string("Description") ?? ""
            if let architectures = try b.array("Architectures")?.compactMap(\.stringValue), !architectures.isEmpty {
                f.architectures = architectures
            }
            f.tags = (try b.object("Tags")).map { JSON.object($0).stringMap ?? [:] } ?? [:]
            var e = Entry(latest: f, created: now)
            var answer = f
            if try b.bool("Publish") == true {
                e.lastVersion = 1
                var v = f
                v.version = "1"
                e.versions[1] = v
                answer = v
            }
            try await save(e)
            return .json(answer.json, status: 201)
        }
    }

    func getFunction(_ name: String, _ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        let f = try resolve(ref)
        var o: JSONObject = [
            "Configuration": f.json,
            "Code": [
                "RepositoryType": "S3",
                "Location": .string(f.localDirectory ? "file://" + f.codeDirectory : "file://" + f.codeDirectory + ".zip"),
            ],
        ]
        let latest = entry(ref.name)?.latest
        if let tags = latest?.tags, !tags.isEmpty { o["Tags"] = .stringMap(tags) }
        if let reserved = latest?.reservedConcurrency { o["Concurrency"] = ["ReservedConcurrentExecutions": .int(reserved)] }
        return .json(.object(o))
    }

    func getFunctionConfiguration(_ name: String, _ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        .json(try resolve(try reference(name, qualifier: r.query["Qualifier"])).json)
    }

    func listFunctions(_ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        let maxItems = try Self.maxItems(r)
        let all = entries.withLock { $0.values.sorted { $0.latest.name < $1.latest.name } }
        var configurations: [FunctionConfiguration] = []
        for e in all {
            configurations.append(e.latest)
            if r.query["FunctionVersion"] == "ALL" { configurations += e.versions.keys.sorted().map { e.versions[$0]! } }
        }
        return .json(Self.page(configurations.map(\.json), key: { $0["FunctionArn"]?.stringValue ?? "" }, r, maxItems, member: "Functions"))
    }

    func deleteFunction(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(FunctionReference(name: ref.name)) }
            if let q = ref.qualifier, q != "$LATEST" {
                guard let n = Int(q), e.versions[n] != nil else {
                    if Int(q) == nil {
                        throw AWSError.lambda(
                            "InvalidParameterValueException", "Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.")
                    }
                    throw notFound(ref)
                }
                if let alias = e.aliases.values.first(where: { $0.functionVersion == q }) {
                    throw AWSError.lambda(
                        "ResourceConflictException", "Unable to delete version because the following aliases reference it: [\(alias.name)]")
                }
                e.versions[n] = nil
                try await save(e)
            } else {
                _ = try await store.deleteResource(kind: Self.kind, arn: e.latest.arn)
                entries.withLock { _ = $0.removeValue(forKey: ref.name) }
            }
            host.retire(functionName: ref.name)
        }
        return LambdaHTTPResponse(status: 204, body: [])
    }

    /// A deployment package from the request: inline, a local directory (`cortado-local`), or an object in
    /// Cortado's S3, read as Lambda reads the account's S3.
    func storeCode(zipBase64: String?, s3Bucket: String?, s3Key: String?) async throws -> FunctionCode.Stored {
        if zipBase64 == nil, let bucket = s3Bucket, bucket != FunctionCode.localBucket, let read = objectReader.withLock({ $0 }) {
            guard let key = s3Key, let bytes = await read(bucket, key) else {
                throw AWSError.lambda(
                    "InvalidParameterValueException",
                    "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.")
            }
            return try code.store(zip: Data(bytes))
        }
        return try code.store(zipBase64: zipBase64, s3Bucket: s3Bucket, s3Key: s3Key)
    }

    /// Who reads `S3Bucket`/`S3Key` code (Cortado's S3): set by the `Runtime`.
    public func connectObjects(_ read: @escaping @Sendable (String, String) async -> [UInt8]?) {
        objectReader.withLock { $0 = read }
    }

    // MARK: - Updates

    func updateFunctionCode(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        let stored = try await storeCode(
            zipBase64: try b.string("ZipFile"), s3Bucket: try b.string("S3Bucket"), s3Key: try b.string("S3Key"))
        let publish = try b.bool("Publish") == true
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            try Self.checkRevision(b, e.latest.revisionId)
            e.latest.codeSha256 = stored.sha256
            e.latest.codeSize = stored.size
            e.latest.codeDirectory = stored.directory
            e.latest.localDirectory = stored.local
            e.latest.lastModified = clock.now()
            e.latest.revisionId = UUID().uuidString.lowercased()
            let answer = publish ? Self.publish(&e) : e.latest
            try await save(e)
            host.retire(functionName: ref.name)
            return .json(answer.json)
        }
    }

    func updateFunctionConfiguration(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        if let role = try b.string("Role") { try Self.checkRole(role) }
        if let runtime = try b.string("Runtime") { try Self.checkRuntime(runtime) }
        let handler = try b.string("Handler")
        try Self.checkHandler(handler)
        let timeout = try Self.checkTimeout(b)
        let memory = try Self.checkMemory(b)
        let environment = try Self.checkEnvironment(b)
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            try Self.checkRevision(b, e.latest.revisionId)
            if let role = try b.string("Role") { e.latest.role = role }
            if let runtime = try b.string("Runtime") { e.latest.runtime = runtime }
            if let handler { e.latest.handler = handler }
            if let timeout { e.latest.timeout = timeout }
            if let memory { e.latest.memorySize = memory }
            if b.body["Environment"] != nil { e.latest.environment = environment }
            if let description = try b.string("Description") { e.latest.description = description }
            e.latest.lastModified = clock.now()
            e.latest.revisionId = UUID().uuidString.lowercased()
            try await save(e)
            host.retire(functionName: ref.name)
            return .json(e.latest.json)
        }
    }

    // MARK: - Concurrency and permissions

    func putConcurrency(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        guard let n = try b.int("ReservedConcurrentExecutions") else {
            throw AWSError.lambda("ValidationException", Self.nullMessage("reservedConcurrentExecutions"))
        }
        if n < 0 {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(n)' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"
            )
        }
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            e.latest.reservedConcurrency = n
            for k in e.versions.keys { e.versions[k]!.reservedConcurrency = n }
            try await save(e)
            return .json(["ReservedConcurrentExecutions": .int(n)])
        }
    }

    func deleteConcurrency(_ name: String) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            e.latest.reservedConcurrency = nil
            for k in e.versions.keys { e.versions[k]!.reservedConcurrency = nil }
            try await save(e)
        }
        return LambdaHTTPResponse(status: 204, body: [])
    }

    func getConcurrency(_ name: String) throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        guard let e = entry(ref.name) else { throw notFound(ref) }
        if let n = e.latest.reservedConcurrency { return .json(["ReservedConcurrentExecutions": .int(n)]) }
        return .json([:])
    }

    func addPermission(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        let b = try body(r)
        guard let sid = try b.string("StatementId") else { throw AWSError.lambda("ValidationException", Self.nullMessage("statementId")) }
        guard let action = try b.string("Action") else { throw AWSError.lambda("ValidationException", Self.nullMessage("action")) }
        guard let principal = try b.string("Principal") else { throw AWSError.lambda("ValidationException", Self.nullMessage("principal")) }
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            if e.policy.contains(where: { $0["Sid"]?.stringValue == sid }) {
                throw AWSError.lambda(
                    "ResourceConflictException",
                    "The statement id (\(sid)) provided already exists. Please provide a new statement id, or remove the existing statement."
                )
            }
            var statement: JSONObject = [
                "Sid": .string(sid), "Effect": "Allow",
                "Principal": principal.contains(".") ? ["Service": .string(principal)] : ["AWS": .string(principal)],
                "Action": .string(action), "Resource": .string(e.latest.arn + (ref.qualifier.map { ":" + $0 } ?? "")),
            ]
            if let source = try b.string("SourceArn") { statement["Condition"] = ["ArnLike": ["AWS:SourceArn": .string(source)]] }
            e.policy.append(.object(statement))
            try await save(e)
            return .json(["Statement": .string(JSON.object(statement).text)], status: 201)
        }
    }

    func getPolicy(_ name: String, _ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        guard let e = entry(ref.name) else { throw notFound(ref) }
        if e.policy.isEmpty { throw AWSError.lambda("ResourceNotFoundException", "The resource you requested does not exist.") }
        let policy: JSON = ["Version": "2012-10-17", "Id": "default", "Statement": .array(e.policy)]
        return .json(["Policy": .string(policy.text), "RevisionId": .string(e.latest.revisionId)])
    }

    func removePermission(_ name: String, _ sid: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name, qualifier: r.query["Qualifier"])
        try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            guard e.policy.contains(where: { $0["Sid"]?.stringValue == sid }) else {
                throw AWSError.lambda("ResourceNotFoundException", "Statement \(sid) is not found in resource policy.")
            }
            e.policy.removeAll { $0["Sid"]?.stringValue == sid }
            try await save(e)
        }
        return LambdaHTTPResponse(status: 204, body: [])
    }

    // MARK: - Checks

    static func nullMessage(_ member: String) -> String {
        "1 validation error detected: Value null at '\(member)' failed to satisfy constraint: Member must not be null"
    }

    static func checkRole(_ role: String) throws {
        let pattern = #"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"#
        if role.range(of: "^" + pattern + "$", options: .regularExpression) == nil {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(role)' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: \(pattern)"
            )
        }
    }

    static func checkRuntime(_ runtime: String) throws {
        guard FunctionRuntimes.all.contains(runtime) else {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(runtime)' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [\(FunctionRuntimes.all.joined(separator: ", "))] or be a valid ARN"
            )
        }
        if FunctionRuntimes.deprecated.contains(runtime) {
            let family = runtime.hasPrefix("nodejs") ? "nodejs22.x" : runtime.hasPrefix("python") ? "python3.13" : "provided.al2023"
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "The runtime parameter of \(runtime) is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (\(family)) while creating or updating functions."
            )
        }
        guard FunctionRuntimes.supported.contains(runtime) else {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Cortado runs \(FunctionRuntimes.supported.joined(separator: ", ")) functions; \(runtime) is not one of them (see docs/known-differences.md)."
            )
        }
    }

    static func checkHandler(_ handler: String?) throws {
        guard let handler else { return }
        if handler.isEmpty || handler.count > 128 || handler.contains(where: \.isWhitespace) {
            throw AWSError.lambda(
                "ValidationException",
                #"1 validation error detected: Value '\#(handler)' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\s]+"#
            )
        }
    }

    static func checkTimeout(_ b: Request) throws -> Int? {
        guard let t = try b.int("Timeout") else { return nil }
        if t < 1 {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(t)' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )
        }
        if t > 900 {
            throw AWSError.lambda(
                "InvalidParameterValueException", "The Timeout parameter must be less than or equal to 900 seconds.")
        }
        return t
    }

    static func checkMemory(_ b: Request) throws -> Int? {
        guard let m = try b.int("MemorySize") else { return nil }
        if m < 128 {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(m)' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"
            )
        }
        if m > 10240 {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(m)' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"
            )
        }
        return m
    }

    static func checkEnvironment(_ b: Request) throws -> [String: String]? {
        guard let env = try b.object("Environment") else { return nil }
        guard case .object(let variables)? = env["Variables"] else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in variables {
            guard case .string(let s) = v else {
                throw AWSError.lambda(
                    "InvalidRequestContentException", "Could not parse request body into json: environment variable \(k) is not a string")
            }
            out[k] = s
        }
        let reserved = out.keys.filter { FunctionRuntimes.reserved.contains($0) }.sorted()
        if !reserved.isEmpty {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: \(reserved.joined(separator: ", "))"
            )
        }
        let size = out.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        if size > 4096 {
            throw AWSError.lambda(
                "InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: \(JSON.stringMap(out).text)"
            )
        }
        return out
    }

    static func checkRevision(_ b: Request, _ current: String) throws {
        if let expected = try b.string("RevisionId"), expected != current {
            throw AWSError.lambda(
                "PreconditionFailedException",
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
            )
        }
    }

    static func maxItems(_ r: LambdaHTTPRequest) throws -> Int {
        guard let text = r.query["MaxItems"] else { return 50 }
        guard let n = Int(text), n >= 1, n <= 10_000 else {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )
        }
        return n
    }

    /// One page of a list, resumed after the marker (the last item's key).
    static func page(_ items: [JSON], key: (JSON) -> String, _ r: LambdaHTTPRequest, _ maxItems: Int, member: String) -> JSON {
        var start = 0
        if let marker = r.query["Marker"], let i = items.firstIndex(where: { key($0) == marker }) { start = i + 1 }
        let slice = Array(items[min(start, items.count)..<min(items.count, start + maxItems)])
        var o: JSONObject = [member: .array(slice)]
        if start + maxItems < items.count, let last = slice.last { o["NextMarker"] = .string(key(last)) }
        return .object(o)
    }

    /// Freezes `$LATEST` as the next version; returns it.
    static func publish(_ e: inout Entry) -> FunctionConfiguration {
        if let last = e.versions[e.lastVersion], last.codeSha256 == e.latest.codeSha256, last.revisionId == e.latest.revisionId {
            return last
        }
        e.lastVersion += 1
        var v = e.latest
        v.version = String(e.lastVersion)
        e.versions[e.lastVersion] = v
        return v
    }
}
