import CortadoJSON

/// Events in the shape of event-ruler's `citylots2` benchmark file (one GeoJSON Feature per line, about
/// 900 bytes): a San Francisco lot's `properties` and its polygon, whose points are `{x, y, z}` objects
/// (which is what the benchmark's `geometry.coordinates.x` rules address) and whose first point is
/// repeated as `geometry.firstCoordinates`.
///
/// The real file is not in this repository (corpus/events/README.md), so the events are generated, the
/// same every run. One field is added: `properties.IP`, for `cidr` rules, which citylots has no value for.
struct CityLot {
    var block: String
    var lot: String
    var fromStreet: Int
    var toStreet: Int
    var street: String
    var streetType: String?
    var ip: String
    var multiPolygon: Bool
    /// The polygon's points, the first one repeated at the end as GeoJSON closes rings.
    var points: [(x: Double, y: Double)]

    var mapBlockLot: String { block + lot }
    var oddEven: String { fromStreet % 2 == 0 ? "E" : "O" }

    /// The event as one line of compact JSON, members in citylots' order.
    var text: String {
        var out = "{\"type\":\"Feature\",\"properties\":{"
        out += "\"MAPBLKLOT\":\"\(mapBlockLot)\",\"BLKLOT\":\"\(mapBlockLot)\",\"BLOCK_NUM\":\"\(block)\","
        out += "\"LOT_NUM\":\"\(lot)\",\"FROM_ST\":\"\(fromStreet)\",\"TO_ST\":\"\(toStreet)\",\"STREET\":\"\(street)\","
        out += "\"ST_TYPE\":\(streetType.map { "\"\($0)\"" } ?? "null"),\"ODD_EVEN\":\"\(oddEven)\",\"IP\":\"\(ip)\"},"
        out += "\"geometry\":{\"type\":\"\(multiPolygon ? "MultiPolygon" : "Polygon")\",\"coordinates\":"
        let ring = "[" + points.map { "{\"x\":\($0.x),\"y\":\($0.y),\"z\":0}" }.joined(separator: ",") + "]"
        out += multiPolygon ? "[[\(ring)]]" : "[\(ring)]"
        out += ",\"firstCoordinates\":{\"x\":\(points[0].x),\"y\":\(points[0].y),\"z\":0}}}"
        return out
    }
}

/// The generated data set: the lots, each event's text and its parsed value, and the vocabulary that
/// rules draw their values from.
struct Citylots {
    let lots: [CityLot]
    let texts: [String]
    let events: [JSON]
    let streets: [String]

    init(count: Int, seed: UInt64) {
        var random = SplitMix(seed: seed)
        streets = Vocabulary.streets(&random)
        // Zipf-like street popularity: a few long streets hold many lots, most streets few.
        var cumulative: [Double] = []
        var total = 0.0
        for rank in streets.indices {
            total += 1 / Double(rank + 1).squareRoot()
            cumulative.append(total)
        }
        var lots: [CityLot] = []
        var block = 1
        var lotInBlock = 0
        var lotsInBlock = 1 + random.next(60)
        for _ in 0..<count {
            lotInBlock += 1
            if lotInBlock > lotsInBlock {
                block += 1 + random.next(2)
                lotInBlock = 1
                lotsInBlock = 1 + random.next(60)
            }
            let letter = random.next(20) == 0 ? ["A", "B", "C"][random.next(3)] : ""
            let blockText = Self.digits(block, 4) + letter
            let pick = random.nextDouble() * total
            let street = streets[cumulative.firstIndex { $0 >= pick } ?? streets.count - 1]
            let from = random.next(8) == 0 ? 0 : random.next(3000)
            let type: String? =
                street == "UNKNOWN"
                ? nil : ["ST", "ST", "ST", "ST", "AVE", "AVE", "AVE", "BLVD", "WAY", "TER", "DR", "CT", "LN", "PL"][random.next(14)]
            let ip =
                random.next(2) == 0
                ? "10.\(random.next(256)).\(random.next(256)).\(random.next(256))"
                : "192.168.\(random.next(256)).\(random.next(256))"
            // A lot is a few metres across, somewhere in the city.
            let cx = -122.515 + random.nextDouble() * 0.16
            let cy = 37.708 + random.nextDouble() * 0.105
            var points: [(x: Double, y: Double)] = []
            for _ in 0..<(4 + random.next(12)) {
                points.append((cx + random.nextDouble() * 0.0004, cy + random.nextDouble() * 0.0004))
            }
            points.append(points[0])
            lots.append(
                CityLot(
                    block: blockText, lot: Self.digits(lotInBlock, 3), fromStreet: from, toStreet: from + random.next(40),
                    street: street, streetType: type, ip: ip, multiPolygon: random.next(1_000) == 0, points: points))
        }
        self.lots = lots
        texts = lots.map(\.text)
        events = texts.map { try! JSON(parsing: $0) }
    }

    static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// San Francisco street names: the real ones event-ruler's rules name (and more), then made-up ones of
/// the same kind, about 1,500 in all, so that rules on `STREET` can be selective.
enum Vocabulary {
    static let realStreets = [
        "UNKNOWN", "MISSION", "FULTON", "MASON", "JEFFERSON", "BEACH", "HYDE", "CHESTNUT", "MARKET", "GEARY",
        "CALIFORNIA", "VAN NESS", "FOLSOM", "HOWARD", "BRYANT", "HARRISON", "VALENCIA", "GUERRERO", "DOLORES",
        "CHURCH", "SANCHEZ", "NOE", "CASTRO", "DIAMOND", "DOUGLASS", "HAIGHT", "PAGE", "OAK", "FELL", "HAYES",
        "GROVE", "MCALLISTER", "GOLDEN GATE", "TURK", "EDDY", "ELLIS", "OFARRELL", "POST", "SUTTER", "BUSH", "PINE",
        "SACRAMENTO", "CLAY", "WASHINGTON", "JACKSON", "PACIFIC", "BROADWAY", "VALLEJO", "GREEN", "UNION",
        "FILBERT", "GREENWICH", "LOMBARD", "BAY", "NORTH POINT", "DRUMM", "ACADIA", "BLAKE", "RHODE ISLAND",
        "DIVISADERO", "FILLMORE", "STEINER", "PIERCE", "SCOTT", "BAKER", "LYON", "CENTRAL", "MASONIC", "ASHBURY",
        "CLAYTON", "COLE", "SHRADER", "STANYAN", "ARGUELLO", "FUNSTON", "CHICAGO", "SAN DIEGO", "STERLING",
        "KING", "TOWNSEND", "BRANNAN", "BERRY", "CHANNEL", "LAKE", "CLEMENT", "IRVING", "JUDAH", "KIRKHAM",
        "LAWTON", "MORAGA", "NORIEGA", "ORTEGA", "PACHECO", "QUINTARA", "RIVERA", "SANTIAGO", "TARAVAL", "ULLOA",
        "VICENTE", "WAWONA", "SLOAT", "ALEMANY", "SILVER", "SAN BRUNO", "BAYSHORE", "THIRD", "THE EMBARCADERO",
    ]

    static func streets(_ random: inout SplitMix) -> [String] {
        let onsets = ["B", "C", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W", "BR", "CR", "ST", "TR"]
        let vowels = ["A", "E", "I", "O", "U", "AI", "EA", "OU"]
        let codas = ["", "N", "R", "L", "S", "NT", "RD", "LL", "TON", "MM", "KE", "ING", "GO", "SON", "WOOD"]
        var names = realStreets
        var seen = Set(names)
        while names.count < 1_500 {
            var name = ""
            for _ in 0..<(2 + random.next(2)) {
                name += onsets[random.next(onsets.count)] + vowels[random.next(vowels.count)]
            }
            name += codas[random.next(codas.count)]
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }
}

/// A small deterministic random source (SplitMix64), so that every run generates the same data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func nextDouble() -> Double { Double(nextUInt64() >> 11) / Double(1 << 53) }
}
