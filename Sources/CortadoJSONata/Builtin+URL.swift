extension Builtin {
    /// URL encoding as JavaScript's `encodeURIComponent`/`encodeURI` and their decoders; `$clone`.
    static let urls: [Builtin] = [
        Builtin("encodeUrlComponent", "<s-:s>") { _, a, _ throws(JSONataError) in
            a[0]?.stringValue.map { .string(percentEncode($0, keeping: "-_.!~*'()")) }
        },
        Builtin("encodeUrl", "<s-:s>") { _, a, _ throws(JSONataError) in
            a[0]?.stringValue.map { .string(percentEncode($0, keeping: "-_.!~*'();/?:@&=+$,#")) }
        },
        Builtin("decodeUrlComponent", "<s-:s>") { _, a, _ throws(JSONataError) in
            try a[0]?.stringValue.map { (s) throws(JSONataError) in .string(try percentDecode(s)) }
        },
        Builtin("decodeUrl", "<s-:s>") { _, a, _ throws(JSONataError) in
            try a[0]?.stringValue.map { (s) throws(JSONataError) in .string(try percentDecode(s)) }
        },
        // Values are copied, so a clone is the value itself.
        Builtin("clone", "<(oa)-:o>") { _, a, _ throws(JSONataError) in a[0] },
    ]

    private static func percentEncode(_ s: String, keeping safe: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in s.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || safe.contains(c) {
                out.append(c)
            } else {
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }

    private static func percentDecode(_ s: String) throws(JSONataError) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 37 {
                guard i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) else {
                    throw .init(code: "D3140", message: "Malformed URL passed to $decodeUrl(): \(Value.quote(s))")
                }
                bytes.append(v)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .init(code: "D3140", message: "Malformed URL passed to $decodeUrl(): \(Value.quote(s))")
        }
        return decoded
    }
}
