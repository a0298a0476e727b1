import CortadoJSON
import CortadoLanguage
import Foundation

/// `arn:aws:states:::aws-sdk:s3:<action>` against Cortado's own S3: getObject, putObject, headObject,
/// deleteObject, copyObject, listObjects, listObjectsV2, createBucket, listBuckets. Parameters and
/// results are the SDK's PascalCase shapes; errors are `S3.<Code>Exception` with S3's message and the
/// SDK's `(Service: S3, Status Code: …, Request ID: …, Extended Request ID: …)` suffix, as AWS records them.
public struct S3Integration: TaskRunner {
    let s3: S3Service

    public init(s3: S3Service) { self.s3 = s3 }

    static let prefix = "arn:aws:states:::aws-sdk:s3:"
    static let actions: Set<String> = [
        "getObject", "putObject", "headObject", "deleteObject", "copyObject", "listObjects", "listObjectsV2", "createBucket",
        "listBuckets",
    ]

    public func accepts(_ resource: String) -> Bool {
        guard resource.hasPrefix(Self.prefix) else { return false }
        let action = resource.dropFirst(Self.prefix.count).split(separator: ".").first.map(String.init) ?? ""
        return Self.actions.contains(action)
    }

    public func run(_ task: TaskDispatch, executionArn arn: String, engine: Engine) async {
        let action = task.resource.dropFirst(Self.prefix.count).split(separator: ".").first.map(String.init) ?? ""
        let event: ExecutionEvent
        do {
            let answer = try await call(action, task.input)
            event =
                task.pattern == .waitForTaskToken
                ? .taskSubmitted(taskID: task.taskID, output: answer) : .taskSucceeded(taskID: task.taskID, output: answer)
        } catch {
            let (name, cause) = Self.failure(error)
            event = .taskFailed(taskID: task.taskID, error: name, cause: cause)
        }
        do {
            _ = try await engine.deliver(arn, event, requireOpenTask: task.taskID, delivered: [task.taskID])
        } catch {
            engine.logger.error("an S3 task failed to report", metadata: ["execution": "\(arn)", "error": "\(error)"])
        }
    }

    /// A failed call as the task's error and cause, as Step Functions names S3's errors.
    static func failure(_ error: any Error) -> (String, String) {
        switch error {
        case let e as S3Error: ("S3.\(exceptionName(e.code))", cause(e))
        case let e as IntegrationParameterError: ("S3.S3Exception", e.message)
        default: ("S3.S3Exception", "\(error)")
        }
    }

    /// `NoSuchKey` → `NoSuchKeyException`; codes already ending in `Exception` stay.
    static func exceptionName(_ code: String) -> String {
        code.hasSuffix("Exception") ? code : code + "Exception"
    }

    static func cause(_ e: S3Error) -> String {
        let requestID = S3Service.requestID()
        let extended = Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        return "\(e.message) (Service: S3, Status Code: \(e.status), Request ID: \(requestID), Extended Request ID: \(extended))"
    }

    struct IntegrationParameterError: Error {
        var message: String
    }

    static func string(_ p: JSON, _ name: String) throws -> String {
        guard case .string(let s)? = p[name], !s.isEmpty else {
            throw IntegrationParameterError(message: "The field \"\(name)\" is required but was missing. (Service: S3, Status Code: 400)")
        }
        return s
    }

    static func metadata(_ p: JSON) -> [(String, String)] {
        (p["Metadata"]?.objectValue).map { o in o.map { ($0.key.lowercased(), $0.value.stringValue ?? $0.value.text) } }?
            .sorted { $0.0 < $1.0 } ?? []
    }

    static func lastModified(_ ms: Int64) -> JSON {
        .string(Timestamp(epochMilliseconds: ms / 1000 * 1000).formatted().replacingOccurrences(of: ".000Z", with: "Z"))
    }

    func call(_ action: String, _ p: JSON) async throws -> JSON {
        switch action {
        case "getObject", "headObject":
            let o = try await s3.object(try Self.string(p, "Bucket"), try Self.string(p, "Key"))
            var out: JSONObject = [
                "AcceptRanges": "bytes", "ContentLength": .int(Int(o.size)), "ContentType": .string(o.contentType),
                "ETag": .string(o.etag), "LastModified": Self.lastModified(o.lastModified),
                "Metadata": .object(JSONObject(o.metadata.map { ($0.0, JSON.string($0.1)) })), "ServerSideEncryption": "AES256",
            ]
            if action == "getObject" {
                let handle = try s3.files.reader(o.file)
                defer { try? handle.close() }
                let data = try handle.readToEnd() ?? Data()
                out["Body"] = .string(String(decoding: data, as: UTF8.self))
            }
            return .object(out)
        case "putObject":
            // Step Functions sends the Body as JSON text, a string with its quotes (AWS's recorded
            // ETag for the Body "text data" is the MD5 of "\"text data\"").
            let body = p["Body"].map { Array($0.text.utf8) } ?? []
            let bucket = try Self.string(p, "Bucket")
            let key = try Self.string(p, "Key")
            _ = try await s3.bucket(bucket)
            let staged = try await s3.stage(body)
            let o = try await s3.putObject(
                bucket, key, staged: staged, contentType: p["ContentType"]?.stringValue, metadata: Self.metadata(p), headers: [])
            return [
                "ChecksumCRC32": .string(o.crc32 ?? ""), "ChecksumType": "FULL_OBJECT", "ETag": .string(o.etag),
                "ServerSideEncryption": "AES256",
            ]
        case "deleteObject":
            try await s3.deleteObject(try Self.string(p, "Bucket"), try Self.string(p, "Key"))
            return [:]
        case "copyObject":
            var headers: [String: String] = [:]
            if let d = p["MetadataDirective"]?.stringValue { headers["x-amz-metadata-directive"] = d }
            if let c = p["ContentType"]?.stringValue { headers["content-type"] = c }
            for (k, v) in Self.metadata(p) { headers["x-amz-meta-" + k] = v }
            let o = try await s3.copyObject(
                try Self.string(p, "Bucket"), try Self.string(p, "Key"), source: try Self.string(p, "CopySource"), headers: headers)
            return [
                "CopyObjectResult": ["ETag": .string(o.etag), "LastModified": Self.lastModified(o.lastModified)],
                "ServerSideEncryption": "AES256",
            ]
        case "listObjects", "listObjectsV2":
            let v2 = action == "listObjectsV2"
            let bucket = try Self.string(p, "Bucket")
            let prefix = p["Prefix"]?.stringValue ?? ""
            let delimiter = p["Delimiter"]?.stringValue
            let maxKeys = min(p["MaxKeys"]?.intValue ?? 1000, 1000)
            var start: S3ListPosition?
            if v2, let t = p["ContinuationToken"]?.stringValue {
                start = S3ListPosition(token: t)
            } else if let a = (v2 ? p["StartAfter"] : p["Marker"])?.stringValue, !a.isEmpty {
                start = .afterKey(a)
            }
            let l = try await s3.list(bucket, prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, start: start)
            var out: JSONObject = [:]
            if !l.prefixes.isEmpty { out["CommonPrefixes"] = .array(l.prefixes.map { ["Prefix": .string($0)] }) }
            if !l.objects.isEmpty {
                out["Contents"] = .array(
                    l.objects.map {
                        [
                            "ETag": .string($0.etag), "Key": .string($0.key), "LastModified": Self.lastModified($0.lastModified),
                            "Size": .int(Int($0.size)), "StorageClass": "STANDARD",
                        ]
                    })
            }
            if let delimiter { out["Delimiter"] = .string(delimiter) }
            out["IsTruncated"] = .bool(l.truncated)
            if v2 {
                out["KeyCount"] = .int(l.count)
                if let t = p["ContinuationToken"] { out["ContinuationToken"] = t }
                if l.truncated, let n = l.next { out["NextContinuationToken"] = .string(n.token) }
            } else {
                out["Marker"] = .string(p["Marker"]?.stringValue ?? "")
            }
            out["MaxKeys"] = .int(maxKeys)
            out["Name"] = .string(bucket)
            out["Prefix"] = .string(prefix)
            return .object(out)
        case "createBucket":
            let bucket = try Self.string(p, "Bucket")
            try await s3.createBucket(bucket, region: p["CreateBucketConfiguration"]?["LocationConstraint"]?.stringValue)
            return ["Location": .string("/" + bucket)]
        case "listBuckets":
            let owner = s3.owner
            return [
                "Buckets": .array(
                    try await s3.buckets().map {
                        ["CreationDate": Self.lastModified($0.created), "Name": .string($0.name)]
                    }),
                "Owner": ["DisplayName": .string(owner.name), "ID": .string(owner.id)],
            ]
        default:
            throw IntegrationParameterError(message: "Cortado does not run aws-sdk:s3:\(action)")
        }
    }
}
