/// SELECT, its sources and common table expressions, and the INSERT / UPDATE / DELETE forms
/// the mutations need.

/// Where rows come from: a table, a sub-select, or a table-valued function.
package indirect enum SQLSource: Hashable, Sendable {
    case table(String)
    case select(SQLSelect)
    /// The rows of a per-client table computed in Swift (FactsTable), by its parameter;
    /// only SQLite, where the engine registers it, prints it.
    case computedTable(SQLExpr)
    /// Rows handed over as one bound JSON array of arrays (a command's result that a
    /// pipeline continues, e.g. `compare ... clients | where ...`): each row an array of
    /// values as the store holds them (SQLValue), read as typed columns by the dialect.
    case jsonRows(SQLExpr, columns: [SQLJSONColumn])
    /// The rows of a set-returning function of the store (`name(arguments)`): on PostgreSQL
    /// the company-wide ranks (`SQLDialect.ranksCompanyWide`).
    case function(String, [SQLExpr])
}

/// A column of `SQLSource.jsonRows`: its name and what it holds, for the dialect's cast.
package struct SQLJSONColumn: Hashable, Sendable {
    package enum Kind: Hashable, Sendable { case integer, text, date, boolean }
    package var name: String
    package var kind: Kind
    package init(_ name: String, _ kind: Kind) { self.name = name; self.kind = kind }
}

/// A source with its alias: `orders AS o`, `orders o` (`explicitAs` false), `(SELECT ...)`.
package struct SQLFrom: Hashable, Sendable {
    package var source: SQLSource
    package var alias: String?
    package var explicitAs: Bool
    /// SQLite's `NOT INDEXED`: read the table in storage order (other dialects ignore it).
    package var notIndexed: Bool
    package init(_ source: SQLSource, alias: String? = nil, explicitAs: Bool = true, notIndexed: Bool = false) {
        self.source = source; self.alias = alias; self.explicitAs = explicitAs; self.notIndexed = notIndexed
    }
    package static func table(_ name: String, _ alias: String? = nil, explicitAs: Bool = true) -> SQLFrom {
        SQLFrom(.table(name), alias: alias, explicitAs: explicitAs)
    }
}

package struct SQLJoin: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
        case inner, left
        /// SQLite's CROSS JOIN: an inner join whose order the planner keeps.
        case ordered
        /// `a, b`: every pair of rows (its condition is ignored; say it in WHERE).
        case comma
    }
    package var kind: Kind
    package var from: SQLFrom
    package var on: SQLExpr
    package init(_ kind: Kind, _ from: SQLFrom, on: SQLExpr) { self.kind = kind; self.from = from; self.on = on }
}

package struct SQLSelectItem: Hashable, Sendable {
    package var expression: SQLExpr
    package var alias: String?
    package init(_ expression: SQLExpr, as alias: String? = nil) { self.expression = expression; self.alias = alias }
}

package struct SQLCommonTable: Hashable, Sendable {
    package var name: String
    package var select: SQLSelect
    package var materialized: Bool
    package init(name: String, select: SQLSelect, materialized: Bool = false) {
        self.name = name; self.select = select; self.materialized = materialized
    }
}

package struct SQLSelect: Hashable, Sendable {
    /// Clauses on lines of their own (the planner's statements) or on one line (the common
    /// table expressions). Only the text differs.
    package enum Layout: Hashable, Sendable { case lines, inline }

    package var with: [SQLCommonTable] = []
    package var distinct = false
    package var columns: [SQLSelectItem]
    package var from: SQLFrom?
    package var joins: [SQLJoin] = []
    package var filter: SQLExpr?
    package var groupBy: [SQLExpr] = []
    package var orderBy: [SQLOrdering] = []
    package var limit: Int64?
    package var offset: Int64 = 0
    package var layout: Layout = .inline

    package init(_ columns: [SQLSelectItem], from: SQLFrom? = nil, joins: [SQLJoin] = [], where filter: SQLExpr? = nil,
                 groupBy: [SQLExpr] = [], orderBy: [SQLOrdering] = [], layout: Layout = .inline) {
        self.columns = columns; self.from = from; self.joins = joins; self.filter = filter
        self.groupBy = groupBy; self.orderBy = orderBy; self.layout = layout
    }

    /// Whether any part of the select (not its common tables) names `alias.something`.
    package func mentions(alias: String) -> Bool {
        var found = false
        visitExpressions { if !found, $0.mentions(alias: alias) { found = true } }
        return found
    }

    func visitExpressions(_ visit: (SQLExpr) -> Void) {
        columns.forEach { visit($0.expression) }
        if let from { from.visitExpressions(visit) }
        for j in joins { j.from.visitExpressions(visit); visit(j.on) }
        if let filter { visit(filter) }
        groupBy.forEach(visit)
        orderBy.forEach { visit($0.expression) }
    }
}

extension SQLFrom {
    func visitExpressions(_ visit: (SQLExpr) -> Void) {
        switch source {
        case .table: break
        case .select(let s): s.visitExpressions(visit)
        case .computedTable(let e), .jsonRows(let e, _): visit(e)
        case .function(_, let arguments): arguments.forEach(visit)
        }
    }
}

extension SQLExpr {
    /// Whether the expression names `alias.something` (in a sub-select too).
    package func mentions(alias: String) -> Bool {
        switch self {
        case .qualified(let a, _): return a == alias
        case .star(let a): return a == alias
        case .catalogTemplate(_, let a): return a == alias
        case .column, .parameter, .integer, .text, .null, .boolean: return false
        case .grouped(let x), .unary(_, let x), .cast(let x, _), .isNull(let x, _), .textOrdering(let x):
            return x.mentions(alias: alias)
        case .binary(_, let a, let b): return a.mentions(alias: alias) || b.mentions(alias: alias)
        case .conjunction(let xs), .call(_, let xs): return xs.contains { $0.mentions(alias: alias) }
        case .aggregate(_, let x, _): return x?.mentions(alias: alias) ?? false
        case .window(let w):
            if let x = w.function.argument, x.mentions(alias: alias) { return true }
            return w.partitionBy.contains { $0.mentions(alias: alias) } || w.orderBy.contains { $0.expression.mentions(alias: alias) }
        case .caseWhen(let whens, let e):
            return whens.contains { $0.condition.mentions(alias: alias) || $0.result.mentions(alias: alias) }
                || (e?.mentions(alias: alias) ?? false)
        case .inList(let x, let items, _): return x.mentions(alias: alias) || items.contains { $0.mentions(alias: alias) }
        case .inSelect(let x, let s, _): return x.mentions(alias: alias) || s.mentions(alias: alias)
        case .between(let x, let a, let b, _): return [x, a, b].contains { $0.mentions(alias: alias) }
        case .exists(let s, _), .subquery(let s): return s.mentions(alias: alias)
        }
    }
}

/// The statements of `add`, `update` and `delete`.
package enum SQLMutation: Hashable, Sendable {
    /// `INSERT INTO table (columns) VALUES (values)`.
    case insert(table: String, columns: [String], values: [SQLExpr])
    /// `UPDATE table AS alias SET column = value, ... WHERE condition`.
    case update(table: String, alias: String, set: [SQLAssignment], where: SQLExpr)
    case delete(table: String, where: SQLExpr)
}

package struct SQLAssignment: Hashable, Sendable {
    package var column: String
    package var value: SQLExpr
    package init(_ column: String, _ value: SQLExpr) { self.column = column; self.value = value }
}
