import CortadoJSON
import CortadoStore
import Foundation

/// Connections and API destinations: the HTTP endpoints a rule's target can call. Kept as store
/// documents (`event-connection`, `event-api-destination`) by name; secrets are stored and never shown.
extension EventBusService {
    static let connectionKind = "event-connection"
    static let apiDestinationKind = "event-api-destination"

    func createConnection(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        let authorization = try r.requiredString("AuthorizationType")
        guard ["BASIC", "API_KEY", "OAUTH_CLIENT_CREDENTIALS"].contains(authorization) else {
            throw AWSError.constraint(
                "'\(authorization)'", at: "authorizationType",
                "Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]")
        }
        guard let auth = try r.object("AuthParameters") else { throw AWSError.missing("authParameters") }
        let now = clock.now()
        let arn = arnPrefix + "connection/\(name)/" + UUID().uuidString.lowercased()
        var doc: JSONObject = [
            "ConnectionArn": .string(arn), "Name": .string(name), "ConnectionState": "AUTHORIZED",
            "AuthorizationType": .string(authorization), "AuthParameters": .object(auth),
            "CreationTime": Self.date(now), "LastModifiedTime": Self.date(now), "LastAuthorizedTime": Self.date(now),
        ]
        if let description = try r.string("Description") { doc["Description"] = .string(description) }
        do {
            try await store.createResource(
                ResourceRecord(kind: Self.connectionKind, arn: name, name: name, json: JSON.object(doc).text, creationDate: now))
        } catch let e as StoreError where e.code == .resourceAlreadyExists {
            throw AWSError("ResourceAlreadyExistsException", "Connection \(name) already exists.")
        }
        return [
            "ConnectionArn": .string(arn), "ConnectionState": "AUTHORIZED", "CreationTime": Self.date(now),
            "LastModifiedTime": Self.date(now),
        ]
    }

    func connection(named name: String) async throws -> JSON {
        guard let record = try await store.resource(kind: Self.connectionKind, arn: name) else {
            throw AWSError("ResourceNotFoundException", "Failed to describe the connection(s). Connection '\(name)' does not exist.")
        }
        return try JSON(parsing: record.json)
    }

    /// A connection as DescribeConnection shows it: secret values left out.
    static func connectionView(_ doc: JSON) -> JSON {
        guard case .object(var o) = doc else { return doc }
        if case .object(var auth)? = o["AuthParameters"] {
            if case .object(var basic)? = auth["BasicAuthParameters"] {
                basic.removeValue(forKey: "Password")
                auth["BasicAuthParameters"] = .object(basic)
            }
            if case .object(var key)? = auth["ApiKeyAuthParameters"] {
                key.removeValue(forKey: "ApiKeyValue")
                auth["ApiKeyAuthParameters"] = .object(key)
            }
            o["AuthParameters"] = .object(auth)
        }
        return .object(o)
    }

    func describeConnection(_ r: Request) async throws -> JSON {
        Self.connectionView(try await connection(named: try r.requiredString("Name")))
    }

    func deleteConnection(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        let doc = try await connection(named: name)
        _ = try await store.deleteResource(kind: Self.connectionKind, arn: name)
        return [
            "ConnectionArn": doc["ConnectionArn"] ?? .null, "ConnectionState": "DELETING",
            "CreationTime": doc["CreationTime"] ?? .null, "LastModifiedTime": .double(Double(clock.now()) / 1000),
        ]
    }

    func listConnections(_ r: Request) async throws -> JSON {
        try await listByName(r, kind: Self.connectionKind, member: "Connections") { doc in
            var o = JSONObject()
            for key in ["ConnectionArn", "Name", "ConnectionState", "AuthorizationType", "CreationTime", "LastModifiedTime"] {
                if let v = doc[key] { o[key] = v }
            }
            return .object(o)
        }
    }

    func createApiDestination(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        try checkName(name, member: "name")
        let connectionArn = try r.requiredString("ConnectionArn")
        let endpoint = try r.requiredString("InvocationEndpoint")
        let method = try r.requiredString("HttpMethod")
        guard ["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"].contains(method) else {
            throw AWSError.constraint(
                "'\(method)'", at: "httpMethod", "Member must satisfy enum value set: [POST, GET, HEAD, OPTIONS, PUT, PATCH, DELETE]")
        }
        guard endpoint.hasPrefix("https://") || endpoint.hasPrefix("http://") else {
            throw AWSError.validation("Parameter InvocationEndpoint is not valid. Reason: it must be an http or https URL.")
        }
        let connectionName = connectionArn.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        _ = try await connection(named: connectionName)
        let now = clock.now()
        let arn = arnPrefix + "api-destination/\(name)/" + UUID().uuidString.lowercased()
        var doc: JSONObject = [
            "ApiDestinationArn": .string(arn), "Name": .string(name), "ApiDestinationState": "ACTIVE",
            "ConnectionArn": .string(connectionArn), "InvocationEndpoint": .string(endpoint), "HttpMethod": .string(method),
            "InvocationRateLimitPerSecond": .int(try r.int("InvocationRateLimitPerSecond") ?? 300),
            "CreationTime": Self.date(now), "LastModifiedTime": Self.date(now),
        ]
        if let description = try r.string("Description") { doc["Description"] = .string(description) }
        do {
            try await store.createResource(
                ResourceRecord(kind: Self.apiDestinationKind, arn: name, name: name, json: JSON.object(doc).text, creationDate: now))
        } catch let e as StoreError where e.code == .resourceAlreadyExists {
            throw AWSError("ResourceAlreadyExistsException", "An api-destination '\(name)' already exists.")
        }
        return [
            "ApiDestinationArn": .string(arn), "ApiDestinationState": "ACTIVE", "CreationTime": Self.date(now),
            "LastModifiedTime": Self.date(now),
        ]
    }

    func apiDestination(named name: String) async throws -> JSON {
        guard let record = try await store.resource(kind: Self.apiDestinationKind, arn: name) else {
            throw AWSError(
                "ResourceNotFoundException", "Failed to describe the api-destination(s). An api-destination '\(name)' does not exist.")
        }
        return try JSON(parsing: record.json)
    }

    func describeApiDestination(_ r: Request) async throws -> JSON {
        try await apiDestination(named: try r.requiredString("Name"))
    }

    func deleteApiDestination(_ r: Request) async throws -> JSON {
        let name = try r.requiredString("Name")
        _ = try await apiDestination(named: name)
        _ = try await store.deleteResource(kind: Self.apiDestinationKind, arn: name)
        return [:]
    }

    func listApiDestinations(_ r: Request) async throws -> JSON {
        try await listByName(r, kind: Self.apiDestinationKind, member: "ApiDestinations") { $0 }
    }
}
