/// Reading test fixtures written one JSON document per line.
public enum RawJSON {
    /// The exact text of a top-level member's value in one line of JSON.
    public static func member(_ line: String, _ key: String) -> String? {
        let bytes = Array(line.utf8)
        let needle = Array("\"\(key)\": ".utf8)
        var depth = 0
        var i = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if depth == 1, b == UInt8(ascii: "\""), bytes[i...].starts(with: needle) {
                let start = i + needle.count
                var j = start
                var d = 0
                var s = false
                while j < bytes.count {
                    let c = bytes[j]
                    if s {
                        if c == UInt8(ascii: "\\") { j += 2; continue }
                        if c == UInt8(ascii: "\"") { s = false; if d == 0 { j += 1; break } }
                    } else if c == UInt8(ascii: "\"") {
                        s = true
                    } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                        d += 1
                    } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                        d -= 1
                        if d == 0 { j += 1; break }
                    } else if d == 0 && (c == UInt8(ascii: ",")) {
                        break
                    }
                    j += 1
                }
                return String(decoding: bytes[start..<j], as: UTF8.self)
            }
            if b == UInt8(ascii: "\"") { inString = true }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
            if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") { depth -= 1 }
            i += 1
        }
        return nil
    }
}
