import CortadoJSON
import Testing

@testable import CortadoTables

@Suite struct AttributeValueWireTests {
    func decode(_ text: String) throws -> AttributeValue { try AttributeValue(wire: try JSON(parsing: text)) }

    func message(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as TableError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func printed(_ json: JSON) -> String {
        json.text
    }

    @Test(arguments: [
        #"{"S":"x"}"#, #"{"S":""}"#, #"{"N":"1.5"}"#, #"{"B":"AAEC"}"#, #"{"BOOL":false}"#, #"{"NULL":true}"#,
        #"{"L":[{"S":"a"},{"N":"2"}]}"#, #"{"M":{"a":{"S":"x"},"b":{"M":{}}}}"#, #"{"SS":["a","b"]}"#, #"{"NS":["1","2"]}"#,
        #"{"BS":["AA==","AQ=="]}"#, #"{"L":[]}"#,
    ])
    func roundTrips(_ text: String) throws {
        #expect(printed(try decode(text).wire) == text)
    }

    @Test func numbersComeBackCanonical() throws {
        #expect(printed(try decode(#"{"N":"0100.50"}"#).wire) == #"{"N":"100.5"}"#)
        #expect(printed(try decode(#"{"NS":["1e2","-0"]}"#).wire) == #"{"NS":["100","0"]}"#)
    }

    @Test func binaryIsBase64() throws {
        #expect(try decode(#"{"B":"aGVsbG8="}"#) == .binary(Array("hello".utf8)))
        #expect(message(#"{"B":"not base64!"}"#) != nil)
    }

    @Test func badValuesGetAWSMessages() {
        #expect(message("{}") == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        #expect(message(#"{"X":"y"}"#) == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        #expect(
            message(#"{"S":"a","N":"1"}"#)
                == "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        #expect(message(#"{"NS":[]}"#) == "One or more parameter values were invalid: An number set  may not be empty")
        #expect(message(#"{"SS":[]}"#) == "One or more parameter values were invalid: An string set  may not be empty")
        #expect(message(#"{"SS":["a","a"]}"#) == "One or more parameter values were invalid: Input collection [a, a] contains duplicates.")
        #expect(
            message(#"{"NS":["1","1.0"]}"#) == "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates.")
        #expect(
            message(#"{"NULL":false}"#)
                == "One or more parameter values were invalid: Null attribute value types must have the value of true")
        #expect(message(#"{"N":"x"}"#) == "A value provided cannot be converted into a number")
        #expect(message(#"{"L":[{}]}"#) == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
    }

    @Test func setsCompareRegardlessOfOrder() throws {
        #expect(try decode(#"{"SS":["a","b"]}"#) == decode(#"{"SS":["b","a"]}"#))
        #expect(try decode(#"{"NS":["1","2"]}"#) == decode(#"{"NS":["2.0","1"]}"#))
        #expect(try Set([decode(#"{"SS":["a","b"]}"#), decode(#"{"SS":["b","a"]}"#)]).count == 1)
        #expect(try decode(#"{"S":"1"}"#) != decode(#"{"N":"1"}"#))
    }

    @Test func itemsEncodeWithSortedNames() throws {
        let item = try ItemWire.decode(try JSON(parsing: #"{"b":{"S":"x"},"a":{"N":"1"},"c":{"M":{"z":{"BOOL":true},"y":{"NULL":true}}}}"#))
        #expect(printed(ItemWire.encode(item)) == #"{"a":{"N":"1"},"b":{"S":"x"},"c":{"M":{"y":{"NULL":true},"z":{"BOOL":true}}}}"#)
    }

    @Test func sizesFollowDynamoDBsAccounting() throws {
        #expect(AttributeValue.string("abc").size == 3)
        #expect(AttributeValue.string("é").size == 2)
        #expect(AttributeValue.bool(true).size == 1)
        #expect(AttributeValue.null.size == 1)
        #expect(AttributeValue.binary([1, 2]).size == 2)
        #expect(try AttributeValue.number(DynamoNumber(parsing: "12345")).size == 4)
        #expect(AttributeValue.list([.string("ab"), .null]).size == 3 + (1 + 2) + (1 + 1))
        #expect(AttributeValue.map(["k": .string("ab")]).size == 3 + 1 + 1 + 2)
        #expect(AttributeValue.stringSet(["a", "bc"]).size == 3)
        #expect(itemSize(["id": .string("abc"), "n": .bool(false)]) == 2 + 3 + 1 + 1)
    }
}
