/// An S3 error: its code, message and status, and the extra elements S3 adds to `<Error>`.
struct S3Error: Error, Sendable {
    var code: String
    var message: String
    var status: Int
    var extra: [(String, String)]

    init(_ code: String, _ message: String, status: Int = 400, _ extra: [(String, String)] = []) {
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
    }

    func response(requestID: String, resource: String, head: Bool) -> S3HTTPResponse {
        let headers = [("x-amz-request-id", requestID), ("x-amz-id-2", S3Service.hostID)]
        // HEAD answers carry no body; clients read the status.
        if head { return S3HTTPResponse(status: status, headers: headers) }
        let doc = S3XML(plainRoot: "Error") { x in
            x.element("Code", code)
            x.element("Message", message)
            for (k, v) in extra { x.element(k, v) }
            if !extra.contains(where: { ["Key", "BucketName", "Resource"].contains($0.0) }) { x.element("Resource", resource) }
            x.element("RequestId", requestID)
            x.element("HostId", S3Service.hostID)
        }
        return .xml(doc, status: status, headers: headers)
    }

    static func noSuchBucket(_ b: String) -> S3Error {
        S3Error("NoSuchBucket", "The specified bucket does not exist", status: 404, [("BucketName", b)])
    }
    static func noSuchKey(_ k: String) -> S3Error {
        S3Error("NoSuchKey", "The specified key does not exist.", status: 404, [("Key", k)])
    }
    static func noSuchUpload(_ id: String) -> S3Error {
        S3Error(
            "NoSuchUpload",
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            status: 404, [("UploadId", id)])
    }
    static func invalidBucketName(_ b: String) -> S3Error {
        S3Error("InvalidBucketName", "The specified bucket is not valid.", [("BucketName", b)])
    }
    static func entityTooLarge(limit: Int64) -> S3Error {
        S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", [("MaxSizeAllowed", String(limit))])
    }
    static func invalidArgument(_ message: String, _ name: String, _ value: String) -> S3Error {
        S3Error("InvalidArgument", message, [("ArgumentName", name), ("ArgumentValue", value)])
    }
    static func methodNotAllowed(_ method: String, _ type: String) -> S3Error {
        S3Error(
            "MethodNotAllowed", "The specified method is not allowed against this resource.", status: 405,
            [("Method", method), ("ResourceType", type)])
    }
    static let notImplemented = S3Error(
        "NotImplemented", "A header or query you provided implies functionality that is not implemented.", status: 501)
    static let preconditionFailed = S3Error(
        "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", status: 412)
    static let malformedXML = S3Error(
        "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
}
