import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation

/// Multipart uploads: an upload is a document of kind `s3-upload:<bucket>` (ARN the upload id), each
/// part one of kind `s3-part:<upload id>` (ARN and name the zero-padded part number) with its own file.
/// Completing concatenates the parts into a new object file.
extension S3Service {
    static let minimumPartSize: Int64 = 5 << 20

    func upload(_ bucket: String, _ key: String, _ id: String) async throws -> JSON {
        _ = try await self.bucket(bucket)
        guard let r = try await store.resource(kind: Self.uploadKind(bucket), arn: id), let doc = try? JSON(parsing: r.json),
            doc["key"]?.stringValue == key
        else { throw S3Error.noSuchUpload(id) }
        return doc
    }

    func createUploadResponse(_ bucket: String, _ key: String, _ headers: [String: String]) async throws -> S3HTTPResponse {
        _ = try await self.bucket(bucket)
        try Self.checkKey(key)
        let id = Hex.string(MD5Stream.digest(Array(UUID().uuidString.utf8))) + Hex.string(MD5Stream.digest(Array(key.utf8)))
        let doc: JSON = [
            "key": .string(key), "contentType": .string(headers["content-type"] ?? "binary/octet-stream"),
            "metadata": .object(JSONObject(Self.metadata(headers).map { ($0.0, JSON.string($0.1)) })),
            "headers": .object(JSONObject(Self.contentHeaders(headers).map { ($0.0, JSON.string($0.1)) })),
        ]
        try await store.createResource(ResourceRecord(kind: Self.uploadKind(bucket), arn: id, name: key, json: doc.text, creationDate: now))
        return .xml(
            S3XML(root: "InitiateMultipartUploadResult") { x in
                x.element("Bucket", bucket)
                x.element("Key", key)
                x.element("UploadId", id)
            })
    }

    static func partName(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 5 - s.count)) + s
    }

    func uploadPartResponse<Body: AsyncSequence>(
        _ bucket: String, _ key: String, _ id: String, _ number: String, _ headers: [String: String], _ body: Body
    ) async throws -> S3HTTPResponse where Body.Element == [UInt8] {
        guard let n = Int(number), (1...10000).contains(n) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", number)
        }
        _ = try await upload(bucket, key, id)
        let staged = try await receive(headers, body)
        let etag = "\"\(Hex.string(staged.md5))\""
        let doc: JSON = [
            "size": .int(Int(staged.size)), "etag": .string(etag), "file": .string(staged.name), "lastModified": .int(Int(now)),
        ]
        let old = try await locks.withLock("part:\(id):\(n)") {
            let previous = try await store.resource(kind: Self.partKind(id), arn: Self.partName(n))
            try await store.putResource(
                ResourceRecord(kind: Self.partKind(id), arn: Self.partName(n), name: Self.partName(n), json: doc.text, creationDate: now))
            return previous
        }
        if let old, let file = (try? JSON(parsing: old.json))?["file"]?.stringValue { files.remove(file) }
        return S3HTTPResponse(headers: [("ETag", etag), ("x-amz-server-side-encryption", "AES256")])
    }

    func parts(_ id: String) async throws -> [(Int, JSON)] {
        try await store.allResources(kind: Self.partKind(id)).compactMap { r in
            guard let n = Int(r.arn), let doc = try? JSON(parsing: r.json) else { return nil }
            return (n, doc)
        }
    }

    func completeResponse(_ bucket: String, _ key: String, _ id: String, body: [UInt8]) async throws -> S3HTTPResponse {
        let upload = try await upload(bucket, key, id)
        guard let doc = XMLNode.parse(body), doc.name == "CompleteMultipartUpload" else { throw S3Error.malformedXML }
        let requested = doc.all("Part").map { p in
            (
                Int(p.child("PartNumber")?.text ?? "") ?? 0,
                p.child("ETag")?.text.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) ?? ""
            )
        }
        guard !requested.isEmpty else {
            throw S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
        }
        let stored = Dictionary(try await parts(id), uniquingKeysWith: { a, _ in a })
        var previous = 0
        var chosen: [JSON] = []
        let invalidPart = S3Error(
            "InvalidPart",
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
        )
        for (n, _) in requested {
            guard n > previous else {
                throw S3Error("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
            }
            previous = n
        }
        for (i, (n, etag)) in requested.enumerated() {
            guard let part = stored[n], part["etag"]?.stringValue?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == etag else {
                throw invalidPart
            }
            if i < requested.count - 1, Int64(part["size"]?.intValue ?? 0) < Self.minimumPartSize {
                throw S3Error(
                    "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size",
                    [("ProposedSize", String(part["size"]?.intValue ?? 0)), ("MinSizeAllowed", String(Self.minimumPartSize))])
            }
            chosen.append(part)
        }
        // The object is a new file: the parts' bytes one after another.
        let writer = try files.begin()
        var md5s: [UInt8] = []
        let staged: StagedFile
        do {
            for part in chosen {
                let handle = try files.reader(part["file"]?.stringValue ?? "")
                defer { try? handle.close() }
                while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { try writer.write(data) }
                md5s += Hex.bytes(part["etag"]?.stringValue?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "") ?? []
            }
            let (md5, crc) = try writer.seal()
            staged = StagedFile(name: try writer.place(), size: writer.size, md5: md5, crc32: crc)
        } catch {
            writer.discard()
            throw error
        }
        let etag = "\"\(Hex.string(MD5Stream.digest(md5s)))-\(chosen.count)\""
        let object = S3Object(
            key: key, size: staged.size, etag: etag, contentType: upload["contentType"]?.stringValue ?? "binary/octet-stream",
            metadata: (upload["metadata"]?.objectValue).map { o in o.map { ($0.key, $0.value.stringValue ?? "") } } ?? [],
            headers: (upload["headers"]?.objectValue).map { o in o.map { ($0.key, $0.value.stringValue ?? "") } } ?? [],
            lastModified: now, file: staged.name, crc32: nil)
        try await commit(object, bucket: bucket)
        try await dropUpload(bucket, id)
        return .xml(
            S3XML(root: "CompleteMultipartUploadResult") { x in
                x.element("Location", "/\(bucket)/\(S3Target.encode(key, encodeSlash: false))")
                x.element("Bucket", bucket)
                x.element("Key", key)
                x.element("ETag", etag)
            }, headers: [("x-amz-server-side-encryption", "AES256")])
    }

    /// Removes an upload's documents, then its part files.
    func dropUpload(_ bucket: String, _ id: String) async throws {
        let all = try await parts(id)
        _ = try await store.deleteResources(kind: Self.partKind(id))
        _ = try await store.deleteResource(kind: Self.uploadKind(bucket), arn: id)
        for (_, p) in all { if let f = p["file"]?.stringValue { files.remove(f) } }
    }

    func abortResponse(_ bucket: String, _ key: String, _ id: String) async throws -> S3HTTPResponse {
        _ = try await upload(bucket, key, id)
        try await dropUpload(bucket, id)
        return S3HTTPResponse(status: 204)
    }

    func listPartsResponse(_ bucket: String, _ key: String, _ id: String, _ q: [String: String]) async throws -> S3HTTPResponse {
        _ = try await upload(bucket, key, id)
        let marker = Int(q["part-number-marker"] ?? "") ?? 0
        let maxParts = min(Int(q["max-parts"] ?? "") ?? 1000, 1000)
        let all = try await parts(id).filter { $0.0 > marker }.sorted { $0.0 < $1.0 }
        let page = all.prefix(maxParts)
        let owner = self.owner
        return .xml(
            S3XML(root: "ListPartsResult") { x in
                x.element("Bucket", bucket)
                x.element("Key", key)
                x.element("UploadId", id)
                x.element("Initiator") { w in
                    w.element("ID", owner.id)
                    w.element("DisplayName", owner.name)
                }
                x.element("Owner") { w in
                    w.element("ID", owner.id)
                    w.element("DisplayName", owner.name)
                }
                x.element("StorageClass", "STANDARD")
                x.element("PartNumberMarker", String(marker))
                x.element("NextPartNumberMarker", String(page.last?.0 ?? marker))
                x.element("MaxParts", String(maxParts))
                x.element("IsTruncated", all.count > maxParts ? "true" : "false")
                for (n, p) in page {
                    x.element("Part") { e in
                        e.element("PartNumber", String(n))
                        e.element("LastModified", Self.isoTime(Int64(p["lastModified"]?.intValue ?? 0)))
                        e.element("ETag", p["etag"]?.stringValue ?? "")
                        e.element("Size", String(p["size"]?.intValue ?? 0))
                    }
                }
            })
    }
}
