import CortadoJSON
import Testing

@testable import CortadoJSONata

/// The sample document of the JSONata documentation's "Simple queries" pages, abridged.
let address: JSON = try! JSON(
    parsing: """
        {
          "FirstName": "Fred",
          "Surname": "Smith",
          "Age": 28,
          "Address": {"Street": "Hursley Park", "City": "Winchester", "Postcode": "SO21 2JN"},
          "Phone": [
            {"type": "home", "number": "0203 544 1234"},
            {"type": "office", "number": "01962 001234"},
            {"type": "office", "number": "01962 001235"},
            {"type": "mobile", "number": "077 7700 1234"}
          ],
          "Email": [
            {"type": "work", "address": ["fred.smith@my-work.com", "fsmith@my-work.com"]},
            {"type": "home", "address": ["freddy@my-social.com", "frederic.smith@very-serious.com"]}
          ],
          "Other": {"Over 18 ?": true, "Misc": null, "Alternative.Address": {"Street": "Brick Lane", "City": "London"}}
        }
        """)

/// The invoice document of "Path operators" and "Functional programming", abridged.
let invoice: JSON = try! JSON(
    parsing: """
        {
          "Account": {
            "Account Name": "Firefly",
            "Order": [
              {"OrderID": "order103", "Product": [
                {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608", "Price": 34.45, "Quantity": 2},
                {"Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348", "Price": 21.67, "Quantity": 1}
              ]},
              {"OrderID": "order104", "Product": [
                {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863", "Price": 34.45, "Quantity": 4},
                {"Product Name": "Cloak", "ProductID": 345664, "SKU": "0406654603", "Price": 107.99, "Quantity": 1}
              ]}
            ]
          }
        }
        """)

func eval(_ expression: String, _ input: JSON? = nil, bindings: [String: JSON] = [:]) throws -> JSON? {
    try JSONataExpression(compiling: expression).evaluate(input, bindings: bindings)
}

func json(_ text: String) -> JSON { try! JSON(parsing: text) }

/// The error an expression fails with, at compile or evaluation time.
func failure(_ expression: String, _ input: JSON? = nil) -> JSONataError? {
    do throws(JSONataError) {
        _ = try JSONataExpression(compiling: expression).evaluate(input)
        return nil
    } catch {
        return error
    }
}

func errorCode(_ expression: String, _ input: JSON? = nil) -> String? { failure(expression, input)?.code }
