/// What a resource handler knows of the stack it works for.
public struct StackContext: Sendable {
    public var stackName: String
    public var region: String
    public var account: String

    public init(stackName: String, region: String, account: String) {
        self.stackName = stackName
        self.region = region
        self.account = account
    }

    /// CloudFormation's generated name, `<stack>-<logicalId>-<13 upper-case letters and digits>`, cut to `limit`.
    public func physicalName(_ logicalId: String, limit: Int = 64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = String((0..<13).map { _ in alphabet.randomElement()! })
        let head = "\(stackName)-\(logicalId)"
        return String(head.prefix(max(1, limit - 14))) + "-" + suffix
    }
}
