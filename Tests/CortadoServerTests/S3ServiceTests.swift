import CortadoEngine
import CortadoJSON
import CortadoStore
import Foundation
import Testing

/// S3's operations and errors through the service value (no HTTP), on an in-memory store and a
/// temporary object directory.
@Suite struct S3ServiceTests {
    let clock = ManualClock()
    let s3: S3Service
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cortado-s3-tests-\(UUID().uuidString)")
        s3 = S3Service(
            store: InMemoryStore(), clock: clock, configuration: EngineConfiguration(), objectDirectory: directory,
            options: S3Service.Options(secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        try s3.recover()
    }

    func call(_ method: String, _ path: String, query: String = "", headers: [String: String] = [:], body: String = "") async
        -> S3HTTPResponse
    {
        await s3.handle(S3HTTPRequest(method: method, path: path, query: query, headers: headers, body: Array(body.utf8)))
    }

    func text(_ r: S3HTTPResponse) -> String { String(decoding: r.bytes, as: UTF8.self) }

    func errorCode(_ r: S3HTTPResponse) -> String? {
        let t = text(r)
        guard let a = t.range(of: "<Code>"), let b = t.range(of: "</Code>") else { return nil }
        return String(t[a.upperBound..<b.lowerBound])
    }

    @Test func bucketsAndTheirErrors() async throws {
        #expect(await call("PUT", "/bk1").status == 200)
        let again = await call("PUT", "/bk1")
        #expect(again.status == 409 && errorCode(again) == "BucketAlreadyOwnedByYou")
        let bad = await call("PUT", "/Bad_Bucket")
        #expect(bad.status == 400 && errorCode(bad) == "InvalidBucketName")
        let list = text(await call("GET", "/"))
        #expect(list.contains(#"<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#))
        #expect(list.contains("<Name>bk1</Name>"))
        #expect(await call("HEAD", "/bk1").status == 200)
        #expect(await call("HEAD", "/nope").status == 404)
        _ = await call("PUT", "/bk1/k", body: "x")
        let notEmpty = await call("DELETE", "/bk1")
        #expect(notEmpty.status == 409 && errorCode(notEmpty) == "BucketNotEmpty")
        _ = await call("DELETE", "/bk1/k")
        #expect(await call("DELETE", "/bk1").status == 204)
        let gone = await call("GET", "/bk1/k")
        #expect(gone.status == 404 && errorCode(gone) == "NoSuchBucket")
        let eu = "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
        _ = await call("PUT", "/bk2", body: eu)
        #expect(text(await call("GET", "/bk2", query: "location")).contains(">eu-west-1</LocationConstraint>"))
    }

    @Test func objectsRangesAndConditions() async throws {
        _ = await call("PUT", "/bkt")
        let put = await call(
            "PUT", "/bkt/dir/a%20b", headers: ["content-type": "text/plain", "x-amz-meta-color": "blue"], body: "0123456789")
        #expect(put.header("ETag") == "\"781e5e245d69b566979b86e28d23f2c7\"")
        let get = await call("GET", "/bkt/dir/a%20b")
        #expect(text(get) == "0123456789")
        #expect(get.header("Content-Type") == "text/plain" && get.header("x-amz-meta-color") == "blue")
        let range = await call("GET", "/bkt/dir/a%20b", headers: ["range": "bytes=2-4"])
        #expect(range.status == 206 && text(range) == "234" && range.header("Content-Range") == "bytes 2-4/10")
        #expect(text(await call("GET", "/bkt/dir/a%20b", headers: ["range": "bytes=-2"])) == "89")
        let invalid = await call("GET", "/bkt/dir/a%20b", headers: ["range": "bytes=10-"])
        #expect(invalid.status == 416 && errorCode(invalid) == "InvalidRange")
        #expect(await call("GET", "/bkt/dir/a%20b", headers: ["if-none-match": put.header("ETag")!]).status == 304)
        #expect(await call("GET", "/bkt/dir/a%20b", headers: ["if-match": "\"other\""]).status == 412)
        let head = await call("HEAD", "/bkt/dir/a%20b")
        #expect(head.header("Content-Length") == "10" && head.bytes.isEmpty)
        let missing = await call("GET", "/bkt/nope")
        #expect(missing.status == 404 && errorCode(missing) == "NoSuchKey")
        #expect(text(missing).contains("<Message>The specified key does not exist.</Message><Key>nope</Key>"))
        let badDigest = await call("PUT", "/bkt/k", headers: ["content-md5": "AAAAAAAAAAAAAAAAAAAAAA=="], body: "x")
        #expect(badDigest.status == 400 && errorCode(badDigest) == "BadDigest")
        #expect(await call("GET", "/bkt/k").status == 404)
        #expect(await call("DELETE", "/bkt/dir/a%20b").status == 204)
        #expect(await call("GET", "/bkt/dir/a%20b").status == 404)
    }

    @Test func awsChunkedBodiesAreDecoded() async throws {
        _ = await call("PUT", "/bkt")
        let body =
            "5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n"
        let r = await call(
            "PUT", "/bkt/c",
            headers: [
                "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-encoding": "aws-chunked",
                "x-amz-decoded-content-length": "11",
            ], body: body)
        #expect(r.status == 200)
        #expect(text(await call("GET", "/bkt/c")) == "hello world")
        #expect(await call("HEAD", "/bkt/c").header("Content-Encoding") == nil)
    }

    @Test func listsWithPrefixDelimiterAndPages() async throws {
        _ = await call("PUT", "/bkt")
        for k in ["a/1", "a/2", "a/b/3", "b/1", "c"] { _ = await call("PUT", "/bkt/" + k, body: k) }
        let all = text(await call("GET", "/bkt", query: "list-type=2"))
        #expect(all.components(separatedBy: "<Key>").count - 1 == 5 && all.contains("<KeyCount>5</KeyCount>"))
        let d = text(await call("GET", "/bkt", query: "list-type=2&delimiter=%2F"))
        #expect(d.contains("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes>"))
        #expect(d.contains("<Key>c</Key>") && !d.contains("<Key>a/1</Key>"))
        let p = text(await call("GET", "/bkt", query: "list-type=2&prefix=a%2F&delimiter=%2F"))
        #expect(p.contains("<Key>a/1</Key>") && p.contains("<Key>a/2</Key>") && p.contains("<Prefix>a/b/</Prefix>"))
        let page = text(await call("GET", "/bkt", query: "list-type=2&max-keys=2"))
        #expect(page.contains("<IsTruncated>true</IsTruncated>"))
        let token = page.components(separatedBy: "<NextContinuationToken>")[1].components(separatedBy: "<")[0]
        let next = text(await call("GET", "/bkt", query: "list-type=2&max-keys=2&continuation-token=" + S3Encoding.query(token)))
        #expect(next.contains("<Key>a/b/3</Key><") && next.contains("<Key>b/1</Key>") && !next.contains("<Key>a/1</Key>"))
        let v1 = text(await call("GET", "/bkt", query: "marker=b%2F1"))
        #expect(v1.contains("<Key>c</Key>") && !v1.contains("<Key>b/1</Key>"))
        let after = text(await call("GET", "/bkt", query: "list-type=2&start-after=b%2F1"))
        #expect(after.contains("<Key>c</Key>") && !after.contains("<Key>b/1</Key>"))
        _ = await call("PUT", "/bkt/x%2By", body: "")
        #expect(text(await call("GET", "/bkt", query: "list-type=2&encoding-type=url&prefix=x")).contains("<Key>x%2By</Key>"))
        #expect(errorCode(await call("GET", "/nope", query: "list-type=2")) == "NoSuchBucket")
    }

    @Test func deleteObjectsAndCopy() async throws {
        _ = await call("PUT", "/bkt")
        for k in ["x", "y"] { _ = await call("PUT", "/bkt/" + k, headers: ["x-amz-meta-m": k], body: k) }
        let del = text(
            await call(
                "POST", "/bkt", query: "delete", body: "<Delete><Object><Key>x</Key></Object><Object><Key>q</Key></Object></Delete>"))
        #expect(del.contains("<Deleted><Key>x</Key></Deleted>") && del.contains("<Deleted><Key>q</Key></Deleted>"))
        let quiet = text(
            await call("POST", "/bkt", query: "delete", body: "<Delete><Quiet>true</Quiet><Object><Key>z</Key></Object></Delete>"))
        #expect(!quiet.contains("<Deleted>"))
        let copy = await call("PUT", "/bkt/y2", headers: ["x-amz-copy-source": "/bkt/y"])
        #expect(text(copy).contains("<ETag>&quot;415290769594460e2e485922904f345d&quot;</ETag>"))
        #expect(await call("HEAD", "/bkt/y2").header("x-amz-meta-m") == "y")
        let replaced = await call(
            "PUT", "/bkt/y3", headers: ["x-amz-copy-source": "bkt/y", "x-amz-metadata-directive": "REPLACE", "x-amz-meta-n": "1"])
        #expect(replaced.status == 200)
        #expect(await call("HEAD", "/bkt/y3").header("x-amz-meta-m") == nil)
        #expect(errorCode(await call("PUT", "/bkt/y", headers: ["x-amz-copy-source": "bkt/y"])) == "InvalidRequest")
        #expect(errorCode(await call("PUT", "/bkt/z", headers: ["x-amz-copy-source": "bkt/none"])) == "NoSuchKey")
        _ = await call("DELETE", "/bkt/y")
        #expect(text(await call("GET", "/bkt/y2")) == "y")
    }

    @Test func multipartUpload() async throws {
        _ = await call("PUT", "/bkt")
        let created = text(await call("POST", "/bkt/big", query: "uploads"))
        let id = created.components(separatedBy: "<UploadId>")[1].components(separatedBy: "<")[0]
        let part1 = String(repeating: "a", count: 5 << 20)
        let e1 = await call("PUT", "/bkt/big", query: "partNumber=1&uploadId=\(id)", body: part1).header("ETag")!
        let e2 = await call("PUT", "/bkt/big", query: "partNumber=2&uploadId=\(id)", body: "tail").header("ETag")!
        #expect(text(await call("GET", "/bkt/big", query: "uploadId=\(id)")).contains("<PartNumber>2</PartNumber>"))
        let wrongOrder =
            "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>\(e2)</ETag></Part><Part><PartNumber>1</PartNumber><ETag>\(e1)</ETag></Part></CompleteMultipartUpload>"
        #expect(errorCode(await call("POST", "/bkt/big", query: "uploadId=\(id)", body: wrongOrder)) == "InvalidPartOrder")
        let complete =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(e1)</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\(e2)</ETag></Part></CompleteMultipartUpload>"
        let done = text(await call("POST", "/bkt/big", query: "uploadId=\(id)", body: complete))
        #expect(done.contains("-2&quot;</ETag>"))
        let head = await call("HEAD", "/bkt/big")
        #expect(head.header("Content-Length") == String((5 << 20) + 4))
        #expect(text(await call("GET", "/bkt/big", headers: ["range": "bytes=-4"])) == "tail")
        #expect(errorCode(await call("GET", "/bkt/big", query: "uploadId=\(id)")) == "NoSuchUpload")
        let other = text(await call("POST", "/bkt/o", query: "uploads")).components(separatedBy: "<UploadId>")[1].components(
            separatedBy: "<")[0]
        #expect(await call("DELETE", "/bkt/o", query: "uploadId=\(other)").status == 204)
        #expect(errorCode(await call("DELETE", "/bkt/o", query: "uploadId=\(other)")) == "NoSuchUpload")
    }

    /// AWS's documented presigned-URL example (SigV4 query parameters): a GET of `/test.txt` in
    /// `examplebucket`, signed on 2013-05-24 for 86,400 s.
    @Test func presignedURLsAreVerified() async throws {
        clock.advance(seconds: 0)
        _ = await call("PUT", "/examplebucket")
        _ = await call("PUT", "/examplebucket/test.txt", body: "doc")
        let query =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature="
        let good = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        let headers = ["host": "examplebucket.s3.amazonaws.com"]
        // The example's date is long past: the signature is checked after the expiry, so expiry wins.
        let expired = await call("GET", "/test.txt", query: query + good, headers: headers)
        #expect(expired.status == 403 && text(expired).contains("Request has expired"))
        let verifying = S3Service(
            store: InMemoryStore(), clock: ManualClock(1_369_353_600_000 + 60_000), configuration: EngineConfiguration(),
            objectDirectory: directory.appendingPathComponent("second"),
            options: S3Service.Options(secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        try verifying.recover()
        _ = await verifying.handle(S3HTTPRequest(method: "PUT", path: "/examplebucket"))
        _ = await verifying.handle(S3HTTPRequest(method: "PUT", path: "/examplebucket/test.txt", body: Array("doc".utf8)))
        let ok = await verifying.handle(S3HTTPRequest(method: "GET", path: "/test.txt", query: query + good, headers: headers))
        #expect(ok.status == 200 && String(decoding: ok.bytes, as: UTF8.self) == "doc")
        let tampered = await verifying.handle(
            S3HTTPRequest(method: "GET", path: "/test.txt", query: query + good.replacingOccurrences(of: "a", with: "b"), headers: headers))
        #expect(tampered.status == 403 && String(decoding: tampered.bytes, as: UTF8.self).contains("<Code>SignatureDoesNotMatch</Code>"))
    }

    @Test func virtualHostStyle() async throws {
        _ = await call("PUT", "/vbk")
        #expect(await call("PUT", "/k/1", headers: ["host": "vbk.localhost:8083"], body: "v").status == 200)
        #expect(text(await call("GET", "/vbk/k/1")) == "v")
        #expect(text(await call("GET", "/", query: "list-type=2", headers: ["host": "vbk.s3.localhost"])).contains("<Key>k/1</Key>"))
        #expect(S3Service.virtualHostBucket("my.bucket.s3.us-west-2.amazonaws.com") == "my.bucket")
        #expect(S3Service.virtualHostBucket("localhost:8083") == nil)
        #expect(S3Service.virtualHostBucket("127.0.0.1:8083") == nil)
    }
}

enum S3Encoding {
    static func query(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}
