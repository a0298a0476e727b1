/// `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in UTC, with AWS's syntax: `*`, `?`, `,`,
/// `-` (a range may wrap: hours `20-2`), `/`, `L`, `W`, `#`, and month and weekday names.
///
/// Day-of-week counts from 1 = Sunday to 7 = Saturday; years run from 1970 to 2199. Exactly one of
/// day-of-month and day-of-week is `?`; the other decides which days fire.
public struct CronSchedule: Sendable, Hashable {
    /// The days of a month that fire, when day-of-week is `?`.
    enum DayOfMonth: Sendable, Hashable {
        /// `?`
        case unspecified
        /// Bit `d` set for day `d` (1...31); a day a month lacks never fires in it.
        case days(UInt32)
        /// `L`: the month's last day.
        case last
        /// `LW`: the month's last weekday (Monday to Friday).
        case lastWeekday
        /// `nW`: the weekday nearest day `n` without leaving the month.
        case nearestWeekday(Int)
    }

    /// The days of a month that fire, when day-of-month is `?`.
    enum DayOfWeek: Sendable, Hashable {
        /// `?`
        case unspecified
        /// Bit `w` set for weekday `w` (1 = Sunday ... 7 = Saturday).
        case days(UInt8)
        /// `wL` (and `L` alone, which is Saturday): the month's last such weekday.
        case last(Int)
        /// `w#n`: the month's `n`th such weekday (1...5); a month without one does not fire.
        case nth(Int, Int)
    }

    /// Bit `m` set for minute `m`.
    let minutes: UInt64
    /// Bit `h` set for hour `h`.
    let hours: UInt32
    let dayOfMonth: DayOfMonth
    /// Bit `m` set for month `m` (1...12).
    let months: UInt16
    let dayOfWeek: DayOfWeek
    /// The years that fire, ascending.
    let years: [Int]

    static let firstYear = 1970
    static let lastYear = 2199

    /// The first whole minute strictly after `ms` that the expression names, or nil when there is none
    /// up to 2199.
    public func next(after ms: Int64) -> Int64? {
        let perMinute = UTCDateTime.millisecondsPerMinute
        let (minute, overflow) = (UTCDateTime.floorDiv(ms, perMinute) + 1).multipliedReportingOverflow(by: perMinute)
        guard !overflow else { return nil }
        let from = UTCDateTime(milliseconds: minute)
        for year in years where year >= from.year {
            let sameYear = year == from.year
            for month in (sameYear ? from.month : 1)...12 where months & (1 << month) != 0 {
                let sameMonth = sameYear && month == from.month
                let lastDay = UTCDateTime.daysInMonth(year: year, month: month)
                for day in (sameMonth ? from.day : 1)...lastDay where fires(year: year, month: month, day: day) {
                    let sameDay = sameMonth && day == from.day
                    for hour in (sameDay ? from.hour : 0)...23 where hours & (1 << hour) != 0 {
                        let sameHour = sameDay && hour == from.hour
                        for m in (sameHour ? from.minute : 0)...59 where minutes & (1 << m) != 0 {
                            return UTCDateTime(year: year, month: month, day: day, hour: hour, minute: m).milliseconds
                        }
                    }
                }
            }
        }
        return nil
    }

    /// Whether the day-of-month or day-of-week field (whichever is not `?`) names this date.
    func fires(year: Int, month: Int, day: Int) -> Bool {
        let lastDay = UTCDateTime.daysInMonth(year: year, month: month)
        switch dayOfMonth {
        case .unspecified:
            break
        case .days(let mask):
            return mask & (1 << day) != 0
        case .last:
            return day == lastDay
        case .lastWeekday:
            return day == Self.nearestWeekday(to: lastDay, year: year, month: month)
        case .nearestWeekday(let n):
            return n <= lastDay && day == Self.nearestWeekday(to: n, year: year, month: month)
        }
        let weekday = UTCDateTime.weekday(year: year, month: month, day: day)
        switch dayOfWeek {
        case .unspecified:
            return false
        case .days(let mask):
            return mask & (1 << weekday) != 0
        case .last(let w):
            return weekday == w && day + 7 > lastDay
        case .nth(let w, let n):
            return weekday == w && (day - 1) / 7 + 1 == n
        }
    }

    /// `nW`: day `n` if it is a weekday; from a Saturday the Friday before, from a Sunday the Monday
    /// after, unless that leaves the month (then the Monday after a Saturday the 1st, the Friday
    /// before a Sunday that ends the month), as Quartz, whose syntax AWS follows, does.
    static func nearestWeekday(to n: Int, year: Int, month: Int) -> Int {
        let lastDay = UTCDateTime.daysInMonth(year: year, month: month)
        switch UTCDateTime.weekday(year: year, month: month, day: n) {
        case 7: return n > 1 ? n - 1 : n + 2
        case 1: return n < lastDay ? n + 1 : n - 2
        default: return n
        }
    }
}
