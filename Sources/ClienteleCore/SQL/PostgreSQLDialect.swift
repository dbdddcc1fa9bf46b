/// PostgreSQL, for the server store of issue #17: `$1, $2...` placeholders, standard
/// spellings, dates as `date`, booleans as `boolean`, and the store's own functions under
/// the names its schema creates (docs/postgres-dialect.md gives each one's contract).
/// Per-client tables computed in Swift are refused: a server store plans on the SQL path.
package struct PostgreSQLDialect: SQLDialect {
    /// The ICU collation the schema creates: alphabetical, case-insensitive, Cyrillic-aware.
    package static let collation = "clientele_ci"

    package init() {}
    package var name: String { "PostgreSQL" }

    package func placeholder(_ p: SQLParameter, position: Int) -> String { "$\(position)" }
    package var bindsByPosition: Bool { true }

    package func function(_ f: SQLFunction, _ a: [String]) throws -> String {
        func call(_ name: String) -> String { name + "(" + a.joined(separator: ", ") + ")" }
        if let host = f.hostCall(a) { return host }
        switch f {
        case .containsIgnoringCase: return call("clientele_contains")
        case .foldCase: return call("clientele_fold")
        case .replace: return call("replace")
        case .upperCase: return call("clientele_upper")
        case .length: return call("length")
        case .abs: return call("abs")
        case .coalesce: return call("COALESCE")
        case .nullIf: return call("NULLIF")
        case .trim: return call("TRIM")
        case .asDate: return "CAST(\(a[0]) AS date)"
        case .substring: return call("substr")
        case .daysBetween: return "(\(a[1]) - \(a[0]))"
        // The cast picks `date + integer` (a bound count of days is otherwise of unknown type,
        // and `date + interval` would match as well).
        case .addDays: return "(\(a[0]) + CAST(\(a[1]) AS INTEGER))"
        case .addDaysChecked: return call("clientele_add_days")
        case .datePart(let part):
            let field = part == .year ? "YEAR" : (part == .month ? "MONTH" : "DAY")
            return "CAST(EXTRACT(\(field) FROM \(a[0])) AS INTEGER)"
        // The cast types a bound date (`week_of(2025-03-02)`), which would otherwise be unknown.
        case .dateBucket(.month): return "to_char(CAST(\(a[0]) AS date), 'YYYY-MM')"
        case .dateBucket(.year): return "to_char(CAST(\(a[0]) AS date), 'YYYY')"
        case .dateBucket(.quarter): return "to_char(CAST(\(a[0]) AS date), 'YYYY-\"Q\"Q')"
        case .dateBucket(.week): return "(CAST(\(a[0]) AS date) - CAST(EXTRACT(ISODOW FROM CAST(\(a[0]) AS date)) AS INTEGER) + 1)"
        case .roundedDivide: return call("clientele_rdiv")
        case .daysToAnniversary: return call("clientele_anniversary_days")
        case .holidayDays: return call("clientele_holiday_days")
        case .greatest: return call("GREATEST")
        case .least: return call("LEAST")
        case .exact: return call("clientele_exact")
        case .now: return "LOCALTIMESTAMP(0)"
        case .computedColumn:
            throw SQLDialectError.unsupported(dialect: name, what: "a per-client column computed in Swift")
        case .host, .hostSQL: return ""   // written above
        }
    }

    package func countWhere(_ condition: String) -> String { "COUNT(*) FILTER (WHERE \(condition))" }
    package func boolean(_ b: Bool) -> String { b ? "TRUE" : "FALSE" }
    package func textOrdering(_ x: String) -> String { "\(x) COLLATE \(PostgreSQLDialect.collation)" }
    package var unlimited: String { "LIMIT ALL" }
    package var notIndexed: String? { nil }
    package var nestingRefusal: String { "sub-selects nested more than \(SQLSelect.maximumNesting) deep" }
    package var ordersByBareOutputNamesOnly: Bool { true }
    package var aliasesSubqueries: Bool { true }
    package var orderedJoin: String { "JOIN" }
    package var insertReturningID: String? { "RETURNING id" }
    /// `clientele_pareto_classes` and `clientele_rfm_scores` (migration pg4-company-ranks).
    package var ranksCompanyWide: Bool { true }
    package var groupsByHash: Bool { true }
    /// `jsonb_array_elements` over the array, each element cast to the column's type (text
    /// as it is: the planner adds the store's collation where text is compared or sorted).
    package func jsonRows(_ parameter: String, _ columns: [SQLJSONColumn]) -> String {
        let items = columns.enumerated().map { (i, c) -> String in
            let element = "(clientele_row ->> \(i))"
            switch c.kind {
            case .integer: return "CAST(\(element) AS bigint) AS \(c.name)"
            case .text: return "\(element) AS \(c.name)"
            case .date: return "CAST(\(element) AS date) AS \(c.name)"
            case .boolean: return "CAST(\(element) AS boolean) AS \(c.name)"
            }
        }
        return "SELECT " + items.joined(separator: ", ") + " FROM jsonb_array_elements(CAST(\(parameter) AS jsonb)) AS clientele_rows(clientele_row)"
    }
    package func computedTable(_ parameter: String) throws -> String {
        throw SQLDialectError.unsupported(dialect: name, what: "a per-client table computed in Swift")
    }
}
