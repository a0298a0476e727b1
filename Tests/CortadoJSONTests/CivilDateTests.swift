import Testing

@testable import CortadoJSON

/// The calendar arithmetic shared by schedules, Choice timestamps and JSONata's date functions.
struct CivilDateTests {
    @Test(arguments: [
        (CivilDate(year: 1970, month: 1, day: 1), 0, 4, 1),
        (CivilDate(year: 1969, month: 12, day: 31), -1, 3, 365),
        (CivilDate(year: 2000, month: 2, day: 29), 11_016, 2, 60),
        (CivilDate(year: 2017, month: 11, day: 7), 17_477, 2, 311),
        (CivilDate(year: 2024, month: 12, day: 31), 20_088, 2, 366),
        (CivilDate(year: 1600, month: 3, day: 1), -135_080, 3, 61),
    ])
    func knownDays(_ date: CivilDate, _ days: Int64, _ weekday: Int, _ dayOfYear: Int) {
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.weekday == weekday)
        #expect(date.dayOfYear == dayOfYear)
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        let first = CivilDate(year: 1800, month: 1, day: 1).daysSinceEpoch
        let last = CivilDate(year: 2200, month: 12, day: 31).daysSinceEpoch
        var previous = CivilDate(year: 1799, month: 12, day: 31)
        var wrong: [Int64] = []
        for days in first...last {
            let date = CivilDate(daysSinceEpoch: days)
            if date.daysSinceEpoch != days || date.weekday != previous.weekday % 7 + 1
                || date.day > CivilDate.daysInMonth(year: date.year, month: date.month)
            {
                wrong.append(days)
            }
            previous = date
        }
        #expect(wrong.isEmpty)
    }

    @Test func floorDivisionRoundsTowardsThePast() {
        #expect(CivilDate.floorDivide(-1, 86_400_000) == -1)
        #expect(CivilDate.floorModulo(-1, 86_400_000) == 86_399_999)
        #expect(CivilDate.floorDivide(86_400_000, 86_400_000) == 1)
    }
}
