/// A holiday's date in a year (the `holidays` table, docs/segmentation.md "Memorable dates"):
/// a fixed day of a month (29 February falls on 28 February in common years, as a birthday
/// does), or a weekday of a month: the 1st to 4th, or the last (`week` = -1).
/// Weekdays are numbered 1 (Monday) to 7 (Sunday).
package enum HolidayDate {
    /// nil for a rule that names no date (neither a day nor a weekday and week) or a year
    /// outside 1...9999.
    package static func date(month: Int, day: Int?, weekday: Int?, week: Int?, year: Int) -> CalendarDate? {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        let length = CalendarDate.daysIn(month: month, year: year)
        if let day {
            guard day >= 1 else { return nil }
            return CalendarDate(year: year, month: month, day: min(day, length))
        }
        guard let weekday, let week, (1...7).contains(weekday), week == -1 || (1...4).contains(week),
              let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        if week == -1 {
            guard let last = CalendarDate(year: year, month: month, day: length) else { return nil }
            return CalendarDate(year: year, month: month, day: length - (isoWeekday(last) - weekday + 7) % 7)
        }
        return CalendarDate(year: year, month: month, day: 1 + (weekday - isoWeekday(first) + 7) % 7 + 7 * (week - 1))
    }

    /// 1 (Monday) ... 7 (Sunday); 1970-01-01 was a Thursday.
    package static func isoWeekday(_ d: CalendarDate) -> Int {
        ((d.dayNumber % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// Days from today to the holiday's next date (0: today), this year or the next; nil
    /// past 9999-12-31 or for a rule that names no date.
    package static func daysUntil(month: Int, day: Int?, weekday: Int?, week: Int?, from today: CalendarDate) -> Int? {
        for year in [today.year, today.year + 1] {
            guard let d = date(month: month, day: day, weekday: weekday, week: week, year: year) else { return nil }
            if !(d < today) { return today.days(until: d) }
        }
        return nil
    }
}
