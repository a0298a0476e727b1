import CortadoJSON

/// `AWS::S3::Bucket`: `Ref` is the bucket's name; `Arn`, `DomainName` and `RegionalDomainName` attributes.
struct BucketHandler: ResourceHandler {
    let s3: S3Service

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("BucketName", logicalId) ?? stack.physicalName(logicalId, limit: 63).lowercased()
        let r = await s3.handle(S3HTTPRequest(method: "PUT", path: "/\(name)", headers: ["host": "localhost"]))
        guard (200..<300).contains(r.status) else { throw StackError(logicalId, "CreateBucket answered \(r.status)") }
        return StackResource(
            logicalId: logicalId, type: "AWS::S3::Bucket", physicalId: name, ref: .string(name),
            attributes: [
                "Arn": .string("arn:aws:s3:::\(name)"), "DomainName": .string("\(name).s3.amazonaws.com"),
                "RegionalDomainName": .string("\(name).s3.\(stack.region).amazonaws.com"),
            ])
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        let r = await s3.handle(S3HTTPRequest(method: "DELETE", path: "/\(resource.physicalId)", headers: ["host": "localhost"]))
        guard (200..<300).contains(r.status) || r.status == 404 else {
            let why = r.status == 409 ? "The bucket you tried to delete is not empty" : "DeleteBucket answered \(r.status)"
            throw StackError(resource.logicalId, "\(why) (Service: S3, Status Code: \(r.status))")
        }
    }
}
