/// A day of the proleptic Gregorian calendar and its count of days since 1970-01-01.
///
/// The one home of the calendar arithmetic that timestamps (Choice rules), schedules (cron) and JSONata's date
/// functions share. Days are counted with Howard Hinnant's `days_from_civil`: 400-year eras of 146 097 days whose
/// years start in March, so that leap days fall at the end of a year.
public struct CivilDate: Hashable, Sendable {
    public var year: Int
    /// 1...12
    public var month: Int
    /// 1...31
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        self.year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        self.month = Int(month)
        self.day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
    }

    /// Days from 1970-01-01 to this date, negative before it.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = Self.floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthFromMarch = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO day of the week: 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        Int(Self.floorModulo(daysSinceEpoch + 3, 7)) + 1
    }

    /// 1 for January 1st ... 365 or 366 for December 31st.
    public var dayOfYear: Int {
        Int(daysSinceEpoch - CivilDate(year: year, month: 1, day: 1).daysSinceEpoch) + 1
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Division rounding towards negative infinity, so that instants before 1970 fall on the right day.
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The remainder that goes with `floorDivide`: it has the sign of `b`.
    public static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDivide(a, b) * b
    }
}
