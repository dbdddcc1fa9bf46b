/// A closed range of calendar days, both ends included.
package struct DateRange: Hashable, Sendable, CustomStringConvertible {
    package var start: CalendarDate
    package var end: CalendarDate
    package var description: String { "\(start.iso)..\(end.iso)" }

    /// The memberwise initializer, for the engine (the implicit one is internal to the core).
    package init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }
}

extension PeriodSyntax {
    /// Resolves the period against `today`. The checker has made sure its years, quarters,
    /// months and counts are in range (`Checker.checkPeriod`); relative periods are held
    /// to 0001-01-01...9999-12-31.
    package func resolve(today: CalendarDate) -> DateRange {
        switch self {
        case .year(let y):
            return DateRange(start: CalendarDate(year: y, month: 1, day: 1)!, end: CalendarDate(year: y, month: 12, day: 31)!)
        case .quarter(let y, let q):
            let s = CalendarDate(year: y, month: (q - 1) * 3 + 1, day: 1)!
            return DateRange(start: s, end: CalendarDate(year: y, month: q * 3, day: CalendarDate.daysIn(month: q * 3, year: y))!)
        case .month(let y, let m):
            let s = CalendarDate(year: y, month: m, day: 1)!
            return DateRange(start: s, end: CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))!)
        case .last(let n, let unit):
            let count = Int(n)
            let start: CalendarDate
            switch unit {
            case .days: start = today.clampedAdding(days: -count + 1)
            case .weeks: start = today.clampedAdding(days: -7 * count + 1)
            case .months: start = today.clampedAdding(months: -count).clampedAdding(days: 1)
            case .quarters: start = today.clampedAdding(months: -3 * count).clampedAdding(days: 1)
            case .years: start = today.clampedAdding(months: -12 * count).clampedAdding(days: 1)
            }
            return DateRange(start: start, end: today)
        case .this(let unit):
            return DateRange(start: PeriodSyntax.unitStart(unit, containing: today), end: today)
        case .previous(let unit):
            let thisStart = PeriodSyntax.unitStart(unit, containing: today)
            let months = unit == .years ? 12 : (unit == .quarters ? 3 : 1)
            return DateRange(start: thisStart.clampedAdding(months: -months), end: thisStart.clampedAdding(days: -1))
        case .range(let a, let b):
            return DateRange(start: CalendarDate(iso: a)!, end: CalendarDate(iso: b)!)
        case .all:
            return DateRange(start: CalendarDate(year: 1, month: 1, day: 1)!, end: today)
        }
    }

    package static func unitStart(_ unit: DurationUnit, containing d: CalendarDate) -> CalendarDate {
        switch unit {
        case .years: return CalendarDate(year: d.year, month: 1, day: 1)!
        case .quarters: return CalendarDate(year: d.year, month: (d.month - 1) / 3 * 3 + 1, day: 1)!
        default: return CalendarDate(year: d.year, month: d.month, day: 1)!
        }
    }

    /// How the period reads in output headers and messages.
    package var text: String {
        switch self {
        case .year(let y): return String(y)
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .month(let y, let m): return String(format: "%04d-%02d", y, m)
        case .last(let n, let u): return "last \(n) \(u.rawValue)"
        case .this(let u): return "this \(u.singular)"
        case .previous(let u): return "previous \(u.singular)"
        case .range(let a, let b): return "\(a)..\(b)"
        case .all: return "all"
        }
    }
}

extension DurationUnit {
    package var singular: String { String(rawValue.dropLast()) }
}
