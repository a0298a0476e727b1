import Testing

@testable import CortadoLanguage

@Suite struct TimestampTests {
    @Test(
        arguments: [
            ("2016-03-14T01:59:00Z", 1_457_920_740_000),
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59.999Z", -1),
            ("2016-03-14T02:59:00+01:00", 1_457_920_740_000),
            ("2016-03-13T20:29:00-05:30", 1_457_920_740_000),
            ("2024-02-29T12:00:00.5Z", 1_709_208_000_500),
            ("2000-01-01T00:00:00.123456789Z", 946_684_800_123),
            ("0001-01-01T00:00:00Z", -62_135_596_800_000),
            ("9999-12-31T23:59:59Z", 253_402_300_799_000),
        ] as [(String, Int64)])
    func parsesRFC3339(_ text: String, _ millis: Int64) throws {
        let t = try #require(Timestamp.parse(text))
        #expect(t.epochMilliseconds == millis)
    }

    @Test(arguments: [
        "2016-03-14", "2016-03-14T01:59:00", "2016-03-14t01:59:00Z", "2016-03-14T01:59:00z",
        "2016-03-14 01:59:00Z", "2016-03-14T01:59Z", "2016-3-14T01:59:00Z", "2016-03-14T01:59:00.Z",
        "2016-03-14T01:59:00.1234567891Z", "2016-02-30T00:00:00Z", "2015-02-29T00:00:00Z",
        "2016-13-01T00:00:00Z", "2016-03-14T24:00:00Z", "2016-03-14T01:60:00Z", "2016-03-14T01:59:60Z",
        "2016-03-14T01:59:00+0100", "2016-03-14T01:59:00+19:00", "2016-03-14T01:59:00Z ", "", "HelloWorld",
        "2023-02-24 12:15:56.832957", "２016-03-14T01:59:00Z",
    ])
    func rejectsOtherText(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func ordersByInstantAndKeepsNanoseconds() throws {
        let a = try #require(Timestamp.parse("2016-03-14T01:59:00.000000001Z"))
        let b = try #require(Timestamp.parse("2016-03-14T01:59:00Z"))
        #expect(b < a)
        #expect(a.nanoseconds == 1)
        #expect(Timestamp.parse("2016-03-14T02:59:00+01:00") == b)
    }

    @Test func formatsInUTCWithMilliseconds() throws {
        #expect(Timestamp(epochMilliseconds: 1_714_564_800_123).formatted() == "2024-05-01T12:00:00.123Z")
        #expect(Timestamp(epochMilliseconds: 0).formatted() == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(epochMilliseconds: -1).formatted() == "1969-12-31T23:59:59.999Z")
        #expect(try #require(Timestamp.parse("2016-03-14T02:59:00.9876+01:00")).formatted() == "2016-03-14T01:59:00.987Z")
        #expect(try #require(Timestamp.parse("2000-02-29T23:59:59Z")).formatted() == "2000-02-29T23:59:59.000Z")
    }

    @Test func civilDatesRoundTripAcrossCenturies() {
        // Every day from 1600 to 2400 in steps of 7, around the leap-year rules of 1700/1900/2000/2100.
        var day: Int64 = Timestamp.daysSinceEpoch(year: 1600, month: 1, day: 1)
        let end = Timestamp.daysSinceEpoch(year: 2400, month: 12, day: 31)
        while day <= end {
            let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: day)
            #expect(Timestamp.daysSinceEpoch(year: y, month: m, day: d) == day)
            #expect(d <= Timestamp.daysInMonth(year: y, month: m))
            day += 7
        }
        #expect(Timestamp.daysSinceEpoch(year: 2000, month: 3, day: 1) - Timestamp.daysSinceEpoch(year: 2000, month: 2, day: 28) == 2)
        #expect(Timestamp.daysSinceEpoch(year: 1900, month: 3, day: 1) - Timestamp.daysSinceEpoch(year: 1900, month: 2, day: 28) == 1)
    }
}
