import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A calendar date with no time of day and no time zone: what an order date is.
/// Stored in SQLite as ISO text `YYYY-MM-DD`, which sorts and compares correctly.
///
/// ```swift
/// let d = CalendarDate(iso: "2025-01-31")!
/// d.adding(months: 1)?.iso   // "2025-02-28"
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1...9999.
    public let year: Int
    /// 1...12.
    public let month: Int
    /// 1...31, as the month has.
    public let day: Int

    /// Fails for dates that do not exist (2025-02-30, 2025-13-01).
    ///
    /// ```swift
    /// CalendarDate(year: 2024, month: 2, day: 29)   // a leap day
    /// CalendarDate(year: 2025, month: 2, day: 29)   // nil
    /// ```
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly.
    ///
    /// ```swift
    /// CalendarDate(iso: "2025-12-31")?.year   // 2025
    /// CalendarDate(iso: "2025-1-5")            // nil
    /// ```
    @inlinable
    /// The day number of `YYYY-MM-DD` in UTF-8 bytes, nil when they are not a calendar date:
    /// for passes over millions of stored dates, without making strings.
    package static func dayNumber(iso b: UnsafeRawBufferPointer) -> Int? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func digits(_ from: Int, _ to: Int) -> Int? {
            var n = 0
            for i in from..<to {
                let d = Int(b[i]) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                n = n * 10 + d
            }
            return n
        }
        guard let y = digits(0, 4), let m = digits(5, 7), let d = digits(8, 10) else { return nil }
        return CalendarDate(year: y, month: m, day: d)?.dayNumber
    }

    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    @inlinable
    package static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    @inlinable
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    @inlinable
    package var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    @inlinable
    package init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y; self.month = m; self.day = d
    }

    /// The first and last dates a store holds: every stored date is in 0001-01-01...9999-12-31.
    @usableFromInline package static let earliest = CalendarDate(year: 1, month: 1, day: 1)!
    @usableFromInline package static let latest = CalendarDate(year: 9999, month: 12, day: 31)!

    /// The date `days` later (earlier when negative), or nil when it falls outside
    /// 0001-01-01...9999-12-31 (the arithmetic itself never overflows).
    ///
    /// ```swift
    /// CalendarDate(iso: "2025-12-31")!.adding(days: 1)?.iso   // "2026-01-01"
    /// ```
    @inlinable
    public func adding(days: Int) -> CalendarDate? {
        let (n, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, (CalendarDate.earliest.dayNumber...CalendarDate.latest.dayNumber).contains(n) else { return nil }
        return CalendarDate(dayNumber: n)
    }

    /// Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29);
    /// nil when the result falls outside 0001...9999.
    ///
    /// ```swift
    /// CalendarDate(iso: "2025-03-31")!.adding(months: -1)?.iso   // "2025-02-28"
    /// ```
    public func adding(months: Int) -> CalendarDate? {
        guard (-120_000...120_000).contains(months) else { return nil }
        let total = year * 12 + (month - 1) + months
        guard total >= 12 else { return nil }
        let y = total / 12, m = total % 12 + 1
        guard y <= 9999 else { return nil }
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))
    }

    /// `adding(days:)` held to the calendar's ends: for the bounds of a period, where
    /// "the last 10000 years" simply starts at the first date there is.
    package func clampedAdding(days: Int) -> CalendarDate {
        adding(days: days) ?? (days < 0 ? .earliest : .latest)
    }

    /// `adding(months:)` held to the calendar's ends.
    package func clampedAdding(months: Int) -> CalendarDate {
        adding(months: months) ?? (months < 0 ? .earliest : .latest)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    ///
    /// ```swift
    /// CalendarDate(iso: "2025-01-01")!.days(until: CalendarDate(iso: "2025-01-31")!)   // 30
    /// ```
    @inlinable
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// Earlier dates first.
    ///
    /// ```swift
    /// CalendarDate(iso: "2025-01-31")! < CalendarDate(iso: "2025-02-01")!   // true
    /// ```
    @inlinable
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `YYYY-MM-DD`.
    ///
    /// ```swift
    /// CalendarDate(year: 2025, month: 3, day: 1)!.iso   // "2025-03-01"
    /// ```
    public var iso: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }
    /// The same as `iso`.
    public var description: String { iso }

    /// Today's date in the machine's local time zone (the C library's: TZ, else the
    /// system's zone, as Foundation's Calendar would use), without setting up Calendar,
    /// which loads the ICU calendar at start-up.
    ///
    /// ```swift
    /// let session = Session(today: .today())
    /// ```
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

/// Dates in scenario payloads are ISO text, as everywhere in the store.
extension CalendarDate: Codable {
    /// Decodes ISO text, "2025-03-01".
    ///
    /// ```swift
    /// let d = try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2025-03-01"]"#.utf8))
    /// ```
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(iso: text) else { throw ValueError.invalidDate(text) }
        self = d
    }
    /// Encodes ISO text, "2025-03-01".
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(CalendarDate(iso: "2025-03-01")!)   // "\"2025-03-01\""
    /// ```
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
