import CortadoEngine
import CortadoJSON
import Foundation

/// AWS's query protocol, as CloudFormation speaks it: a form body (`Action=CreateStack&StackName=…&
/// Parameters.member.1.ParameterKey=…`) read into the JSON value the service takes, and the answer written as
/// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` XML, lists as `<member>` elements.
enum QueryProtocol {
    static let namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/"

    /// The action and its parameters from a form body; nil when there is no `Action`.
    static func decode(_ body: String) -> (action: String, parameters: JSON)? {
        let root = FormNode()
        var action: String?
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(parts[0])
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            if key == "Action" {
                action = value
                continue
            }
            if key == "Version" { continue }
            var node = root
            for segment in key.split(separator: ".") { node = node.child(String(segment)) }
            node.value = value
        }
        guard let action else { return nil }
        return (action, root.json)
    }

    static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// One key path's node: a value, or members by name (`member` then `1`, `2`… for a list).
    final class FormNode {
        var value: String?
        var names: [String] = []
        var children: [String: FormNode] = [:]

        func child(_ name: String) -> FormNode {
            if let found = children[name] { return found }
            let made = FormNode()
            children[name] = made
            names.append(name)
            return made
        }

        var json: JSON {
            if children.isEmpty { return .string(value ?? "") }
            if names == ["member"], let list = children["member"] {
                let items = list.names.compactMap { n in Int(n).map { ($0, list.children[n]!) } }.sorted { $0.0 < $1.0 }
                return .array(items.map(\.1.json))
            }
            var object = JSONObject()
            for name in names { object[name] = children[name]!.json }
            return .object(object)
        }
    }

    /// Actions whose answer has no output shape, so no `<ActionResult>` element; every other answer has one,
    /// empty or not (SDKs look for it).
    static let withoutResult: Set<String> = ["DeleteStack", "CancelUpdateStack", "SetStackPolicy", "SignalResource"]

    /// The answer to `action` as the query protocol's XML.
    static func response(_ action: String, _ result: JSON, requestId: String) -> String {
        var xml = "<\(action)Response xmlns=\"\(namespace)\">"
        if !withoutResult.contains(action) {
            xml += "<\(action)Result>"
            for (name, value) in result.objectValue ?? [:] { element(name, value, into: &xml) }
            xml += "</\(action)Result>"
        }
        xml += "<ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata></\(action)Response>"
        return xml
    }

    static func errorResponse(_ error: AWSError, requestId: String) -> String {
        let type = error.status >= 500 ? "Receiver" : "Sender"
        return "<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(type)</Type><Code>\(error.type.xmlEscaped)</Code>"
            + "<Message>\(error.message.xmlEscaped)</Message></Error><RequestId>\(requestId)</RequestId></ErrorResponse>"
    }

    static func element(_ name: String, _ value: JSON, into xml: inout String) {
        switch value {
        case .null: return
        case .object(let members):
            xml += "<\(name)>"
            for (key, member) in members { element(key, member, into: &xml) }
            xml += "</\(name)>"
        case .array(let items):
            xml += "<\(name)>"
            for item in items { element("member", item, into: &xml) }
            xml += "</\(name)>"
        case .string(let s): xml += "<\(name)>\(s.xmlEscaped)</\(name)>"
        case .bool(let b): xml += "<\(name)>\(b)</\(name)>"
        default: xml += "<\(name)>\(value.text)</\(name)>"
        }
    }

}
