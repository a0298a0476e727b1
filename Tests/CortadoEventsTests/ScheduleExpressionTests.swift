import CortadoEvents
import Foundation
import Testing

/// Milliseconds since the epoch of a UTC time written `2024-02-29T12:00` (or with seconds).
func utc(_ text: String) -> Int64 {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let full = text.count == 16 ? text + ":00Z" : text + "Z"
    return Int64(formatter.date(from: full)!.timeIntervalSince1970 * 1000)
}

/// The UTC time of an instant, written as `utc(_:)` reads it.
func utcText(_ ms: Int64?) -> String? {
    guard let ms else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let text = formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)).dropLast()
    return String(text.hasSuffix(":00") ? text.dropLast(3) : text)
}

@Suite struct ScheduleExpressionTests {
    func parses(_ text: String) -> Bool { (try? ScheduleExpression(parsing: text)) != nil }

    /// The next fire time after `after`, as text (`2024-03-01T00:00`).
    func next(_ expression: String, after: String, start: String = "2024-01-01T00:00") throws -> String? {
        utcText(try ScheduleExpression(parsing: expression).next(after: utc(after), start: utc(start)))
    }

    /// The first `count` fire times after `after`.
    func fires(_ expression: String, after: String, count: Int) throws -> [String] {
        let schedule = try ScheduleExpression(parsing: expression)
        var out: [String] = []
        var t = utc(after)
        for _ in 0..<count {
            guard let n = schedule.next(after: t, start: 0) else { break }
            out.append(utcText(n)!)
            t = n
        }
        return out
    }

    // MARK: rate

    @Test(arguments: ["rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(2 days)"])
    func validRates(_ text: String) { #expect(parses(text)) }

    @Test(arguments: [
        "rate(1 minutes)", "rate(5 minute)", "rate(1 hours)", "rate(2 day)", "rate(0 minutes)", "rate(-1 minutes)",
        "rate(1.5 hours)", "rate(1 week)", "rate(2 weeks)", "rate(minute)", "rate(5)", "rate(5 minutes",
        "rate 5 minutes)", "Rate(5 minutes)", "rate(5 Minutes)", "rate(+5 minutes)", "rate(5 minutes extra)", "",
    ])
    func invalidRates(_ text: String) {
        #expect(throws: EventsError("Parameter ScheduleExpression is not valid.")) { try ScheduleExpression(parsing: text) }
    }

    @Test func aRateCountsWholePeriodsFromItsStart() throws {
        let start = "2024-01-01T10:00:30"
        #expect(try next("rate(5 minutes)", after: "2024-01-01T10:00:30", start: start) == "2024-01-01T10:05:30")
        #expect(try next("rate(5 minutes)", after: "2024-01-01T10:05:29", start: start) == "2024-01-01T10:05:30")
        #expect(try next("rate(5 minutes)", after: "2024-01-01T10:05:30", start: start) == "2024-01-01T10:10:30")
        #expect(try next("rate(5 minutes)", after: "2023-12-31T00:00", start: start) == "2024-01-01T10:05:30")
        #expect(try next("rate(1 hour)", after: "2024-01-01T13:00:31", start: start) == "2024-01-01T14:00:30")
        #expect(try next("rate(2 days)", after: "2024-02-28T10:00:30", start: start) == "2024-03-01T10:00:30")
    }

    // MARK: cron syntax

    @Test(arguments: [
        "cron(0 12 * * ? *)", "cron(15 10 ? * 6L 2019-2022)", "cron(0/15 * * * ? *)", "cron(0/5 8-17 ? * MON-FRI *)",
        "cron(0/30 20-2 ? * MON-FRI *)", "cron(5,35 14 * * ? *)", "cron(0 8 1 * ? *)", "cron(0 0 L * ? *)",
        "cron(0 0 LW * ? *)", "cron(0 0 15W * ? *)", "cron(0 0 ? * 3#2 *)", "cron(0 0 ? * L *)",
        "cron(0 0 ? JAN,jul sun *)", "cron(0 0 1 NOV-FEB ? *)", "cron(*/10 * ? * * *)", "cron(0 0 1-31/2 * ? *)",
        "cron(0  12   *  * ? *)", "cron(59 23 31 12 ? 2199)", "cron(0 0 ? * FRIL *)",
    ])
    func validCron(_ text: String) { #expect(parses(text), "\(text)") }

    @Test(arguments: [
        "cron(0 12 * * *)", "cron(0 12 * * ? * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 1 * MON *)",
        "cron(60 12 * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 32 * ? *)", "cron(0 0 0 * ? *)", "cron(0 0 1 13 ? *)",
        "cron(0 0 ? * 8 *)", "cron(0 0 ? * 0 *)", "cron(0 0 1 * ? 1969)", "cron(0 0 1 * ? 2200)",
        "cron(0 0 ? * 1/2 *)", "cron(0 0 ? * 3#1,6#3 *)", "cron(0 0 ? * 3#6 *)", "cron(0 0 ? * 3#0 *)",
        "cron(0 0 0W * ? *)", "cron(0 0 32W * ? *)", "cron(0 0 1,W * ? *)", "cron(L 0 1 * ? *)", "cron(0 0 1 * L *)",
        "cron(0 0 1 JANUARY ? *)", "cron(0 0 ? * MONDAY *)", "cron(0/0 * * * ? *)", "cron(0/61 * * * ? *)",
        "cron(0 0 1 * ? 2022-2019)", "cron(0 0 1,,2 * ? *)", "cron(? 0 1 * ? *)", "cron(0 0 1 * ? *",
        "cron(0 0 ? * 9L *)", "cron(0 0 L-1 * ? *)", "cron()",
    ])
    func invalidCron(_ text: String) {
        #expect(throws: EventsError("Parameter ScheduleExpression is not valid."), "\(text)") {
            try ScheduleExpression(parsing: text)
        }
    }

    // MARK: cron fire times

    @Test func fireTimesAreStrictlyAfterTheInstant() throws {
        #expect(try next("cron(0 12 * * ? *)", after: "2024-01-01T11:59:30") == "2024-01-01T12:00")
        #expect(try next("cron(0 12 * * ? *)", after: "2024-01-01T12:00") == "2024-01-02T12:00")
        let noon = utc("2024-01-01T12:00")
        #expect(try ScheduleExpression(parsing: "cron(0 12 * * ? *)").next(after: noon - 1, start: 0) == noon)
        #expect(try ScheduleExpression(parsing: "cron(0 12 * * ? *)").next(after: noon + 1, start: 0) == noon + 86_400_000)
    }

    @Test func listsRangesAndSteps() throws {
        #expect(
            try fires("cron(5,35 14 * * ? *)", after: "2024-01-01T14:10", count: 3)
                == ["2024-01-01T14:35", "2024-01-02T14:05", "2024-01-02T14:35"])
        #expect(
            try fires("cron(0/15 * * * ? *)", after: "2024-01-01T23:40", count: 3)
                == ["2024-01-01T23:45", "2024-01-02T00:00", "2024-01-02T00:15"])
        #expect(
            try fires("cron(1/10 * * * ? *)", after: "2024-01-01T00:45", count: 3)
                == ["2024-01-01T00:51", "2024-01-01T01:01", "2024-01-01T01:11"])
        #expect(
            try fires("cron(*/20 8-9 * * ? *)", after: "2024-01-01T00:00", count: 7)
                == [
                    "2024-01-01T08:00", "2024-01-01T08:20", "2024-01-01T08:40", "2024-01-01T09:00", "2024-01-01T09:20",
                    "2024-01-01T09:40", "2024-01-02T08:00",
                ])
    }

    @Test func weekdayNamesAndNumbersCountFromSunday() throws {
        // 2024-06-07 is a Friday.
        #expect(try next("cron(0 18 ? * MON-FRI *)", after: "2024-06-07T19:00") == "2024-06-10T18:00")
        #expect(try next("cron(0 0 ? * 1 *)", after: "2024-06-07T00:00") == "2024-06-09T00:00")
        #expect(try next("cron(0 0 ? * sat *)", after: "2024-06-07T00:00") == "2024-06-08T00:00")
        #expect(try next("cron(0 0 ? * FRI-MON *)", after: "2024-06-04T00:00") == "2024-06-07T00:00")
    }

    @Test func aRangeMayWrapPastMidnight() throws {
        #expect(
            try fires("cron(0/30 20-2 ? * MON-FRI *)", after: "2024-06-03T19:00", count: 9)
                == [
                    "2024-06-03T20:00", "2024-06-03T20:30", "2024-06-03T21:00", "2024-06-03T21:30", "2024-06-03T22:00",
                    "2024-06-03T22:30", "2024-06-03T23:00", "2024-06-03T23:30", "2024-06-04T00:00",
                ])
    }

    @Test func monthNamesAndWrappingMonths() throws {
        #expect(
            try fires("cron(0 0 1 NOV-FEB ? *)", after: "2024-02-02T00:00", count: 3) == [
                "2024-11-01T00:00", "2024-12-01T00:00", "2025-01-01T00:00",
            ])
        #expect(
            try fires("cron(0 0 1 JAN,jul ? *)", after: "2024-01-01T00:00", count: 2) == [
                "2024-07-01T00:00", "2025-01-01T00:00",
            ])
    }

    @Test func aDayTheMonthLacksIsSkipped() throws {
        #expect(
            try fires("cron(0 0 31 * ? *)", after: "2024-01-31T00:00", count: 3) == [
                "2024-03-31T00:00", "2024-05-31T00:00", "2024-07-31T00:00",
            ])
        #expect(
            try fires("cron(0 0 30 * ? *)", after: "2024-01-30T00:00", count: 2) == [
                "2024-03-30T00:00", "2024-04-30T00:00",
            ])
    }

    @Test func leapYears() throws {
        #expect(try next("cron(0 0 29 2 ? *)", after: "2024-03-01T00:00") == "2028-02-29T00:00")
        #expect(try next("cron(0 0 29 2 ? *)", after: "2096-03-01T00:00") == "2104-02-29T00:00")
        #expect(try next("cron(0 0 L 2 ? *)", after: "2023-01-01T00:00") == "2023-02-28T00:00")
        #expect(try next("cron(0 0 L 2 ? *)", after: "2024-01-01T00:00") == "2024-02-29T00:00")
        #expect(try next("cron(0 0 L 2 ? *)", after: "2100-01-01T00:00") == "2100-02-28T00:00")
        #expect(try next("cron(0 0 L 2 ? *)", after: "2000-01-01T00:00") == "2000-02-29T00:00")
    }

    @Test func lastDayOfTheMonth() throws {
        #expect(
            try fires("cron(30 23 L * ? *)", after: "2024-01-01T00:00", count: 4) == [
                "2024-01-31T23:30", "2024-02-29T23:30", "2024-03-31T23:30", "2024-04-30T23:30",
            ])
    }

    @Test func lastWeekdayOfTheMonth() throws {
        // 2024-03-31 is a Sunday, 2024-08-31 a Saturday, 2024-07-31 a Wednesday.
        #expect(try next("cron(0 0 LW * ? *)", after: "2024-03-01T00:00") == "2024-03-29T00:00")
        #expect(try next("cron(0 0 LW * ? *)", after: "2024-08-01T00:00") == "2024-08-30T00:00")
        #expect(try next("cron(0 0 LW * ? *)", after: "2024-07-01T00:00") == "2024-07-31T00:00")
    }

    @Test func nearestWeekday() throws {
        // 2024-06-15 is a Saturday, 2024-09-15 a Sunday, 2024-06-01 a Saturday, 2024-06-30 a Sunday.
        #expect(try next("cron(0 0 15W * ? *)", after: "2024-06-01T00:00") == "2024-06-14T00:00")
        #expect(try next("cron(0 0 15W * ? *)", after: "2024-09-01T00:00") == "2024-09-16T00:00")
        #expect(try next("cron(0 0 15W * ? *)", after: "2024-07-01T00:00") == "2024-07-15T00:00")
        #expect(try next("cron(0 0 1W * ? *)", after: "2024-05-31T00:00") == "2024-06-03T00:00")
        #expect(try next("cron(0 0 30W * ? *)", after: "2024-06-01T00:00") == "2024-06-28T00:00")
        // June has no 31st: the next one is in July (a Wednesday).
        #expect(try next("cron(0 0 31W * ? *)", after: "2024-06-01T00:00") == "2024-07-31T00:00")
    }

    @Test func lastWeekdayOfAKind() throws {
        #expect(try next("cron(15 10 ? * 6L *)", after: "2024-05-01T00:00") == "2024-05-31T10:15")
        #expect(try next("cron(15 10 ? * FRIL *)", after: "2024-05-31T10:15") == "2024-06-28T10:15")
        // `L` alone is the last Saturday.
        #expect(try next("cron(0 0 ? * L *)", after: "2024-05-01T00:00") == "2024-05-25T00:00")
    }

    @Test func nthWeekdayOfTheMonth() throws {
        #expect(try next("cron(0 0 ? * 2#1 *)", after: "2024-06-01T00:00") == "2024-06-03T00:00")
        #expect(try next("cron(0 0 ? * 3#2 *)", after: "2024-06-01T00:00") == "2024-06-11T00:00")
        // January and February 2024 have four Fridays; March has five.
        #expect(try next("cron(0 0 ? * 6#5 *)", after: "2024-01-01T00:00") == "2024-03-29T00:00")
    }

    @Test func yearsBoundTheSchedule() throws {
        #expect(try next("cron(0 0 1 1 ? 2030-2031)", after: "2025-06-01T00:00") == "2030-01-01T00:00")
        #expect(try next("cron(0 0 1 1 ? 2030-2031)", after: "2031-01-01T00:00") == nil)
        #expect(try next("cron(59 23 31 12 ? *)", after: "2199-12-31T23:59") == nil)
        #expect(try next("cron(0 0 1 1 ? 2030/5)", after: "2031-01-01T00:00") == "2035-01-01T00:00")
    }
}
