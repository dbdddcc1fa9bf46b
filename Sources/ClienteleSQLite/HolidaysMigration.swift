import GRDB
import ClienteleCore

/// Issue 20 item 8: professional holidays as data (docs/segmentation.md "Memorable dates"):
/// a name, a month, and either a fixed day or a weekday of the month (1st-4th, or the last:
/// week -1); an activity makes it the holiday of the clients of that line of business,
/// none makes it everyone's. `next_holiday` of a client is the soonest of them.
package enum HolidaysMigration {
    /// The rows a new store starts with (Russian professional and public holidays).
    package static let defaults: [(name: String, month: Int, day: Int?, weekday: Int?, week: Int?, activity: String?)] = [
        ("Новый год", 1, 1, nil, nil, nil),
        ("День защитника Отечества", 2, 23, nil, nil, nil),
        ("Международный женский день", 3, 8, nil, nil, nil),
        ("День российского предпринимательства", 5, 26, nil, nil, nil),
        ("День фотографа", 7, 12, nil, nil, "photo"),
        ("День работников торговли", 7, nil, 6, 4, nil),
        ("День бухгалтера", 11, 21, nil, nil, nil),
    ]

    /// The CHECK rules, by the name PostgreSQL gives them (SQLite names the expression).
    package static let checks: [(name: String, sql: String)] = [
        ("holidays_month", "month BETWEEN 1 AND 12"),
        ("holidays_day", "day BETWEEN 1 AND CASE WHEN month = 2 THEN 29 WHEN month IN (4, 6, 9, 11) THEN 30 ELSE 31 END"),
        ("holidays_weekday", "weekday BETWEEN 1 AND 7"),
        ("holidays_week", "week IN (1, 2, 3, 4, -1)"),
        ("holidays_rule", "(day IS NOT NULL AND weekday IS NULL AND week IS NULL) OR (day IS NULL AND weekday IS NOT NULL AND week IS NOT NULL)"),
    ]

    package static let insert = "INSERT INTO holidays (name, month, day, weekday, week, activity) VALUES (?, ?, ?, ?, ?, ?)"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE holidays (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                month INTEGER NOT NULL,
                day INTEGER,                     -- a fixed day of the month, or
                weekday INTEGER,                 -- 1 Monday ... 7 Sunday
                week INTEGER,                    -- 1st-4th of the month, -1 the last
                activity TEXT,                   -- the clients' activity it belongs to; NULL: everyone's
                \(checks.map { "CHECK (\($0.sql))" }.joined(separator: ",\n    "))
            )
            """)
        for h in defaults {
            try db.execute(sql: insert, arguments: [h.name, h.month, h.day, h.weekday, h.week, h.activity])
        }
        if try db.tableExists("audit") { try AuditLog.attach(db, AuditLog.holidays) }
    }
}

extension AuditLog {
    /// holidays, audited from the migration that makes it.
    package static let holidays = Table(name: "holidays", key: "name", client: .none)
}
