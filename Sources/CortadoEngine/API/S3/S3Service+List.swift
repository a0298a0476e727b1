import CortadoJSON
import CortadoStore
import Foundation

/// One page of a listing: keys and common prefixes in key order.
struct S3Listing {
    var objects: [S3Object] = []
    var prefixes: [String] = []
    var truncated = false
    /// Where the next page starts: after this key, or past every key under this common prefix.
    var next: S3ListPosition?

    var count: Int { objects.count + prefixes.count }
}

enum S3ListPosition {
    case afterKey(String)
    case pastPrefix(String)

    /// The opaque `NextContinuationToken`.
    var token: String {
        switch self {
        case .afterKey(let k): Data(("k" + k).utf8).base64EncodedString()
        case .pastPrefix(let p): Data(("p" + p).utf8).base64EncodedString()
        }
    }

    init?(token: String) {
        guard let d = Data(base64Encoded: token), let s = String(data: d, encoding: .utf8), let kind = s.first else { return nil }
        let rest = String(s.dropFirst())
        switch kind {
        case "k": self = .afterKey(rest)
        case "p": self = .pastPrefix(rest)
        default: return nil
        }
    }
}

extension S3Service {
    /// The first name after every name starting with `prefix`: its last character's successor
    /// (UTF-8 byte order is code point order).
    static func successor(_ prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var v = last.value + 1
            if v == 0xD800 { v = 0xE000 }
            if let s = Unicode.Scalar(v) {
                scalars.append(s)
                var out = ""
                out.unicodeScalars.append(contentsOf: scalars)
                return out
            }
        }
        return "\u{10FFFF}\u{10FFFF}"
    }

    func storeToken(_ kind: String, _ position: S3ListPosition?, prefix: String) -> String? {
        switch position {
        case .afterKey(let k)?:
            // A start position before the prefix seeks to the prefix instead.
            if !prefix.isEmpty, k.utf8.lexicographicallyPrecedes(prefix.utf8) { return PageToken.resources(kind: kind, after: prefix) }
            return PageToken.resources(kind: kind, after: k, arn: k)
        case .pastPrefix(let p)?:
            return PageToken.resources(kind: kind, after: Self.successor(p))
        case nil:
            return prefix.isEmpty ? nil : PageToken.resources(kind: kind, after: prefix)
        }
    }

    /// Keys under `prefix` from `start`, with `delimiter` rolling keys up into common prefixes: a seek
    /// to the prefix, then a seek past each common prefix found.
    func list(_ bucket: String, prefix: String, delimiter: String?, maxKeys: Int, start: S3ListPosition?) async throws -> S3Listing {
        _ = try await self.bucket(bucket)
        let kind = Self.objectKind(bucket)
        var out = S3Listing()
        var position = start
        var lastPrefix: String?
        // A v1 marker that is a common prefix (a previous page's NextMarker) does not list it again.
        if case .afterKey(let m)? = start, delimiter != nil { lastPrefix = m }
        scan: while true {
            let page = try await store.listResources(
                kind: kind, limit: min(1000, max(maxKeys + 1, 16)), pageToken: storeToken(kind, position, prefix: prefix))
            var reseek = false
            for record in page.items {
                let key = record.name
                guard key.hasPrefix(prefix) else { break scan }
                var entry = S3ListPosition.afterKey(key)
                var common: String?
                if let delimiter, !delimiter.isEmpty {
                    let rest = key.dropFirst(prefix.count)
                    if let r = rest.range(of: delimiter) {
                        common = prefix + rest[..<r.upperBound]
                        entry = .pastPrefix(common!)
                    }
                }
                if common != nil, common == lastPrefix { continue }
                if out.count >= maxKeys {
                    out.truncated = true
                    break scan
                }
                if let common {
                    out.prefixes.append(common)
                    lastPrefix = common
                    position = entry
                    out.next = entry
                    reseek = true
                    break
                }
                if let o = S3Object(record) { out.objects.append(o) }
                position = entry
                out.next = entry
            }
            if !reseek, page.nextToken == nil { break }
        }
        if !out.truncated { out.next = nil }
        return out
    }

    func listResponse(_ bucket: String, _ q: [String: String], v2: Bool) async throws -> S3HTTPResponse {
        let prefix = q["prefix"] ?? ""
        let delimiter = q["delimiter"].flatMap { $0.isEmpty ? nil : $0 }
        let url = q["encoding-type"] == "url"
        if let e = q["encoding-type"], e != "url" {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", e)
        }
        var maxKeys = 1000
        if let m = q["max-keys"] {
            guard let n = Int(m), n >= 0 else {
                throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", m)
            }
            maxKeys = min(n, 1000)
        }
        var start: S3ListPosition?
        if v2 {
            if let token = q["continuation-token"] {
                guard let p = S3ListPosition(token: token) else {
                    throw S3Error.invalidArgument("The continuation token provided is incorrect", "continuation-token", token)
                }
                start = p
            } else if let after = q["start-after"], !after.isEmpty {
                start = .afterKey(after)
            }
        } else if let marker = q["marker"], !marker.isEmpty {
            start = .afterKey(marker)
        }
        let listing = try await list(bucket, prefix: prefix, delimiter: delimiter, maxKeys: maxKeys, start: start)
        let enc = { (s: String) in url ? S3Target.encode(s, encodeSlash: false) : s }
        let owner = self.owner
        return .xml(
            S3XML(root: "ListBucketResult") { x in
                x.element("Name", bucket)
                x.element("Prefix", enc(prefix))
                if v2 {
                    if let t = q["continuation-token"] { x.element("ContinuationToken", t) }
                    if let s = q["start-after"] { x.element("StartAfter", enc(s)) }
                    x.element("KeyCount", String(listing.count))
                } else {
                    x.element("Marker", enc(q["marker"] ?? ""))
                }
                x.element("MaxKeys", String(maxKeys))
                if let delimiter { x.element("Delimiter", enc(delimiter)) }
                if url { x.element("EncodingType", "url") }
                x.element("IsTruncated", listing.truncated ? "true" : "false")
                if listing.truncated, let next = listing.next {
                    if v2 {
                        x.element("NextContinuationToken", next.token)
                    } else if delimiter != nil {
                        switch next {
                        case .afterKey(let k): x.element("NextMarker", enc(k))
                        case .pastPrefix(let p): x.element("NextMarker", enc(p))
                        }
                    }
                }
                for o in listing.objects {
                    x.element("Contents") { c in
                        c.element("Key", enc(o.key))
                        c.element("LastModified", Self.isoTime(o.lastModified))
                        c.element("ETag", o.etag)
                        c.element("Size", String(o.size))
                        if !v2 {
                            c.element("Owner") { w in
                                w.element("ID", owner.id)
                                w.element("DisplayName", owner.name)
                            }
                        }
                        c.element("StorageClass", "STANDARD")
                    }
                }
                for p in listing.prefixes {
                    x.element("CommonPrefixes") { c in c.element("Prefix", enc(p)) }
                }
            })
    }
}
