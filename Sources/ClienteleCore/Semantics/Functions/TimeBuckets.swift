/// Date buckets for time series: the month, week, quarter or year a date falls in.
///
/// A month, quarter or year is text in ISO form (`2025-03`, `2025-Q1`, `2025`): zero-padded,
/// so that text order is calendar order, and it groups, sorts and exports as written. A week
/// is the date of its Monday (ISO weeks start on Monday), so it stays a date.
package enum TimeBuckets {
    static func function(_ id: BuiltinFunction.ID) -> BuiltinFunction {
        let (unit, example, result): (String, String, ValueType) = switch id {
        case .weekOf: ("week (the date of its Monday)", "2025-03-03", .date)
        case .quarterOf: ("quarter", "2025-Q1", .text)
        case .yearOf: ("year", "2025", .text)
        default: ("month", "2025-03", .text)
        }
        return BuiltinFunction(id: id, arity: 1, usage: "\(id.rawValue)(date)",
                               summary: "the \(unit) a date is in, e.g. \(example); groups and sorts in calendar order",
                               example: "orders | where status == \"shipped\" | group \(id.rawValue.dropLast(3)) = \(id.rawValue)(order_date) agg revenue = sum(net)",
                               typeRule: { $0[0].type == .date ? .result(result) : .badArgument(0, "\(id.rawValue) needs a date") },
                               evaluate: { args in
                                   guard case .date(let d) = args[0] else { return .null }
                                   return bucket(id, d)
                               })
    }

    /// The bucket of a date, as the SQL dialects compute it.
    package static func bucket(_ id: BuiltinFunction.ID, _ d: CalendarDate) -> Value {
        let year = String(repeating: "0", count: max(0, 4 - String(d.year).count)) + String(d.year)
        switch id {
        case .weekOf:
            let mondayOffset = ((d.dayNumber + 3) % 7 + 7) % 7   // 1970-01-01 was a Thursday
            return .date(CalendarDate(dayNumber: d.dayNumber - mondayOffset))
        case .quarterOf: return .text("\(year)-Q\((d.month + 2) / 3)")
        case .yearOf: return .text(year)
        default: return .text(year + "-" + (d.month < 10 ? "0" : "") + String(d.month))
        }
    }
}
