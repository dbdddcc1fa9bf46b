import Foundation
import ClienteleCore

/// Professional and public holidays (docs/segmentation.md "Memorable dates"): a name, a
/// month, and either a fixed day or a weekday (1 Monday ... 7 Sunday) with its week of the
/// month (1-4, or -1 for the last); an activity makes it the holiday of that line of
/// business. Upsert key: the name (case-insensitive). A row gives the whole date rule, so an
/// update sets month, day, weekday and week from the row (a fixed day can become a weekday
/// rule); the activity is set when the file has the column (an empty cell: everyone's) and
/// kept when it has not. The store's own CHECK rules say the same; they are checked here
/// first so that a row's error names its column.
struct HolidayRows: RowImporter {
    private let ctx: ImportContext
    private var known: [String: (id: Int64, line: Int)] = [:]
    private let name, month, day, weekday, week, activity: Int?
    private let insert = LazyStatement("INSERT INTO holidays (name, month, day, weekday, week, activity) VALUES (?, ?, ?, ?, ?, ?)")
    private let update: LazyStatement

    init(_ ctx: ImportContext) throws {
        self.ctx = ctx
        let m = ctx.map
        (name, month, day) = (m.column("name"), m.column("month"), m.column("day"))
        (weekday, week, activity) = (m.column("weekday"), m.column("week"), m.column("activity"))
        update = LazyStatement("UPDATE holidays SET month = ?, day = ?, weekday = ?, week = ?"
                               + (activity == nil ? "" : ", activity = ?") + " WHERE id = ?")
        try ctx.db.query("SELECT id, name FROM holidays", []) { row in
            known[ClientDirectory.fold(row[1].string ?? "")] = (row[0].int64 ?? 0, 0)
        }
    }

    /// Days in `month` at most (29 for February: a leap day is celebrated on 28 February in
    /// common years).
    static func length(of month: Int64) -> Int64 {
        month == 2 ? 29 : [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome {
        let p = ctx.parser
        func number(_ column: Int?, required: Bool = false, _ allowed: (Int64) -> Bool, _ rule: String) -> Int64? {
            check.value(column, required: required) { s -> Int64 in
                let n = try p.integer(s)
                guard allowed(n) else { throw FieldProblem(rule) }
                return n
            }
        }
        let nameValue = check.text(name, required: true)
        let monthValue = number(month, required: true, { (1...12).contains($0) }, "a month is 1 to 12")
        let dayValue = number(day, { (1...31).contains($0) }, "a day of the month is 1 to 31")
        let weekdayValue = number(weekday, { (1...7).contains($0) }, "a weekday is 1 (Monday) to 7 (Sunday)")
        let weekValue = number(week, { [1, 2, 3, 4, -1].contains($0) }, "a week of the month is 1 to 4, or -1 for the last")
        let activityValue = check.text(activity)
        if check.isValid {
            if let d = dayValue, let m = monthValue, d > Self.length(of: m) {
                check.fail(day, "\(ValueParser.monthNames[Int(m) - 1]) has no day \(d)")
            } else if dayValue != nil && (weekdayValue != nil || weekValue != nil) {
                check.fail(weekdayValue != nil ? weekday : week, "a holiday has either a day, or a weekday with its week, not both")
            } else if dayValue == nil && (weekdayValue == nil || weekValue == nil) {
                let missing = weekdayValue == nil && weekValue == nil ? "a day, or a weekday with its week"
                    : weekdayValue == nil ? "the weekday of its week" : "the week of its weekday"
                check.fail(weekdayValue == nil ? (weekValue == nil ? day : weekday) : week, "a holiday needs \(missing)")
            }
        }
        var existing: Int64? = nil
        if let n = nameValue, let k = known[ClientDirectory.fold(n)] {
            if k.line > 0 {
                check.fail(name, "duplicate: the same holiday is on line \(k.line)")
            } else if ctx.mode == .append {
                check.fail(name, "a holiday with this name already exists; import without append to update it")
            } else {
                existing = k.id
            }
        }
        guard check.isValid, let n = nameValue, let m = monthValue else { return .rejected }
        var id = existing ?? -1
        if write {
            if let e = existing {
                try update.execute(ctx.db, activity == nil ? [m, dayValue, weekdayValue, weekValue, e]
                                                           : [m, dayValue, weekdayValue, weekValue, activityValue, e])
            } else {
                try insert.execute(ctx.db, [n, m, dayValue, weekdayValue, weekValue, activityValue])
                id = ctx.db.lastInsertedRowID
            }
        }
        known[ClientDirectory.fold(n)] = (id, check.line)
        return existing == nil ? .inserted : .updated
    }
}
