import CortadoJSON

/// A UTC calendar date and time to the minute (plus seconds for printing), converted to and from
/// milliseconds since the epoch without Foundation, so the module's arithmetic is exact and portable.
///
/// Days are counted by `CivilDate` (proleptic Gregorian calendar).
struct UTCDateTime: Sendable, Hashable {
    var year: Int
    /// 1...12
    var month: Int
    /// 1...31
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int = 0

    static let millisecondsPerMinute: Int64 = 60_000
    static let millisecondsPerDay: Int64 = 86_400_000

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The calendar time of an instant (milliseconds are dropped, rounding towards the past).
    init(milliseconds ms: Int64) {
        let days = Self.floorDiv(ms, Self.millisecondsPerDay)
        let inDay = Int(ms - days * Self.millisecondsPerDay) / 1000
        (year, month, day) = Self.civil(fromDays: days)
        hour = inDay / 3600
        minute = inDay / 60 % 60
        second = inDay % 60
    }

    /// Milliseconds since the epoch of this calendar time.
    var milliseconds: Int64 {
        let days = Self.days(year: year, month: month, day: day)
        return days * Self.millisecondsPerDay + Int64(hour * 3600 + minute * 60 + second) * 1000
    }

    /// ISO 8601 with seconds and `Z`, the form of an event's `time` (`2015-11-11T21:29:54Z`).
    var iso8601: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    static func isLeapYear(_ y: Int) -> Bool { CivilDate.isLeapYear(y) }

    static func daysInMonth(year: Int, month: Int) -> Int { CivilDate.daysInMonth(year: year, month: month) }

    /// Day of the week as AWS cron numbers it: 1 = Sunday ... 7 = Saturday.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        CivilDate(year: year, month: month, day: day).weekday % 7 + 1
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CivilDate(year: year, month: month, day: day).daysSinceEpoch
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let date = CivilDate(daysSinceEpoch: days)
        return (date.year, date.month, date.day)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { CivilDate.floorDivide(a, b) }
}
