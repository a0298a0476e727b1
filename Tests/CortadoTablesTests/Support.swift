import CortadoJSON

@testable import CortadoTables

/// Values for tests: `n("1")`, `s("x")`.
func n(_ text: String) -> AttributeValue { .number(try! DynamoNumber(parsing: text)) }
func s(_ text: String) -> AttributeValue { .string(text) }

/// An item from its wire JSON.
func item(_ json: String) -> Item { try! ItemWire.decode(try! JSON(parsing: json)) }

/// The message of the TableError `body` throws, or nil when it succeeds.
func message(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as TableError {
        return error.message
    } catch {
        return "not a TableError: \(error)"
    }
}

/// The attributes of one request.
func attributes(_ names: [String: String]? = nil, _ values: [String: AttributeValue]? = nil) -> ExpressionAttributes {
    ExpressionAttributes(names: names, values: values)
}
