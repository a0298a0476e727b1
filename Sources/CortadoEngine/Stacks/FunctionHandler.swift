import CortadoJSON
import Foundation
import ZIPFoundation

/// `AWS::Lambda::Function`: `Ref` is the function's name; the `Arn` attribute. `Code` is `ZipFile` (inline
/// source, packaged as `index.py`/`index.js` as CloudFormation does) or `S3Bucket`/`S3Key`.
struct FunctionHandler: ResourceHandler {
    let lambda: LambdaService

    func create(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        let name = try p.string("FunctionName", logicalId) ?? stack.physicalName(logicalId)
        var body = try configuration(logicalId, p, stack)
        body["FunctionName"] = .string(name)
        body["Code"] = .object(try code(logicalId, p))
        let answer = try await call(logicalId, "POST", "/2015-03-31/functions", .object(body))
        let arn = answer["FunctionArn"]?.stringValue ?? ""
        return StackResource(
            logicalId: logicalId, type: "AWS::Lambda::Function", physicalId: name, ref: .string(name), attributes: ["Arn": .string(arn)])
    }

    func update(_ old: StackResource, from: JSONObject, to: JSONObject, _ stack: StackContext) async throws(StackError) -> StackResource {
        guard from["FunctionName"] == to["FunctionName"] else {
            return try await replace(old, from: from, to: to, stack)
        }
        let path = "/2015-03-31/functions/\(old.physicalId)"
        if from["Code"] != to["Code"] { _ = try await call(old.logicalId, "PUT", path + "/code", .object(try code(old.logicalId, to))) }
        _ = try await call(old.logicalId, "PUT", path + "/configuration", .object(try configuration(old.logicalId, to, stack)))
        return old
    }

    func delete(_ resource: StackResource, _ p: JSONObject, _ stack: StackContext) async throws(StackError) {
        _ = try await call(resource.logicalId, "DELETE", "/2015-03-31/functions/\(resource.physicalId)", nil)
    }

    func configuration(_ logicalId: String, _ p: JSONObject, _ stack: StackContext) throws(StackError) -> JSONObject {
        var body: JSONObject = [
            "Role": .string(try p.string("Role", logicalId) ?? "arn:aws:iam::\(stack.account):role/\(stack.stackName)-\(logicalId)Role")
        ]
        for key in ["Runtime", "Handler", "Description", "Timeout", "MemorySize", "Environment", "Architectures"] {
            if let v = p[key] { body[key] = v }
        }
        return body
    }

    func code(_ logicalId: String, _ p: JSONObject) throws(StackError) -> JSONObject {
        guard case .object(let code)? = p["Code"] else { throw StackError(logicalId, "Properties/Code is required") }
        if let source = code["ZipFile"]?.stringValue {
            let runtime = p["Runtime"]?.stringValue ?? ""
            let file = runtime.hasPrefix("nodejs") ? "index.js" : "index.py"
            return ["ZipFile": .string(try Self.zip([(file, Array(source.utf8))], logicalId).base64EncodedString())]
        }
        var out = JSONObject()
        for key in ["S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri"] { if let v = code[key] { out[key] = v } }
        return out
    }

    /// A zip archive of the given files, built in memory.
    static func zip(_ files: [(String, [UInt8])], _ logicalId: String) throws(StackError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (path, bytes) in files {
                let data = Data(bytes)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), permissions: 0o644, compressionMethod: .deflate
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            }
            guard let data = archive.data else { throw StackError(logicalId, "the inline code could not be packaged") }
            return data
        } catch let error as StackError {
            throw error
        } catch {
            throw StackError(logicalId, "the inline code could not be packaged: \(error)")
        }
    }

    func call(_ logicalId: String, _ method: String, _ path: String, _ body: JSON?) async throws(StackError) -> JSON {
        let r = await lambda.handle(
            LambdaHTTPRequest(method: method, path: path, query: [:], headers: [:], body: body.map { Array($0.text.utf8) } ?? []))
        let answer = (try? JSON(parsing: String(decoding: r.body, as: UTF8.self))) ?? .null
        guard (200..<300).contains(r.status) else {
            let type = r.headers.first { $0.0.lowercased() == "x-amzn-errortype" }?.1 ?? "\(r.status)"
            throw StackError(logicalId, "\(type): \(answer["message"]?.stringValue ?? answer["Message"]?.stringValue ?? answer.text)")
        }
        return answer
    }
}
