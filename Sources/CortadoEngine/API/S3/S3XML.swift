import CortadoJSON

/// S3's XML, written and read by hand: answers are a few flat documents, and the request bodies S3
/// takes (CreateBucketConfiguration, Delete, CompleteMultipartUpload) are small trees of text elements.
/// FoundationXML would need libxml2 at run time for three shapes.
struct S3XML {
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    /// A document whose root element carries S3's namespace.
    init(root: String, _ body: (inout S3XML) -> Void) {
        text += "<\(root) xmlns=\"\(Self.namespace)\">"
        body(&self)
        text += "</\(root)>"
    }

    /// A document without a namespace (S3's `<Error>`).
    init(plainRoot root: String, _ body: (inout S3XML) -> Void) {
        text += "<\(root)>"
        body(&self)
        text += "</\(root)>"
    }

    mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>\(value.xmlEscaped)</\(name)>"
    }

    mutating func element(_ name: String, _ body: (inout S3XML) -> Void) {
        text += "<\(name)>"
        body(&self)
        text += "</\(name)>"
    }

    /// Text content of the element being written.
    mutating func characters(_ value: String) {
        text += value.xmlEscaped
    }

    var bytes: [UInt8] { Array(text.utf8) }

}

/// One element of a parsed request body: its local name, child elements and text.
struct XMLNode: Sendable {
    var name: String
    var children: [XMLNode] = []
    var text = ""

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Parses a document; nil when it is not well-formed enough to read.
    static func parse(_ bytes: [UInt8]) -> XMLNode? {
        var p = XMLReader(Array(bytes))
        return p.document()
    }
}

private struct XMLReader {
    let s: [UInt8]
    var i = 0

    init(_ s: [UInt8]) { self.s = s }

    mutating func document() -> XMLNode? {
        skipMisc()
        guard let root = element() else { return nil }
        skipMisc()
        return i == s.count ? root : nil
    }

    /// Whitespace, the declaration, comments and processing instructions.
    mutating func skipMisc() {
        while i < s.count {
            if s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 {
                i += 1
            } else if starts("<?") {
                guard let end = find("?>") else { i = s.count; return }
                i = end + 2
            } else if starts("<!--") {
                guard let end = find("-->") else { i = s.count; return }
                i = end + 3
            } else {
                return
            }
        }
    }

    func starts(_ t: String) -> Bool {
        let u = Array(t.utf8)
        return i + u.count <= s.count && Array(s[i..<i + u.count]) == u
    }

    func find(_ t: String) -> Int? {
        let u = Array(t.utf8)
        var j = i
        while j + u.count <= s.count {
            if s[j] == u[0], Array(s[j..<j + u.count]) == u { return j }
            j += 1
        }
        return nil
    }

    mutating func element() -> XMLNode? {
        guard i < s.count, s[i] == UInt8(ascii: "<") else { return nil }
        i += 1
        let nameStart = i
        while i < s.count, ![32, 9, 10, 13, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(s[i]) { i += 1 }
        let qualified = String(decoding: s[nameStart..<i], as: UTF8.self)
        let name = qualified.split(separator: ":").last.map(String.init) ?? qualified
        // Attributes (xmlns) are skipped; quoted values may hold '>'.
        var quote: UInt8? = nil
        while i < s.count {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == UInt8(ascii: ">") || c == UInt8(ascii: "/") {
                break
            }
            i += 1
        }
        guard i < s.count else { return nil }
        var node = XMLNode(name: name)
        if s[i] == UInt8(ascii: "/") {
            guard i + 1 < s.count, s[i + 1] == UInt8(ascii: ">") else { return nil }
            i += 2
            return node
        }
        i += 1
        var text: [UInt8] = []
        while i < s.count {
            if starts("</") {
                guard let end = find(">") else { return nil }
                i = end + 1
                node.text = Self.unescape(String(decoding: text, as: UTF8.self))
                return node
            } else if starts("<!--") {
                guard let end = find("-->") else { return nil }
                i = end + 3
            } else if starts("<![CDATA[") {
                guard let end = find("]]>") else { return nil }
                text += s[(i + 9)..<end]
                i = end + 3
            } else if s[i] == UInt8(ascii: "<") {
                guard let child = element() else { return nil }
                node.children.append(child)
            } else {
                text.append(s[i])
                i += 1
            }
        }
        return nil
    }

    static func unescape(_ t: String) -> String {
        guard t.contains("&") else { return t }
        var out = ""
        var rest = Substring(t)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: UInt32?
                if entity.hasPrefix("#x") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst())
                }
                if let v = scalar, let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
