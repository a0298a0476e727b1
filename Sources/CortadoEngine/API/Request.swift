import CortadoJSON

/// An action's request body with typed, checked members. Wrong types are `SerializationException`s and
/// missing members `ValidationException`s, as the AWS JSON protocol reports them.
public struct Request: Sendable {
    public let body: JSONObject

    public init(_ body: JSON) throws(AWSError) {
        guard case .object(let o) = body else {
            throw .serialization("The request body must be a JSON object")
        }
        self.body = o
    }

    func present(_ key: String) -> JSON? {
        guard let v = body[key], v != .null else { return nil }
        return v
    }

    public func string(_ key: String) throws(AWSError) -> String? {
        guard let v = present(key) else { return nil }
        guard case .string(let s) = v else {
            throw .serialization("Unexpected value for '\(key)': expected a string, got \(v.typeName)")
        }
        return s
    }

    public func requiredString(_ key: String) throws(AWSError) -> String {
        guard let s = try string(key) else { throw .missing(key) }
        return s
    }

    public func int(_ key: String) throws(AWSError) -> Int? {
        guard let v = present(key) else { return nil }
        guard case .int(let i) = v else {
            throw .serialization("Unexpected value for '\(key)': expected an integer, got \(v.typeName)")
        }
        return i
    }

    public func bool(_ key: String) throws(AWSError) -> Bool? {
        guard let v = present(key) else { return nil }
        guard case .bool(let b) = v else {
            throw .serialization("Unexpected value for '\(key)': expected a boolean, got \(v.typeName)")
        }
        return b
    }

    public func object(_ key: String) throws(AWSError) -> JSONObject? {
        guard let v = present(key) else { return nil }
        guard case .object(let o) = v else {
            throw .serialization("Unexpected value for '\(key)': expected a structure, got \(v.typeName)")
        }
        return o
    }

    public func array(_ key: String) throws(AWSError) -> [JSON]? {
        guard let v = present(key) else { return nil }
        guard case .array(let a) = v else {
            throw .serialization("Unexpected value for '\(key)': expected a list, got \(v.typeName)")
        }
        return a
    }

    /// `maxResults`: 0 means the default (100), as on AWS; 1...1000.
    public func maxResults() throws(AWSError) -> Int {
        guard let n = try int("maxResults") else { return 100 }
        if n < 0 || n > 1000 {
            throw .constraint(
                "'\(n)'", at: "maxResults", "Member must have value \(n < 0 ? "greater than or equal to 0" : "less than or equal to 1000")")
        }
        return n == 0 ? 100 : n
    }

    /// `nextToken`, at most `max` characters (1024 for most actions, 3096 for `ListExecutions`).
    public func pageToken(max: Int = 1024) throws(AWSError) -> String? {
        guard let token = try string("nextToken") else { return nil }
        if token.isEmpty { throw .constraint("''", at: "nextToken", "Member must have length greater than or equal to 1") }
        // The whole token is echoed (recorded), however long.
        if token.count > max { throw .constraint("'\(token)'", at: "nextToken", "Member must have length less than or equal to \(max)") }
        return token
    }

    /// Checks a string member's length, as AWS's request validation does.
    public func checkLength(_ value: String, _ key: String, max: Int, min: Int = 1) throws(AWSError) {
        let n = value.count
        if n < min {
            throw .constraint("'\(value)'", at: key, "Member must have length greater than or equal to \(min)")
        }
        if n > max {
            let shown = n > 200 ? "'\(value.prefix(50))...'" : "'\(value)'"
            throw .constraint(shown, at: key, "Member must have length less than or equal to \(max)")
        }
    }
}
