/// A SQL syntax tree the planner builds and a `SQLDialect` prints. Nothing edits SQL text
/// after it is printed: what differs between engines is decided by the printer, from
/// semantic nodes (`SQLFunction.roundedDivide`, not "CLIENTELE_RDIV").
///
/// Grouping is explicit (`.grouped`): the tree keeps the parentheses the planner wrote, so
/// printing it gives the same text (and so the same SQLite plans) as before the tree.

// A value bound to a statement, in its stored form, is a `SQLValue` (Storage/SQLValue.swift).

/// A bound parameter. Two parameters are the same when their values are: the name only says
/// where the value is bound, so equal sub-trees of different statements share one.
package struct SQLParameter: Hashable, Sendable {
    package var name: String
    package var value: SQLValue
    package init(name: String, value: SQLValue) { self.name = name; self.value = value }
    package static func == (a: SQLParameter, b: SQLParameter) -> Bool { a.value == b.value }
    package func hash(into h: inout Hasher) { h.combine(value) }
}

package enum SQLBinaryOperator: String, Hashable, Sendable {
    case and = "AND", or = "OR"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", divide = "/", concat = "||"
}

package enum SQLUnaryOperator: Hashable, Sendable {
    case not, negate
}

package enum SQLDatePart: Hashable, Sendable { case year, month, day }

/// What a date bucket function gives (TimeBuckets): ISO text for a month, quarter or year,
/// the Monday's date for a week.
package enum SQLDateBucket: Hashable, Sendable { case month, week, quarter, year }

package enum SQLType: Hashable, Sendable { case integer, text }

/// Functions by meaning; each dialect spells them (or refuses them).
package enum SQLFunction: Hashable, Sendable {
    /// Unicode containment ignoring case: (haystack, needle).
    case containsIgnoringCase
    /// Unicode case folding, for comparing text ignoring case.
    case foldCase
    case upperCase
    /// (text, from, to): every `from` in the text replaced by `to` (SQL's replace, both dialects).
    case replace
    case length, abs, coalesce, nullIf, trim
    /// A value stored in a date column (ISO text on SQLite, a date on PostgreSQL).
    case asDate
    /// (text, start): the text from a 1-based position.
    case substring
    /// (from, to): whole days from one date to another.
    case daysBetween
    /// (date, days): a date some days later; outside the calendar: NULL.
    case addDays
    /// (date, days): the same, failing outside 0001-01-01...9999-12-31.
    case addDaysChecked
    case datePart(SQLDatePart)
    case dateBucket(SQLDateBucket)
    /// (a, b): integer division rounding half away from zero; fails on division by zero.
    case roundedDivide
    /// (date, today): days from today to the next anniversary of the date.
    case daysToAnniversary
    /// (month, day, weekday, week, today): days from today to a holiday's next date (HolidayDate).
    case holidayDays
    /// The largest / smallest of the arguments (NULL when any is NULL).
    case greatest, least
    /// Integer arithmetic that fails on overflow rather than turning to floating point.
    case exact
    /// The current time as the store records it (`updated_at`).
    case now
    /// (table, column index, client id): a per-client value computed in Swift
    /// (FactsTable); only SQLite, where the engine registers it, prints it.
    case computedColumn
    /// A host's function computed in Swift, registered on the connection under a prefixed
    /// name (`HOST_vat`), so that it can never replace an SQL function of the same name.
    case host(String)
    /// A host's function given as SQL text for this dialect: the text's pieces, each argument
    /// (by index) written in parentheses where the host wrote `$n`.
    case hostSQL([HostSQLPiece])
}

/// A piece of a host function's SQL text.
package enum HostSQLPiece: Hashable, Sendable {
    case text(String)
    case argument(Int)
}

extension SQLFunction {
    /// How both dialects write the host's functions.
    func hostCall(_ a: [String]) -> String? {
        switch self {
        case .host(let name): return "HOST_" + name + "(" + a.joined(separator: ", ") + ")"
        case .hostSQL(let pieces):
            return "(" + pieces.map { piece -> String in
                switch piece {
                case .text(let t): return t
                case .argument(let i): return "(" + a[i] + ")"
                }
            }.joined() + ")"
        default: return nil
        }
    }
}

package enum SQLAggregateFunction: Hashable, Sendable {
    case count, sum, min, max
    /// How many rows of the group satisfy a condition (the argument).
    case countWhere
}

/// `ORDER BY` terms.
package struct SQLOrdering: Hashable, Sendable {
    package var expression: SQLExpr
    package var descending: Bool
    package var nullsLast: Bool
    package init(_ expression: SQLExpr, descending: Bool = false, nullsLast: Bool = false) {
        self.expression = expression; self.descending = descending; self.nullsLast = nullsLast
    }
}

package enum SQLWindowFunction: Hashable, Sendable {
    case aggregate(SQLAggregateFunction, SQLExpr?)
    case ntile(Int)
    case rowNumber
    case rank
    /// The value of the row before / after this one in the window's order.
    case lag(SQLExpr)
    case lead(SQLExpr)

    /// The expression the function reads, if any.
    package var argument: SQLExpr? {
        switch self {
        case .aggregate(_, let x): return x
        case .lag(let x), .lead(let x): return x
        case .ntile, .rowNumber, .rank: return nil
        }
    }
}

package struct SQLWindow: Hashable, Sendable {
    package var function: SQLWindowFunction
    package var partitionBy: [SQLExpr]
    package var orderBy: [SQLOrdering]
    /// `RANGE UNBOUNDED PRECEDING` (with an order: peers count as coming first).
    package var rangeUnboundedPreceding: Bool
    /// `ROWS UNBOUNDED PRECEDING`: a running total that adds tied rows one by one.
    package var rowsUnboundedPreceding = false
    package init(_ function: SQLWindowFunction, partitionBy: [SQLExpr] = [], orderBy: [SQLOrdering] = [],
                 rangeUnboundedPreceding: Bool = false, rowsUnboundedPreceding: Bool = false) {
        self.function = function; self.partitionBy = partitionBy; self.orderBy = orderBy
        self.rangeUnboundedPreceding = rangeUnboundedPreceding
        self.rowsUnboundedPreceding = rowsUnboundedPreceding
    }
}

package struct SQLWhen: Hashable, Sendable {
    package var condition: SQLExpr
    package var result: SQLExpr
    package init(_ condition: SQLExpr, _ result: SQLExpr) { self.condition = condition; self.result = result }
}

package indirect enum SQLExpr: Hashable, Sendable {
    /// An unqualified column or output name (`client_id`, `col1`).
    case column(String)
    /// `alias.column`.
    case qualified(String, String)
    /// `alias.*`, or `*` without an alias.
    case star(String?)
    case parameter(SQLParameter)
    /// A constant the planner writes itself (never a user's value: those are parameters).
    case integer(Int64)
    case text(String)
    case null
    case boolean(Bool)
    /// `(x)`: parentheses the planner wants kept.
    case grouped(SQLExpr)
    case unary(SQLUnaryOperator, SQLExpr)
    case binary(SQLBinaryOperator, SQLExpr, SQLExpr)
    /// Terms joined by AND, without parentheses of their own.
    case conjunction([SQLExpr])
    case call(SQLFunction, [SQLExpr])
    case aggregate(SQLAggregateFunction, SQLExpr?, distinct: Bool)
    case window(SQLWindow)
    case caseWhen([SQLWhen], else: SQLExpr?)
    case cast(SQLExpr, SQLType)
    case isNull(SQLExpr, negated: Bool)
    case inList(SQLExpr, [SQLExpr], negated: Bool)
    case inSelect(SQLExpr, SQLSelect, negated: Bool)
    case between(SQLExpr, SQLExpr, SQLExpr, negated: Bool)
    case exists(SQLSelect, negated: Bool)
    case subquery(SQLSelect)
    /// Text in the order of the alphabet, ignoring case.
    case textOrdering(SQLExpr)
    /// A host catalog's field written as SQL over its object's alias (`$` stands for it);
    /// printed as given, in whatever dialect the host wrote it for.
    case catalogTemplate(String, alias: String)
}

extension SQLExpr {
    package static func q(_ alias: String, _ column: String) -> SQLExpr { .qualified(alias, column) }
    package static func call(_ f: SQLFunction, _ args: SQLExpr...) -> SQLExpr { .call(f, args) }
    package static func bin(_ op: SQLBinaryOperator, _ a: SQLExpr, _ b: SQLExpr) -> SQLExpr { .binary(op, a, b) }
    package static func coalesce(_ a: SQLExpr, _ b: SQLExpr) -> SQLExpr { .call(.coalesce, [a, b]) }
    package static func sum(_ x: SQLExpr) -> SQLExpr { .aggregate(.sum, x, distinct: false) }
    package static func count(_ x: SQLExpr? = nil) -> SQLExpr { .aggregate(.count, x, distinct: false) }
    package static func min(_ x: SQLExpr) -> SQLExpr { .aggregate(.min, x, distinct: false) }
    package static func max(_ x: SQLExpr) -> SQLExpr { .aggregate(.max, x, distinct: false) }
    package static func when(_ c: SQLExpr, _ r: SQLExpr, else e: SQLExpr?) -> SQLExpr { .caseWhen([SQLWhen(c, r)], else: e) }
    package var grouped: SQLExpr { .grouped(self) }

    /// `(a) AND (b) AND ...`; past a few dozen conditions (a chain of `let`s, each adding a
    /// where) they are nested in groups, so the expression SQLite parses stays shallow (its
    /// limit is a depth of 1,000) however many there are.
    package static func all(_ conditions: [SQLExpr]) -> SQLExpr {
        let width = 32
        var terms = conditions.map { SQLExpr.grouped($0) }
        while terms.count > width {
            terms = stride(from: 0, to: terms.count, by: width).map {
                .grouped(.conjunction(Array(terms[$0..<Swift.min($0 + width, terms.count)])))
            }
        }
        return terms.count == 1 ? terms[0] : .conjunction(terms)
    }

    /// Integer division by a positive constant, rounding half away from zero, in the engine's
    /// own arithmetic rather than a function call (for expressions evaluated over many rows).
    /// Integer division truncates toward zero, so adding half the divisor (rounded down) to
    /// the magnitude first rounds half away from zero, exactly as `SQLFunction.roundedDivide`.
    package static func roundedDivide(_ a: SQLExpr, byPositive b: Int64) -> SQLExpr {
        precondition(b > 0)
        let half = SQLExpr.integer(b / 2), divisor = SQLExpr.integer(b)
        return .grouped(.caseWhen([SQLWhen(.bin(.greaterOrEqual, .grouped(a), .integer(0)),
                                           .bin(.divide, .grouped(.bin(.plus, .grouped(a), half)), divisor))],
                                  else: .unary(.negate, .grouped(.bin(.divide, .grouped(.bin(.minus, half, .grouped(a))), divisor)))))
    }
}
