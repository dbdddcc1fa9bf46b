import Foundation
import GRDB
import ClienteleCore

/// Exact arithmetic and calendar helpers registered on every connection.
enum SQLFunctions {
    struct DivisionByZero: Error, CustomStringConvertible {
        var description: String { "division by zero" }
    }

    /// `CLIENTELE_RDIV(a, b)`: integer division rounding half away from zero. NULL in, NULL out;
    /// a zero divisor is an error, not a silent NULL.
    static let roundedDivide = DatabaseFunction("CLIENTELE_RDIV", argumentCount: 2, pure: true) { values in
        guard let a = Int64.fromDatabaseValue(values[0]), let b = Int64.fromDatabaseValue(values[1]) else { return nil }
        if b == 0 { throw DatabaseError(resultCode: .SQLITE_ERROR, message: "division by zero") }
        return DecimalText.roundedDivide(a, by: b)
    }

    /// `CLIENTELE_ANNIVERSARY_DAYS(date, today)`: days until the date's next anniversary
    /// (0 when it is today). 29 February is celebrated on 28 February in common years.
    static let anniversaryDays = DatabaseFunction("CLIENTELE_ANNIVERSARY_DAYS", argumentCount: 2, pure: true) { values in
        guard let ds = String.fromDatabaseValue(values[0]), let ts = String.fromDatabaseValue(values[1]),
              let date = CalendarDate(iso: ds), let today = CalendarDate(iso: ts) else { return nil }
        return daysToAnniversary(of: date, from: today)
    }

    /// `CLIENTELE_HOLIDAY_DAYS(month, day, weekday, week, today)`: days until a holiday's next
    /// date (HolidayDate); NULL when the row names no date.
    static let holidayDays = DatabaseFunction("CLIENTELE_HOLIDAY_DAYS", argumentCount: 5, pure: true) { values in
        guard let month = Int.fromDatabaseValue(values[0]), let ts = String.fromDatabaseValue(values[4]),
              let today = CalendarDate(iso: ts) else { return nil }
        return HolidayDate.daysUntil(month: month, day: Int.fromDatabaseValue(values[1]), weekday: Int.fromDatabaseValue(values[2]),
                                     week: Int.fromDatabaseValue(values[3]), from: today)
    }

    /// nil beyond the year 9999.
    static func anniversary(of date: CalendarDate, in year: Int) -> CalendarDate? {
        CalendarDate(year: year, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: year)))
    }

    /// nil when the next anniversary would fall after 9999-12-31 (today is in 9999 and it has passed).
    static func daysToAnniversary(of date: CalendarDate, from today: CalendarDate) -> Int? {
        guard var next = anniversary(of: date, in: today.year) else { return nil }
        if next < today {
            guard let later = anniversary(of: date, in: today.year + 1) else { return nil }
            next = later
        }
        return today.days(until: next)
    }

    /// `CLIENTELE_EXACT(x)`: x, unless SQLite's integer arithmetic overflowed into a real
    /// number, which must never be stored in a money, percent or integer column.
    static let exact = DatabaseFunction("CLIENTELE_EXACT", argumentCount: 1, pure: true) { values in
        if case .double = values[0].storage {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "integer overflow")
        }
        return values[0]
    }

    /// `CLIENTELE_ADD_DAYS(date, days)`: the ISO date `days` later. NULL or text that is not
    /// a date gives NULL (as SQLite's date() does); a result outside 0001-01-01...9999-12-31
    /// is an error naming the date, where date() would give NULL or a year 0.
    static let addDays = DatabaseFunction("CLIENTELE_ADD_DAYS", argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let days = Int64.fromDatabaseValue(values[1]),
              let date = CalendarDate(iso: text) else { return nil }
        guard let later = date.adding(days: Int(days)) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR,
                                message: "\(text) \(days < 0 ? "minus" : "plus") \(days.magnitude) days is outside the calendar a store holds (0001-01-01 to 9999-12-31)")
        }
        return later.iso
    }

    static func register(in db: Database) {
        db.add(function: addDays)
        db.add(function: exact)
        db.add(function: roundedDivide)
        db.add(function: anniversaryDays)
        db.add(function: holidayDays)
    }
}
