import CortadoLanguage
import Foundation

/// Task tokens: opaque, unforgeable names of one task of one execution.
///
/// A token is base64url of `version ‖ taskID (8 bytes) ‖ execution ARN ‖ HMAC-SHA-256(key, the rest)`.
/// The key lives in the data directory, so tokens survive restarts; any node with the key can route a
/// token to its execution without a lookup. The same task always gets the same token.
public struct TaskTokens: Sendable {
    static let version: UInt8 = 1
    let key: [UInt8]

    public init(key: [UInt8]) {
        precondition(key.count >= 16, "a token key needs at least 16 bytes")
        self.key = key
    }

    /// The key stored at `url`, made (32 random bytes, mode 0600) if the file does not exist yet.
    public static func loadKey(at url: URL) throws -> [UInt8] {
        if let data = try? Data(contentsOf: url), data.count >= 16 { return [UInt8](data) }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(key).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return key
    }

    public func mint(executionArn: String, taskID: Int) -> String {
        var body: [UInt8] = [Self.version]
        withUnsafeBytes(of: UInt64(taskID).bigEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: executionArn.utf8)
        let mac = Digest.hmacSHA256(key: key, message: body)
        return Self.base64url(body + mac)
    }

    /// The execution and task a token names, or nil if it is not a token this key made.
    public func open(_ token: String) -> (executionArn: String, taskID: Int)? {
        guard token.utf8.count <= 2048, let bytes = Self.unbase64url(token), bytes.count > 1 + 8 + 32,
            bytes[0] == Self.version
        else { return nil }
        let body = Array(bytes[..<(bytes.count - 32)])
        let mac = bytes[(bytes.count - 32)...]
        let expected = Digest.hmacSHA256(key: key, message: body)
        var difference: UInt8 = 0
        for (a, b) in zip(mac, expected) { difference |= a ^ b }
        guard difference == 0 else { return nil }
        let taskID = body[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard taskID <= UInt64(Int.max), let arn = String(validating: body[9...], as: UTF8.self) else { return nil }
        return (arn, Int(taskID))
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.utf8.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map { [UInt8]($0) }
    }
}
