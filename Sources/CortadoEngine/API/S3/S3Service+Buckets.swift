import CortadoJSON
import CortadoLanguage
import CortadoStore
import Foundation

/// A bucket as stored: kind `s3-bucket`, ARN and name the bucket's name.
struct S3Bucket: Sendable {
    var name: String
    var region: String
    var created: Int64
}

extension S3Service {
    func bucket(_ name: String) async throws -> S3Bucket {
        guard let r = try await store.resource(kind: Self.bucketKind, arn: name) else { throw S3Error.noSuchBucket(name) }
        let doc = try? JSON(parsing: r.json)
        return S3Bucket(name: name, region: doc?["region"]?.stringValue ?? configuration.region, created: r.creationDate)
    }

    func buckets() async throws -> [S3Bucket] {
        try await store.allResources(kind: Self.bucketKind).map { r in
            S3Bucket(
                name: r.name, region: (try? JSON(parsing: r.json))?["region"]?.stringValue ?? configuration.region,
                created: r.creationDate)
        }
    }

    /// S3's naming rules: 3–63 characters of `a-z 0-9 . -`, starting and ending with a letter or digit,
    /// no `..`, not an IP address, none of the reserved prefixes and suffixes.
    static func validBucketName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard (3...63).contains(u.count) else { return false }
        let ok = u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }
        guard ok, let first = u.first, let last = u.last else { return false }
        let alnum = { (c: UInt8) in (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
        guard alnum(first), alnum(last), !name.contains(".."), !name.contains(".-"), !name.contains("-.") else { return false }
        let parts = name.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false }) { return false }
        if name.hasPrefix("xn--") || name.hasPrefix("sthree-") || name.hasSuffix("-s3alias") || name.hasSuffix("--ol-s3") {
            return false
        }
        return true
    }

    /// CreateBucket; the region is the body's `LocationConstraint`, or the server's.
    func createBucket(_ name: String, region: String? = nil) async throws {
        guard Self.validBucketName(name) else { throw S3Error.invalidBucketName(name) }
        let doc: JSON = ["region": .string(region ?? configuration.region)]
        do {
            try await store.createResource(
                ResourceRecord(kind: Self.bucketKind, arn: name, name: name, json: doc.text, creationDate: now))
        } catch let e as StoreError where e.code == .resourceAlreadyExists {
            throw S3Error(
                "BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.", status: 409,
                [("BucketName", name)])
        }
    }

    func createBucketResponse(_ name: String, body: [UInt8]) async throws -> S3HTTPResponse {
        var region: String?
        if body.contains(where: { $0 > 32 }) {
            guard let doc = XMLNode.parse(body), doc.name == "CreateBucketConfiguration" else { throw S3Error.malformedXML }
            if let c = doc.child("LocationConstraint")?.text, !c.isEmpty { region = c }
        }
        try await createBucket(name, region: region)
        return S3HTTPResponse(headers: [("Location", "/" + name)])
    }

    func deleteBucketResponse(_ name: String) async throws -> S3HTTPResponse {
        try await locks.withLock("bucket:" + name) {
            _ = try await bucket(name)
            let one = try await store.listResources(kind: Self.objectKind(name), limit: 1, pageToken: nil)
            let uploads = try await store.listResources(kind: Self.uploadKind(name), limit: 1, pageToken: nil)
            guard one.items.isEmpty, uploads.items.isEmpty else {
                throw S3Error(
                    "BucketNotEmpty", "The bucket you tried to delete is not empty", status: 409, [("BucketName", name)])
            }
            _ = try await store.deleteResource(kind: Self.bucketKind, arn: name)
        }
        return S3HTTPResponse(status: 204)
    }

    var owner: (id: String, name: String) {
        (Hex.string(MD5Stream.digest(Array(configuration.account.utf8))) + Hex.string(MD5Stream.digest(Array("cortado".utf8))), "cortado")
    }

    func listBucketsResponse() async throws -> S3HTTPResponse {
        let all = try await buckets()
        let owner = self.owner
        return .xml(
            S3XML(root: "ListAllMyBucketsResult") { x in
                x.element("Owner") { o in
                    o.element("ID", owner.id)
                    o.element("DisplayName", owner.name)
                }
                x.element("Buckets") { bs in
                    for b in all {
                        bs.element("Bucket") { e in
                            e.element("Name", b.name)
                            e.element("CreationDate", Self.isoTime(b.created))
                            e.element("BucketRegion", b.region)
                        }
                    }
                }
            })
    }

    func locationResponse(_ name: String) async throws -> S3HTTPResponse {
        let b = try await bucket(name)
        // us-east-1 is written as an empty constraint, as S3 does.
        let location = b.region == "us-east-1" ? "" : b.region
        return .xml(S3XML(root: "LocationConstraint") { x in x.characters(location) })
    }
}
