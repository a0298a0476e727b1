import CortadoJSON

extension ItemReader {
    /// The items in what the engine fetched: `{"Body": text}` for `s3:getObject` (parsed as
    /// `InputType` says), `{"Contents": [objects]}` for `s3:listObjectsV2` (the objects are the items).
    /// Errors are `States.ItemReaderFailed`, AWS's name for anything that goes wrong reading.
    public func items(from fetched: JSON) throws(StatesError) -> [JSON] {
        if case .array(let objects)? = fetched["Contents"] { return objects }
        guard case .string(let body)? = fetched["Body"] else {
            throw StatesError(.itemReaderFailed, "The item reader received no object body.", prefixed: false)
        }
        switch inputType {
        case .json:
            let value: JSON
            do throws(JSONParseError) { value = try JSON(parsing: body) } catch {
                throw StatesError(.itemReaderFailed, "The object is not valid JSON.", prefixed: false)
            }
            guard case .array(let items) = value else {
                throw StatesError(.itemReaderFailed, "Attempting to map over non-iterable node.", prefixed: false)
            }
            return items
        case .jsonl:
            var items: [JSON] = []
            for (n, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.hasSuffix("\r") ? line.dropLast() : line[...]
                if text.allSatisfy(\.isWhitespace) { continue }
                do throws(JSONParseError) { items.append(try JSON(parsing: String(text))) } catch {
                    throw StatesError(.itemReaderFailed, "Line \(n + 1) of the JSONL object is not valid JSON.", prefixed: false)
                }
            }
            return items
        case .csv:
            return try CSVItems.parse(body, delimiter: csvDelimiter, headers: csvHeaderLocation == .given ? csvHeaders : nil)
        }
    }
}

/// CSV as a distributed Map reads it: RFC 4180 fields (quotes, doubled quotes, delimiters and line
/// breaks inside quotes), every value a string. Measured on AWS: a row with fewer fields than headers
/// gets "" for the rest, extra fields are dropped, a line with nothing on it is skipped (a line of
/// spaces is a row), and duplicate headers fail the Map Run.
public enum CSVItems {
    /// `headers` nil: the first row names the columns (`CSVHeaderLocation: FIRST_ROW`).
    public static func parse(_ text: String, delimiter: Character, headers given: [String]?) throws(StatesError) -> [JSON] {
        var rows = records(text, delimiter: delimiter)
        let headers: [String]
        if let given {
            headers = given
        } else {
            guard !rows.isEmpty else { return [] }
            headers = rows.removeFirst()
        }
        guard Set(headers).count == headers.count else {
            throw StatesError(.itemReaderFailed, "CSV headers cannot contain duplicates.", prefixed: false)
        }
        return rows.map { row in
            var o = JSONObject(minimumCapacity: headers.count)
            for (i, h) in headers.enumerated() { o.append(h, .string(i < row.count ? row[i] : "")) }
            return .object(o)
        }
    }

    /// The records of a CSV text; empty lines are not records.
    static func records(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var fieldStarted = false  // the current line has content (a delimiter or a character)
        var chars = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return chars.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = n
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
                fieldStarted = true
            case delimiter:
                row.append(field)
                field = ""
                fieldStarted = true
            case "\n", "\r\n", "\r":
                if fieldStarted || !field.isEmpty {
                    row.append(field)
                    rows.append(row)
                }
                row = []
                field = ""
                fieldStarted = false
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        if fieldStarted || !field.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
