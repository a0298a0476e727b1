import CortadoJSON
import Foundation
import Testing

/// `JSONValueEncoder` and `JSONValueDecoder` must give back what they were given, whatever shape Swift's
/// synthesized coding asks for, and keep `JSON` payloads as JSON rather than text.
@Suite struct JSONValueCoderTests {
    enum Shape: Codable, Equatable {
        case point
        case circle(radius: Double)
        case labelled(String, at: Int?)
        case group([Shape])
    }

    struct Point: Codable, Hashable {
        var x: Int
        var y: Int
    }

    struct Numbers: Codable, Equatable {
        var int = Int.min
        var int8 = Int8.min
        var int16 = Int16.max
        var int32 = Int32.min
        var int64 = Int64.max
        var uint = UInt(Int.max)
        var uint8 = UInt8.max
        var uint16 = UInt16.max
        var uint32 = UInt32.max
        var uint64 = UInt64(Int64.max)
        var float: Float = 0.1
        var double = 1e-300
        var integralDouble = 3.0
    }

    struct Inner: Codable, Equatable {
        var name: String
        var tags: Set<String>
        var shape: Shape
        var note: String?
    }

    struct Model: Codable, Equatable {
        var id: Int
        var flag: Bool
        var inners: [Inner]
        var byName: [String: Inner]
        var byNumber: [Int: [Int]]
        var byPoint: [Point: String]
        var optionalInts: [Int?]
        var nested: [[String]]
        var maybe: Inner?
        var missing: Int?
        var numbers: Numbers
        var unicode: String
    }

    static let model = Model(
        id: 42, flag: true,
        inners: [
            Inner(name: "a", tags: ["x", "y"], shape: .circle(radius: 2.5), note: nil),
            Inner(name: "b", tags: [], shape: .group([.point, .labelled("p", at: 3), .labelled("q", at: nil)]), note: "n"),
        ],
        byName: ["k1": Inner(name: "c", tags: ["t"], shape: .point, note: "quote \" and \\ and \n")],
        byNumber: [1: [1, 2], -7: [], 1_000_000: [3]],
        byPoint: [Point(x: 1, y: 2): "one-two", Point(x: -1, y: 0): "minus"],
        optionalInts: [1, nil, 3],
        nested: [["a"], [], ["b", "c"]],
        maybe: Inner(name: "m", tags: [], shape: .point, note: nil),
        missing: nil,
        numbers: Numbers(),
        unicode: "é ☕ 🚀")

    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> JSON {
        let json = try JSONValueEncoder().encode(value)
        #expect(try JSONValueDecoder().decode(T.self, from: json) == value)
        // And through text, as the engine stores it.
        let reparsed = try JSON(parsing: json.text)
        #expect(try JSONValueDecoder().decode(T.self, from: reparsed) == value)
        return json
    }

    @Test func nestedValuesRoundTrip() throws {
        let json = try roundTrip(Self.model)
        // Shapes as Swift's synthesized coding writes them, members in coding order.
        #expect(json["inners"]?.arrayValue?[0]["shape"] == ["circle": ["radius": 2.5]])
        #expect(json["inners"]?.arrayValue?[1]["shape"]?["group"]?["_0"]?.arrayValue?[0] == ["point": [:]])
        #expect(json["byNumber"]?["-7"] == [])
        #expect(json["optionalInts"] == [1, nil, 3])
        #expect(json.objectValue?.keys.contains("missing") == false)
        #expect(json["numbers"]?["int64"] == .int(Int(Int64.max)))
        #expect(json.objectValue?.keys.prefix(4) == ["id", "flag", "inners", "byName"])
    }

    @Test func theTextDecodesWithFoundationToo() throws {
        let json = try JSONValueEncoder().encode(Self.model)
        let decoded = try JSONDecoder().decode(Model.self, from: Data(json.text.utf8))
        #expect(decoded == Self.model)
    }

    @Test(arguments: [
        JSON.null, true, 0, -12, 1.5, "s", [1, "two", nil], ["a": ["b": [1.25, false]]],
    ])
    func topLevelValuesRoundTrip(_ value: JSON) throws {
        #expect(try JSONValueEncoder().encode(value) == value)
        #expect(try JSONValueDecoder().decode(JSON.self, from: value) == value)
    }

    @Test func primitivesRoundTripAtTheTopLevel() throws {
        #expect(try roundTrip(7) == 7)
        #expect(try roundTrip("x") == "x")
        #expect(try roundTrip(Int8(-3)) == -3)
        #expect(try roundTrip([UInt16(1), 2]) == [1, 2])
        #expect(try roundTrip(Optional<Int>.none) == nil)
        #expect(try roundTrip(Shape.point) == ["point": [:]])
    }

    struct Carrier: Codable, Equatable {
        var payload: JSON
        var optional: JSON?
        var list: [JSON?]
        var variables: [String: JSON]
    }

    @Test func embeddedJSONStaysStructured() throws {
        let payload: JSON = ["order": ["id": 7, "lines": [["sku": "A\"1", "qty": 2], ["price": 1.5]]], "ok": true]
        let carrier = Carrier(payload: payload, optional: nil, list: [nil, [1, 2], "s"], variables: ["v": ["deep": [nil]]])
        let json = try roundTrip(carrier)
        #expect(json["payload"] == payload)
        guard case .object(let object)? = json["payload"] else {
            Issue.record("the payload was encoded as \(json["payload"]?.typeName ?? "nothing"), not an object")
            return
        }
        #expect(object.keys == ["order", "ok"])
        #expect(json["list"] == [nil, [1, 2], "s"])
        #expect(json["variables"]?["v"]?["deep"] == [nil])
        // Printed once: no payload text escaped inside a string.
        #expect(json.text.contains(#"{"payload":{"order":{"id":7,"lines":[{"sku":"A\"1","qty":2}"#))
    }

    @Test func jsonEncodedAloneIsTheValueItself() throws {
        let value: JSON = ["a": [1, 2]]
        #expect(try JSONValueEncoder().encode(value) == value)
        #expect(try JSONValueEncoder().encode([value]) == [value])
        #expect(try JSONValueEncoder().encode(Optional(value)) == value)
    }

    @Test func integersStayExact() throws {
        let numbers = Numbers()
        let json = try roundTrip(numbers)
        #expect(json["int"] == .int(Int.min))
        #expect(json["uint64"] == .int(Int.max))
        // An integral number stored as a double still decodes as an integer, a fraction does not.
        #expect(try JSONValueDecoder().decode(Int.self, from: .double(3)) == 3)
        #expect(try JSONValueDecoder().decode(Double.self, from: .int(3)) == 3)
        #expect(try JSONValueDecoder().decode(UInt64.self, from: .double(1.8e19)) == 18_000_000_000_000_000_000)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Int.self, from: .double(3.5)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Int8.self, from: 300) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt.self, from: -1) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Float.self, from: .double(1e300)) }
    }

    @Test func whatJSONCannotCarryIsRefused() throws {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Float.infinity]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(UInt64.max) }
        do {
            _ = try JSONValueEncoder().encode(["a": [1.0, .infinity]])
            Issue.record("infinity was encoded")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["a", "Index 1"])
        }
    }

    @Test func aTypeMismatchNamesItsPath() throws {
        var json = try JSONValueEncoder().encode(Self.model)
        guard case .object(var o) = json, case .array(var inners)? = o["inners"], case .object(var inner) = inners[1] else {
            Issue.record("unexpected encoding \(json.text)")
            return
        }
        inner["name"] = 5
        inners[1] = .object(inner)
        o["inners"] = .array(inners)
        json = .object(o)
        do {
            _ = try JSONValueDecoder().decode(Model.self, from: json)
            Issue.record("a number decoded as a String")
        } catch DecodingError.typeMismatch(let type, let context) {
            #expect(type is String.Type)
            #expect(context.codingPath.map(\.stringValue) == ["inners", "Index 1", "name"])
            #expect(context.codingPath[1].intValue == 1)
        }
    }

    @Test func aMissingKeyNamesItsPath() throws {
        let json: JSON = ["x": 1]
        do {
            _ = try JSONValueDecoder().decode([String: Point].self, from: ["p": json])
            Issue.record("a point without y decoded")
        } catch DecodingError.keyNotFound(let key, let context) {
            #expect(key.stringValue == "y")
            #expect(context.codingPath.map(\.stringValue) == ["p"])
        }
    }

    @Test func nullWhereAValueIsNeededIsValueNotFound() throws {
        do {
            _ = try JSONValueDecoder().decode([Point].self, from: [["x": 1, "y": nil]])
            Issue.record("null decoded as an Int")
        } catch DecodingError.valueNotFound(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["Index 0", "y"])
        }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Point.self, from: nil) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode([Int].self, from: ["a": 1]) }
    }

    @Test func anEnumPayloadOfTheWrongTypeNamesTheNestedPath() throws {
        do {
            _ = try JSONValueDecoder().decode([Shape].self, from: [["circle": ["radius": "big"]]])
            Issue.record("a string decoded as a Double")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["Index 0", "circle", "radius"])
        }
    }

    /// A hand-written coding that uses every container kind, nested containers, super coders and userInfo.
    class Animal: Codable, Equatable {
        static let greetingKey = CodingUserInfoKey(rawValue: "greeting")!
        var name: String
        var legs: [Int8]
        var greeting: String?

        init(name: String, legs: [Int8]) {
            self.name = name
            self.legs = legs
        }

        enum CodingKeys: String, CodingKey { case name, details }
        enum DetailKeys: String, CodingKey { case legs, weights }

        required init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            let details = try c.nestedContainer(keyedBy: DetailKeys.self, forKey: .details)
            var legs = try details.nestedUnkeyedContainer(forKey: .legs)
            self.legs = []
            while !legs.isAtEnd { self.legs.append(try legs.decode(Int8.self)) }
            var weights = try details.nestedUnkeyedContainer(forKey: .weights)
            var pair = try weights.nestedUnkeyedContainer()
            #expect(try pair.decode(Float.self) == 1.5)
            #expect(try pair.decodeNil())
            let inner = try weights.nestedContainer(keyedBy: DetailKeys.self)
            #expect(try inner.decode(UInt32.self, forKey: .legs) == 4)
            greeting = decoder.userInfo[Self.greetingKey] as? String
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            var details = c.nestedContainer(keyedBy: DetailKeys.self, forKey: .details)
            var weights = details.nestedUnkeyedContainer(forKey: .weights)
            var legs = details.nestedUnkeyedContainer(forKey: .legs)
            for leg in self.legs { try legs.encode(leg) }
            var pair = weights.nestedUnkeyedContainer()
            try pair.encode(Float(1.5))
            try pair.encodeNil()
            var inner = weights.nestedContainer(keyedBy: DetailKeys.self)
            try inner.encode(UInt32(4), forKey: .legs)
        }

        static func == (a: Animal, b: Animal) -> Bool { a.name == b.name && a.legs == b.legs }
    }

    final class Dog: Animal {
        var good: Bool

        init(name: String, good: Bool) {
            self.good = good
            super.init(name: name, legs: [1, 2, 3, 4])
        }

        enum DogKeys: String, CodingKey { case good, base }

        required init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: DogKeys.self)
            good = try c.decode(Bool.self, forKey: .good)
            try super.init(from: c.superDecoder(forKey: .base))
        }

        override func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DogKeys.self)
            try super.encode(to: c.superEncoder(forKey: .base))
            try c.encode(good, forKey: .good)
        }
    }

    @Test func nestedContainersAndSuperCodersRoundTrip() throws {
        let dog = Dog(name: "Rex", good: true)
        let json = try JSONValueEncoder().encode(dog)
        // Members in the order they were made, nested ones filled after their place was taken.
        #expect(
            json.text
                == #"{"base":{"name":"Rex","details":{"weights":[[1.5,null],{"legs":4}],"legs":[1,2,3,4]}},"good":true}"#)
        let decoder = JSONValueDecoder(userInfo: [Animal.greetingKey: "hello"])
        let back = try decoder.decode(Dog.self, from: json)
        #expect(back == dog)
        #expect(back.good)
        #expect(back.greeting == "hello")
    }

    struct Pair: Codable, Equatable {
        var left: Int
        var right: String

        init(left: Int, right: String) {
            self.left = left
            self.right = right
        }

        // Unkeyed at the top, with a super encoder in an array.
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            #expect(c.count == 2)
            left = try c.decode(Int.self)
            right = try String(from: c.superDecoder())
            #expect(c.isAtEnd)
            #expect(throws: DecodingError.self) { try c.decode(Int.self) }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(left)
            try right.encode(to: c.superEncoder())
        }
    }

    @Test func unkeyedTopLevelAndSuperEncoderInAnArray() throws {
        #expect(try roundTrip(Pair(left: 1, right: "r")) == [1, "r"])
    }

    /// Encodes `keys` in order, each with its position as the value.
    struct Repeats: Encodable {
        var keys: [String]
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            for (i, key) in keys.enumerated() { try c.encode(i, forKey: JSONKey(stringValue: key)) }
        }
    }

    struct JSONKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func aKeyEncodedTwiceKeepsItsFirstPlaceAndItsLastValue() throws {
        #expect(try JSONValueEncoder().encode(Repeats(keys: ["a", "b", "a"])).text == #"{"a":2,"b":1}"#)
        let many = (0..<20).map { "k\($0)" }
        let json = try JSONValueEncoder().encode(Repeats(keys: many + ["k3", "z"]))
        #expect(json.objectValue?.keys == many + ["z"])
        #expect(json["k3"] == 20)
        #expect(json["k19"] == 19)
        #expect(json["z"] == 21)
        // And with no repeat, past the size where objects keep a hash index.
        let distinct = try JSONValueEncoder().encode(Repeats(keys: many))
        #expect(distinct["k17"] == 17)
        #expect(distinct.objectValue?.keys == many)
    }

    @Test func codingPathsAreWhereTheValueIs() throws {
        struct Probe: Codable {
            static let paths = CodingUserInfoKey(rawValue: "paths")!
            init() {}
            init(from decoder: any Decoder) throws {
                (decoder.userInfo[Self.paths] as! PathLog).paths.append(decoder.codingPath.map(\.stringValue))
            }
            func encode(to encoder: any Encoder) throws {
                (encoder.userInfo[Self.paths] as! PathLog).paths.append(encoder.codingPath.map(\.stringValue))
                var c = encoder.singleValueContainer()
                try c.encodeNil()
            }
        }
        let log = PathLog()
        let value: [String: [Probe]] = ["a": [Probe(), Probe()]]
        let json = try JSONValueEncoder(userInfo: [Probe.paths: log]).encode(value)
        #expect(log.paths == [["a", "Index 0"], ["a", "Index 1"]])
        _ = try JSONValueDecoder(userInfo: [Probe.paths: log]).decode([String: [Probe]].self, from: json)
        #expect(log.paths.suffix(2) == [["a", "Index 0"], ["a", "Index 1"]])
    }
}

/// Collects coding paths seen by `encode(to:)` and `init(from:)`.
final class PathLog: @unchecked Sendable {
    var paths: [[String]] = []
}
