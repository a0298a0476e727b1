import CortadoJSON
import CortadoLanguage
import Foundation

/// One version of a function (`$LATEST` or a published number) as Lambda describes it, plus where its
/// code lives on this machine. Stored as a document: AWS's `FunctionConfiguration` shape with Cortado's
/// own members under `_cortado`.
public struct FunctionConfiguration: Sendable, Equatable {
    public var name: String
    /// The unqualified ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`).
    public var arn: String
    public var runtime: String
    public var handler: String
    public var role: String
    public var description: String = ""
    public var timeout: Int = 3
    public var memorySize: Int = 128
    public var environment: [String: String]? = nil
    public var codeSha256: String
    public var codeSize: Int
    /// The directory the process runs in (`LAMBDA_TASK_ROOT`).
    public var codeDirectory: String
    /// The local-directory extension: code read in place, never copied.
    public var localDirectory: Bool = false
    public var lastModified: Int64
    public var revisionId: String
    /// `$LATEST` or the published number.
    public var version: String = "$LATEST"
    public var architectures: [String] = ["x86_64"]
    public var ephemeralStorage: Int = 512
    /// `PutFunctionConcurrency` (kept on `$LATEST`; it applies to the whole function).
    public var reservedConcurrency: Int? = nil
    public var tags: [String: String] = [:]
    public var logGroup: String { "/aws/lambda/" + name }

    /// The ARN an invocation names: versions are qualified, `$LATEST` is not (as `FunctionArn` shows it).
    public var qualifiedArn: String { version == "$LATEST" ? arn : arn + ":" + version }

    /// `GetFunctionConfiguration`'s answer.
    public var json: JSON {
        var o: JSONObject = [
            "FunctionName": .string(name), "FunctionArn": .string(qualifiedArn), "Runtime": .string(runtime),
            "Role": .string(role), "Handler": .string(handler), "CodeSize": .int(codeSize), "Description": .string(description),
            "Timeout": .int(timeout), "MemorySize": .int(memorySize), "LastModified": .string(Self.lastModifiedText(lastModified)),
            "CodeSha256": .string(codeSha256), "Version": .string(version),
        ]
        if let environment {
            o["Environment"] = ["Variables": .stringMap(environment)]
        }
        o["TracingConfig"] = ["Mode": "PassThrough"]
        o["RevisionId"] = .string(revisionId)
        o["State"] = "Active"
        o["LastUpdateStatus"] = "Successful"
        o["PackageType"] = "Zip"
        o["Architectures"] = .array(architectures.map(JSON.string))
        o["EphemeralStorage"] = ["Size": .int(ephemeralStorage)]
        o["SnapStart"] = ["ApplyOn": "None", "OptimizationStatus": "Off"]
        o["RuntimeVersionConfig"] = [
            "RuntimeVersionArn": .string("arn:aws:lambda:\(region)::runtime:\(runtime)")
        ]
        o["LoggingConfig"] = ["LogFormat": "Text", "LogGroup": .string(logGroup)]
        return .object(o)
    }

    var region: String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 3 ? String(parts[3]) : "us-east-1"
    }

    /// The stored document.
    var document: JSON {
        guard case .object(var o) = json else { return json }
        var own: JSONObject = [
            "codeDirectory": .string(codeDirectory), "localDirectory": .bool(localDirectory), "lastModified": .int(Int(lastModified)),
        ]
        if let reservedConcurrency { own["reservedConcurrency"] = .int(reservedConcurrency) }
        if !tags.isEmpty { own["tags"] = .stringMap(tags) }
        o["_cortado"] = .object(own)
        return .object(o)
    }

    init(
        name: String, arn: String, runtime: String, handler: String, role: String, codeSha256: String, codeSize: Int,
        codeDirectory: String, lastModified: Int64, revisionId: String
    ) {
        self.name = name
        self.arn = arn
        self.runtime = runtime
        self.handler = handler
        self.role = role
        self.codeSha256 = codeSha256
        self.codeSize = codeSize
        self.codeDirectory = codeDirectory
        self.lastModified = lastModified
        self.revisionId = revisionId
    }

    init?(document: JSON) {
        guard case .string(let name)? = document["FunctionName"], case .string(let qualified)? = document["FunctionArn"],
            let own = document["_cortado"]
        else { return nil }
        let version = document["Version"]?.stringValue ?? "$LATEST"
        let arn = version == "$LATEST" ? qualified : String(qualified.dropLast(version.count + 1))
        self.init(
            name: name, arn: arn, runtime: document["Runtime"]?.stringValue ?? "", handler: document["Handler"]?.stringValue ?? "",
            role: document["Role"]?.stringValue ?? "", codeSha256: document["CodeSha256"]?.stringValue ?? "",
            codeSize: document["CodeSize"]?.intValue ?? 0, codeDirectory: own["codeDirectory"]?.stringValue ?? "",
            lastModified: own["lastModified"]?.intValue.map(Int64.init) ?? 0, revisionId: document["RevisionId"]?.stringValue ?? "")
        self.version = version
        description = document["Description"]?.stringValue ?? ""
        timeout = document["Timeout"]?.intValue ?? 3
        memorySize = document["MemorySize"]?.intValue ?? 128
        environment = document["Environment"]?["Variables"]?.stringMap
        architectures = document["Architectures"]?.arrayValue?.compactMap(\.stringValue) ?? ["x86_64"]
        ephemeralStorage = document["EphemeralStorage"]?["Size"]?.intValue ?? 512
        localDirectory = own["localDirectory"]?.boolValue ?? false
        reservedConcurrency = own["reservedConcurrency"]?.intValue
        tags = own["tags"]?.stringMap ?? [:]
    }

    /// Lambda's `LastModified`: `2024-05-01T12:00:00.000+0000`.
    static func lastModifiedText(_ ms: Int64) -> String {
        LambdaTime.iso8601(ms, zone: "+0000")
    }
}

/// Timestamps as Lambda writes them, from the context object's formatter.
enum LambdaTime {
    /// `2024-05-01T12:00:00.000` followed by `zone` (`Z` in log lines, `+0000` in `LastModified`).
    static func iso8601(_ ms: Int64, zone: String = "Z") -> String {
        let text = Timestamp(epochMilliseconds: ms).formatted()
        return zone == "Z" ? text : text.dropLast() + zone
    }

    /// `2024/05/01`, the date part of a log stream's name.
    static func streamDate(_ ms: Int64) -> String {
        String(iso8601(ms).prefix(10)).replacingOccurrences(of: "-", with: "/")
    }
}

extension JSON {
    /// A string-to-string map as a JSON object, keys sorted.
    static func stringMap(_ map: [String: String]) -> JSON {
        var o = JSONObject(minimumCapacity: map.count)
        for (k, v) in map.sorted(by: { $0.key < $1.key }) { o[k] = .string(v) }
        return .object(o)
    }

    /// A JSON object's string members (others left out).
    var stringMap: [String: String]? {
        guard case .object(let o) = self else { return nil }
        var out: [String: String] = [:]
        for (k, v) in o { if case .string(let s) = v { out[k] = s } }
        return out
    }
}
