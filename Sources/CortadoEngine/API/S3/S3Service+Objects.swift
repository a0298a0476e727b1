import CortadoJSON
import CortadoStore
import Foundation

/// An object as stored: kind `s3-object:<bucket>`, ARN and name the key (so lists run in key order).
struct S3Object: Sendable {
    var key: String
    var size: Int64
    /// Quoted, as S3 shows it: `"<md5 hex>"` or `"<md5 of part md5s>-<parts>"`.
    var etag: String
    var contentType: String
    /// `x-amz-meta-*` without the prefix, names lower-cased.
    var metadata: [(String, String)]
    /// Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires as given.
    var headers: [(String, String)]
    var lastModified: Int64
    /// The file under the object directory's `data/`.
    var file: String
    /// Base64 CRC-32 of a single-part object.
    var crc32: String?

    var document: JSON {
        var o: JSONObject = [
            "size": .int(Int(size)), "etag": .string(etag), "contentType": .string(contentType),
            "metadata": .object(JSONObject(metadata.map { ($0.0, JSON.string($0.1)) })),
            "headers": .object(JSONObject(headers.map { ($0.0, JSON.string($0.1)) })),
            "lastModified": .int(Int(lastModified)), "file": .string(file),
        ]
        if let crc32 { o["crc32"] = .string(crc32) }
        return .object(o)
    }

    init(
        key: String, size: Int64, etag: String, contentType: String, metadata: [(String, String)], headers: [(String, String)],
        lastModified: Int64, file: String, crc32: String?
    ) {
        self.key = key
        self.size = size
        self.etag = etag
        self.contentType = contentType
        self.metadata = metadata
        self.headers = headers
        self.lastModified = lastModified
        self.file = file
        self.crc32 = crc32
    }

    init?(_ record: ResourceRecord) {
        guard let doc = try? JSON(parsing: record.json), case .string(let file)? = doc["file"] else { return nil }
        key = record.name
        size = Int64(doc["size"]?.intValue ?? 0)
        etag = doc["etag"]?.stringValue ?? "\"\""
        contentType = doc["contentType"]?.stringValue ?? "binary/octet-stream"
        metadata = (doc["metadata"]?.objectValue).map { o in o.map { ($0.key, $0.value.stringValue ?? "") } } ?? []
        headers = (doc["headers"]?.objectValue).map { o in o.map { ($0.key, $0.value.stringValue ?? "") } } ?? []
        lastModified = Int64(doc["lastModified"]?.intValue ?? Int(record.creationDate))
        self.file = file
        crc32 = doc["crc32"]?.stringValue
    }
}

extension JSONObject {
    init(_ pairs: [(String, JSON)]) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }
}

/// A body written to a file and synced, not yet an object.
struct StagedFile {
    var name: String
    var size: Int64
    var md5: [UInt8]
    var crc32: [UInt8]
}

extension S3Service {
    static let storedHeaders = ["content-encoding", "content-disposition", "content-language", "cache-control", "expires"]

    /// Reads a PutObject/UploadPart body into a synced file under the object directory: `aws-chunked`
    /// bodies decoded, `Content-MD5` checked.
    func receive<Body: AsyncSequence>(_ headers: [String: String], _ body: Body) async throws -> StagedFile
    where Body.Element == [UInt8] {
        let writer = try files.begin()
        do {
            let chunked =
                headers["x-amz-content-sha256"]?.hasPrefix("STREAMING-") == true
                || headers["content-encoding"]?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "aws-chunked" }
                    == true
            var decoder = AWSChunkedDecoder()
            for try await chunk in body {
                if chunked { try decoder.feed(chunk) { try writer.write($0) } } else { try writer.write(chunk) }
            }
            if chunked {
                guard decoder.finished else { throw AWSChunkedDecoder.malformed }
                if let declared = headers["x-amz-decoded-content-length"].flatMap({ Int64($0) }), declared != writer.size {
                    throw AWSChunkedDecoder.malformed
                }
            }
            let (md5, crc) = try writer.seal()
            if let given = headers["content-md5"] {
                guard let d = Data(base64Encoded: given), d.count == 16 else {
                    throw S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.", [("Content-MD5", given)])
                }
                guard Array(d) == md5 else {
                    throw S3Error(
                        "BadDigest", "The Content-MD5 you specified did not match what was received.",
                        [("ExpectedDigest", given), ("CalculatedDigest", Data(md5).base64EncodedString())])
                }
            }
            return StagedFile(name: try writer.place(), size: writer.size, md5: md5, crc32: crc)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// A body in memory, staged like an upload (the task runner, the harness).
    func stage(_ bytes: [UInt8]) async throws -> StagedFile {
        try await receive([:], S3ByteChunks(bytes))
    }

    func object(_ bucket: String, _ key: String) async throws -> S3Object {
        guard let r = try await store.resource(kind: Self.objectKind(bucket), arn: key), let o = S3Object(r) else {
            _ = try await self.bucket(bucket)
            throw S3Error.noSuchKey(key)
        }
        return o
    }

    static func metadata(_ headers: [String: String]) -> [(String, String)] {
        headers.filter { $0.key.hasPrefix("x-amz-meta-") }.map { (String($0.key.dropFirst(11)), $0.value) }.sorted { $0.0 < $1.0 }
    }

    static func contentHeaders(_ headers: [String: String]) -> [(String, String)] {
        storedHeaders.compactMap { name in
            guard var v = headers[name] else { return nil }
            if name == "content-encoding" {
                v = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "aws-chunked" }.joined(
                    separator: ",")
                if v.isEmpty { return nil }
            }
            return (name, v)
        }
    }

    /// Commits an object's metadata for a staged file, then removes the file it replaced.
    func commit(_ object: S3Object, bucket: String) async throws {
        let old: S3Object?
        do {
            _ = try await self.bucket(bucket)
            old = try await locks.withLock(bucket + "/" + object.key) {
                let previous = try await store.resource(kind: Self.objectKind(bucket), arn: object.key).flatMap(S3Object.init)
                try await store.putResource(
                    ResourceRecord(
                        kind: Self.objectKind(bucket), arn: object.key, name: object.key, json: object.document.text,
                        creationDate: object.lastModified))
                return previous
            }
        } catch {
            files.remove(object.file)
            throw error
        }
        if let old, old.file != object.file { files.remove(old.file) }
    }

    func putObject(
        _ bucket: String, _ key: String, staged: StagedFile, contentType: String?, metadata: [(String, String)],
        headers: [(String, String)]
    ) async throws -> S3Object {
        let object = S3Object(
            key: key, size: staged.size, etag: "\"\(Hex.string(staged.md5))\"", contentType: contentType ?? "binary/octet-stream",
            metadata: metadata, headers: headers, lastModified: now, file: staged.name,
            crc32: Data(staged.crc32).base64EncodedString())
        try await commit(object, bucket: bucket)
        return object
    }

    func putObjectResponse<Body: AsyncSequence>(_ bucket: String, _ key: String, _ headers: [String: String], _ body: Body)
        async throws -> S3HTTPResponse where Body.Element == [UInt8]
    {
        _ = try await self.bucket(bucket)
        try Self.checkKey(key)
        let staged = try await receive(headers, body)
        let object = try await putObject(
            bucket, key, staged: staged, contentType: headers["content-type"], metadata: Self.metadata(headers),
            headers: Self.contentHeaders(headers))
        var out = [("ETag", object.etag), ("x-amz-server-side-encryption", "AES256")]
        if headers["x-amz-checksum-crc32"] != nil || headers["x-amz-sdk-checksum-algorithm"]?.uppercased() == "CRC32" {
            out.append(("x-amz-checksum-crc32", object.crc32 ?? ""))
        }
        return S3HTTPResponse(headers: out)
    }

    static func checkKey(_ key: String) throws {
        if key.utf8.count > 1024 { throw S3Error("KeyTooLongError", "Your key is too long", [("Key", key)]) }
    }

    func objectHeaders(_ o: S3Object) -> [(String, String)] {
        var h: [(String, String)] = [
            ("Accept-Ranges", "bytes"), ("Last-Modified", Self.httpTime(o.lastModified)), ("ETag", o.etag),
            ("Content-Type", o.contentType), ("x-amz-server-side-encryption", "AES256"),
        ]
        for (k, v) in o.headers { h.append((k, v)) }
        for (k, v) in o.metadata { h.append(("x-amz-meta-" + k, v)) }
        return h
    }

    /// GetObject and HeadObject: conditions, then the range.
    func getObjectResponse(_ bucket: String, _ key: String, _ headers: [String: String], _ query: [String: String], head: Bool)
        async throws -> S3HTTPResponse
    {
        let o = try await object(bucket, key)
        var h = objectHeaders(o)
        let bare = o.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        func matches(_ list: String) -> Bool {
            list.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            .contains { $0 == "*" || $0 == bare }
        }
        let seconds = o.lastModified / 1000
        if let m = headers["if-match"], !matches(m) { throw S3Error.preconditionFailed }
        if headers["if-match"] == nil, let s = headers["if-unmodified-since"].flatMap(Self.parseHTTPTime), seconds > s / 1000 {
            throw S3Error.preconditionFailed
        }
        let notModified = S3HTTPResponse(
            status: 304, headers: [("ETag", o.etag), ("Last-Modified", Self.httpTime(o.lastModified))])
        if let m = headers["if-none-match"], matches(m) { return notModified }
        if headers["if-none-match"] == nil, let s = headers["if-modified-since"].flatMap(Self.parseHTTPTime), seconds <= s / 1000 {
            return notModified
        }
        for (param, header) in [
            ("response-content-type", "Content-Type"), ("response-content-disposition", "content-disposition"),
            ("response-cache-control", "cache-control"), ("response-content-encoding", "content-encoding"),
            ("response-content-language", "content-language"), ("response-expires", "expires"),
        ] {
            if let v = query[param] {
                h.removeAll { $0.0.lowercased() == header.lowercased() }
                h.append((header, v))
            }
        }
        var start: Int64 = 0
        var length = o.size
        var status = 200
        if let range = headers["range"], let (s, e) = try Self.range(range, size: o.size) {
            start = s
            length = e - s + 1
            status = 206
            h.append(("Content-Range", "bytes \(s)-\(e)/\(o.size)"))
        }
        h.append(("Content-Length", String(length)))
        if head { return S3HTTPResponse(status: status, headers: h) }
        if length == 0 { return S3HTTPResponse(status: status, headers: h, body: .bytes([])) }
        let handle = try files.reader(o.file)
        return S3HTTPResponse(status: status, headers: h, body: .file(handle, offset: UInt64(start), length: Int(length)))
    }

    /// A `Range: bytes=…` header's first and last byte; nil when the header is not one S3 applies
    /// (then the whole object is sent, as S3 does).
    static func range(_ header: String, size: Int64) throws -> (Int64, Int64)? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { return nil }
        let a = spec[..<dash]
        let b = spec[spec.index(after: dash)...]
        let unsatisfiable = S3Error(
            "InvalidRange", "The requested range is not satisfiable", status: 416,
            [("RangeRequested", header), ("ActualObjectSize", String(size))])
        if a.isEmpty {
            guard let n = Int64(b) else { return nil }
            guard n > 0, size > 0 else { throw unsatisfiable }
            return (max(0, size - n), size - 1)
        }
        guard let s = Int64(a) else { return nil }
        let e = b.isEmpty ? size - 1 : Int64(b)
        guard let e, b.isEmpty || e >= s else { return nil }
        guard s < size else { throw unsatisfiable }
        return (s, min(e, size - 1))
    }

    func deleteObject(_ bucket: String, _ key: String) async throws {
        _ = try await self.bucket(bucket)
        let old = try await locks.withLock(bucket + "/" + key) {
            let previous = try await store.resource(kind: Self.objectKind(bucket), arn: key).flatMap(S3Object.init)
            if previous != nil { _ = try await store.deleteResource(kind: Self.objectKind(bucket), arn: key) }
            return previous
        }
        if let old { files.remove(old.file) }
    }

    func deleteObjectResponse(_ bucket: String, _ key: String) async throws -> S3HTTPResponse {
        try await deleteObject(bucket, key)
        return S3HTTPResponse(status: 204)
    }

    func deleteObjectsResponse(_ bucket: String, body: [UInt8], headers: [String: String]) async throws -> S3HTTPResponse {
        _ = try await self.bucket(bucket)
        guard let doc = XMLNode.parse(body), doc.name == "Delete" else { throw S3Error.malformedXML }
        let quiet = doc.child("Quiet")?.text.lowercased() == "true"
        let keys = doc.all("Object").compactMap { $0.child("Key")?.text }
        guard keys.count <= 1000, !keys.isEmpty else { throw S3Error.malformedXML }
        var deleted: [String] = []
        var failed: [(String, S3Error)] = []
        for key in keys {
            do {
                try await deleteObject(bucket, key)
                deleted.append(key)
            } catch let e as S3Error {
                failed.append((key, e))
            }
        }
        return .xml(
            S3XML(root: "DeleteResult") { x in
                if !quiet {
                    for k in deleted { x.element("Deleted") { d in d.element("Key", k) } }
                }
                for (k, e) in failed {
                    x.element("Error") { d in
                        d.element("Key", k)
                        d.element("Code", e.code)
                        d.element("Message", e.message)
                    }
                }
            })
    }

    /// CopyObject: the source's bytes under a new key (a hard link), its metadata copied or replaced.
    func copyObject(_ bucket: String, _ key: String, source: String, headers: [String: String]) async throws -> S3Object {
        var raw = Substring(source)
        if let q = raw.firstIndex(of: "?") { raw = raw[..<q] }
        let decoded = S3Target.decode(raw)
        let path = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw S3Error.invalidArgument(
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", source)
        }
        let (sourceBucket, sourceKey) = (String(parts[0]), String(parts[1]))
        _ = try await self.bucket(bucket)
        try Self.checkKey(key)
        let src = try await object(sourceBucket, sourceKey)
        let replace = headers["x-amz-metadata-directive"]?.uppercased() == "REPLACE"
        if !replace, sourceBucket == bucket, sourceKey == key {
            throw S3Error(
                "InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }
        let file = try files.link(src.file)
        let object = S3Object(
            key: key, size: src.size, etag: src.etag,
            contentType: replace ? headers["content-type"] ?? "binary/octet-stream" : src.contentType,
            metadata: replace ? Self.metadata(headers) : src.metadata, headers: replace ? Self.contentHeaders(headers) : src.headers,
            lastModified: now, file: file, crc32: src.crc32)
        try await commit(object, bucket: bucket)
        return object
    }

    func copyObjectResponse(_ bucket: String, _ key: String, source: String, headers: [String: String]) async throws -> S3HTTPResponse {
        let o = try await copyObject(bucket, key, source: source, headers: headers)
        return .xml(
            S3XML(root: "CopyObjectResult") { x in
                x.element("LastModified", Self.isoTime(o.lastModified))
                x.element("ETag", o.etag)
            }, headers: [("x-amz-server-side-encryption", "AES256")])
    }
}

extension S3Service {
    /// An object's bytes, for the services that read S3 in-process (a function's code); nil when it is missing.
    public func objectBytes(bucket: String, key: String) async -> [UInt8]? {
        let encodedKey = key.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }.joined(separator: "/")
        let answer = await handle(S3HTTPRequest(method: "GET", path: "/\(bucket)/\(encodedKey)", headers: ["host": "localhost"]))
        guard answer.status == 200 else { return nil }
        switch answer.body {
        case .bytes(let bytes): return bytes
        case .file(let handle, let offset, let length):
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: length) else { return nil }
            return Array(data)
        }
    }
}
