import CortadoJSON
import Foundation

/// Versions and aliases, as far as Step Functions ARNs need them.
extension LambdaService {
    func publishVersion(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            if let sha = try b.string("CodeSha256"), sha != e.latest.codeSha256 {
                throw AWSError.lambda(
                    "InvalidParameterValueException",
                    "CodeSHA256 (\(sha)) is different from current CodeSHA256 in $LATEST (\(e.latest.codeSha256)). Please try again with the CodeSHA256 in $LATEST."
                )
            }
            try Self.checkRevision(b, e.latest.revisionId)
            var v = Self.publish(&e)
            if let description = try b.string("Description") {
                v.description = description
                e.versions[Int(v.version)!] = v
            }
            try await save(e)
            return .json(v.json, status: 201)
        }
    }

    func listVersions(_ name: String, _ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        guard let e = entry(ref.name) else { throw notFound(ref) }
        let all = [e.latest] + e.versions.keys.sorted().map { e.versions[$0]! }
        return .json(Self.page(all.map(\.json), key: { $0["Version"]?.stringValue ?? "" }, r, try Self.maxItems(r), member: "Versions"))
    }

    func createAlias(_ name: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        guard let alias = try b.string("Name") else { throw AWSError.lambda("ValidationException", Self.nullMessage("name")) }
        try Self.checkAliasName(alias)
        guard let version = try b.string("FunctionVersion") else {
            throw AWSError.lambda("ValidationException", Self.nullMessage("functionVersion"))
        }
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            try Self.checkVersion(version, in: e, ref: ref, self)
            if e.aliases[alias] != nil {
                throw AWSError.lambda("ResourceConflictException", "Alias already exists: \(e.latest.arn):\(alias)")
            }
            let a = Alias(
                name: alias, arn: e.latest.arn + ":" + alias, functionVersion: version, description: try b.string("Description") ?? "",
                revisionId: UUID().uuidString.lowercased())
            e.aliases[alias] = a
            try await save(e)
            return .json(a.document, status: 201)
        }
    }

    func getAlias(_ name: String, _ alias: String) throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        guard let e = entry(ref.name) else { throw notFound(ref) }
        guard let a = e.aliases[alias] else { throw aliasNotFound(e, alias) }
        return .json(a.document)
    }

    func listAliases(_ name: String, _ r: LambdaHTTPRequest) throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        guard let e = entry(ref.name) else { throw notFound(ref) }
        var all = e.aliases.keys.sorted().map { e.aliases[$0]! }
        if let version = r.query["FunctionVersion"] { all = all.filter { $0.functionVersion == version } }
        return .json(Self.page(all.map(\.document), key: { $0["Name"]?.stringValue ?? "" }, r, try Self.maxItems(r), member: "Aliases"))
    }

    func updateAlias(_ name: String, _ alias: String, _ r: LambdaHTTPRequest) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        let b = try body(r)
        return try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            guard var a = e.aliases[alias] else { throw aliasNotFound(e, alias) }
            try Self.checkRevision(b, a.revisionId)
            if let version = try b.string("FunctionVersion") {
                try Self.checkVersion(version, in: e, ref: ref, self)
                a.functionVersion = version
            }
            if let description = try b.string("Description") { a.description = description }
            a.revisionId = UUID().uuidString.lowercased()
            e.aliases[alias] = a
            try await save(e)
            return .json(a.document)
        }
    }

    func deleteAlias(_ name: String, _ alias: String) async throws -> LambdaHTTPResponse {
        let ref = try reference(name)
        try await locks.withLock(ref.name) {
            guard var e = entry(ref.name) else { throw notFound(ref) }
            if e.aliases.removeValue(forKey: alias) != nil { try await save(e) }
        }
        return LambdaHTTPResponse(status: 204, body: [])
    }

    private func aliasNotFound(_ e: Entry, _ alias: String) -> AWSError {
        AWSError.lambda("ResourceNotFoundException", "Alias not found: \(e.latest.arn):\(alias)")
    }

    static func checkAliasName(_ alias: String) throws {
        let pattern = #"(?!^[0-9]+$)([a-zA-Z0-9-_]+)"#
        let digitsOnly = !alias.isEmpty && alias.allSatisfy(\.isNumber)
        let valid = !alias.isEmpty && alias.count <= 128 && !digitsOnly && LambdaService.validName(String(alias.prefix(64)))
        if !valid {
            throw AWSError.lambda(
                "ValidationException",
                "1 validation error detected: Value '\(alias)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \(pattern)"
            )
        }
    }

    static func checkVersion(_ version: String, in e: Entry, ref: FunctionReference, _ service: LambdaService) throws {
        if version == "$LATEST" { return }
        guard let n = Int(version), e.versions[n] != nil else {
            throw AWSError.lambda("ResourceNotFoundException", "Function not found: \(e.latest.arn):\(version)")
        }
    }
}
