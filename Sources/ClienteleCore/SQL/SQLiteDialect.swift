/// SQLite as the store runs it: the engine registers the `CLIENTELE_*` functions, the
/// collation and the per-client table function (Store/UnicodeText, Store/Facts/FactsTable)
/// under the names written here. Dates are ISO text, booleans 0 and 1.
package struct SQLiteDialect: SQLDialect {
    package static let collation = "CLIENTELE_NOCASE"
    package static let computedTableFunction = "clientele_columns"
    package static let computedColumnFunction = "CLIENTELE_COLUMN"

    package init() {}
    package var name: String { "SQLite" }

    package func placeholder(_ p: SQLParameter, position: Int) -> String { ":" + p.name }

    package func function(_ f: SQLFunction, _ a: [String]) throws -> String {
        func call(_ name: String) -> String { name + "(" + a.joined(separator: ", ") + ")" }
        if let host = f.hostCall(a) { return host }
        switch f {
        case .containsIgnoringCase: return call("CLIENTELE_CONTAINS")
        case .foldCase: return call("CLIENTELE_FOLD")
        case .replace: return call("replace")
        case .upperCase: return call("CLIENTELE_UPPER")
        case .length: return call("length")
        case .abs: return call("abs")
        case .coalesce: return call("COALESCE")
        case .nullIf: return call("NULLIF")
        case .trim: return call("TRIM")
        case .asDate: return a[0]
        case .substring: return call("substr")
        case .daysBetween: return "CAST(julianday(\(a[1])) - julianday(\(a[0])) AS INTEGER)"
        case .addDays: return "date(\(a[0]), printf('%+d days', \(a[1])))"
        case .addDaysChecked: return call("CLIENTELE_ADD_DAYS")
        case .datePart(let part):
            let format = part == .year ? "%Y" : (part == .month ? "%m" : "%d")
            return "CAST(strftime('\(format)', \(a[0])) AS INTEGER)"
        case .dateBucket(.month): return "strftime('%Y-%m', \(a[0]))"
        case .dateBucket(.year): return "strftime('%Y', \(a[0]))"
        case .dateBucket(.quarter):
            return "strftime('%Y', \(a[0])) || '-Q' || ((CAST(strftime('%m', \(a[0])) AS INTEGER) + 2) / 3)"
        // 'weekday 0' moves to the next Sunday (or stays on one); six days before is its Monday.
        case .dateBucket(.week): return "date(\(a[0]), 'weekday 0', '-6 days')"
        case .roundedDivide: return call("CLIENTELE_RDIV")
        case .daysToAnniversary: return call("CLIENTELE_ANNIVERSARY_DAYS")
        case .holidayDays: return call("CLIENTELE_HOLIDAY_DAYS")
        // SQLite's scalar MAX / MIN of several arguments (NULL when any is NULL).
        case .greatest: return call("MAX")
        case .least: return call("MIN")
        case .exact: return call("CLIENTELE_EXACT")
        case .now: return "datetime('now')"
        case .computedColumn: return call(SQLiteDialect.computedColumnFunction)
        case .host, .hostSQL: return ""   // written above
        }
    }

    /// A comparison is 0 or 1, so its sum counts the rows where it holds.
    package func countWhere(_ condition: String) -> String { "SUM(\(condition))" }
    package func boolean(_ b: Bool) -> String { b ? "1" : "0" }
    package func textOrdering(_ x: String) -> String { "\(x) COLLATE \(SQLiteDialect.collation)" }
    package var unlimited: String { "LIMIT -1" }
    package var notIndexed: String? { "NOT INDEXED" }
    /// What SQLite itself reports for such a query (it does at about a dozen levels).
    package var nestingRefusal: String { "parser stack overflow" }
    package var ordersByBareOutputNamesOnly: Bool { false }
    package var aliasesSubqueries: Bool { false }
    /// A SQLite file has no row-level security: its window queries see every client.
    package var ranksCompanyWide: Bool { false }
    /// SQLite has no hash aggregation: its GROUP BY sorts.
    package var groupsByHash: Bool { false }
    package var orderedJoin: String { "CROSS JOIN" }
    package func computedTable(_ parameter: String) throws -> String { "\(SQLiteDialect.computedTableFunction)(\(parameter))" }
    /// SQLite's `json_each` over the array; `json_extract` gives integers and text as they
    /// were (dates are ISO text, booleans 0/1, as the store holds them).
    package func jsonRows(_ parameter: String, _ columns: [SQLJSONColumn]) -> String {
        let items = columns.enumerated().map { "json_extract(value, '$[\($0.offset)]') AS \($0.element.name)" }
        return "SELECT " + items.joined(separator: ", ") + " FROM json_each(\(parameter))"
    }
}
