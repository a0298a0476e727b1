extension String {
    /// The text escaped for an XML (or SVG, or HTML) element or attribute: `&`, `<`, `>`, `"`, `'` and carriage
    /// returns, which XML parsers would otherwise turn into line feeds.
    public var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
