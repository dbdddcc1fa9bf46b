/// Statement text with its parameters in order of first appearance (a positional dialect
/// binds them in this order; a named one by their names).
package struct PrintedSQL: Sendable {
    package var text: String
    package var parameters: [SQLParameter]
}

package enum SQLDialectError: Error, Equatable, CustomStringConvertible {
    /// The tree uses something the dialect cannot say (a per-client table computed in Swift).
    case unsupported(dialect: String, what: String)
    /// Sub-selects nested deeper than `SQLSelect.maximumNesting`.
    case tooComplex(dialect: String, reason: String)
    package var description: String {
        switch self {
        case .unsupported(let d, let what): return "\(d) cannot express \(what)"
        case .tooComplex(let d, let reason):
            return "this query is too complex for \(d) to run (\(reason)); use fewer stages, columns or conditions"
        }
    }
}

extension SQLSelect {
    /// Whether an ORDER BY term collates one of the select's output columns by its name.
    func collatesOutputColumn(_ o: SQLOrdering) -> Bool {
        guard case .textOrdering(.column(let name)) = o.expression else { return false }
        return columns.contains { $0.alias == name }
    }

    /// How deep sub-selects may nest. SQLite's parser gives up at about a dozen levels, so
    /// this refuses nothing it could run; it keeps the planner and the printer (which recurse
    /// once per level) far from the end of the stack, however many stages a script chains.
    package static let maximumNesting = 100
}

/// How one SQL engine spells the semantic parts of the tree; `SQLPrinter` does the rest,
/// which is the same for every dialect.
package protocol SQLDialect: Sendable {
    var name: String { get }
    /// The placeholder of a parameter, given its 1-based position among the statement's.
    func placeholder(_ parameter: SQLParameter, position: Int) -> String
    /// Whether values bind by position (`$1`) rather than by name (`:p1`).
    var bindsByPosition: Bool { get }
    /// A call, its arguments already printed.
    func function(_ f: SQLFunction, _ arguments: [String]) throws -> String
    /// How many rows satisfy a condition (printed), in an aggregate.
    func countWhere(_ condition: String) -> String
    func boolean(_ b: Bool) -> String
    func textOrdering(_ x: String) -> String
    /// `LIMIT` with only an `OFFSET`.
    var unlimited: String { get }
    /// A suffix that makes a table read in storage order, if the dialect can say it.
    var notIndexed: String? { get }
    /// A join whose order the planner keeps (SQLite's CROSS JOIN).
    var orderedJoin: String { get }
    /// What the dialect's server says of a query nested too deeply (`SQLSelect.maximumNesting`).
    var nestingRefusal: String { get }
    /// Whether ORDER BY may use an output column's name only bare (not inside an expression
    /// such as `col1 COLLATE ...`); the printer then writes the column's expression there.
    var ordersByBareOutputNamesOnly: Bool { get }
    /// Whether a sub-select in FROM needs an alias (the planner names it only when it reads
    /// its columns qualified); the printer then makes one up.
    var aliasesSubqueries: Bool { get }
    func computedTable(_ parameter: String) throws -> String
    /// A SELECT of the rows of a bound JSON array of arrays, one typed column per element
    /// (`SQLSource.jsonRows`).
    func jsonRows(_ parameter: String, _ columns: [SQLJSONColumn]) -> String
    /// What follows an `INSERT` so that the store can tell the id of the row it added
    /// (`StoreTransaction.lastInsertedRowID`): PostgreSQL's `RETURNING id`; nothing for
    /// SQLite, whose connection knows its last rowid.
    var insertReturningID: String? { get }
    /// Whether classes ranked over the whole base (ABC by share, importance, RFM quintiles)
    /// come from the store's own functions, computed over every client whoever asks (the
    /// team store: row-level security would rank a curator's clients only), rather than
    /// from window queries over what the statement sees.
    var ranksCompanyWide: Bool { get }
    /// Whether the database groups by hashing (PostgreSQL's HashAggregate), so a final
    /// `group` is left to its GROUP BY rather than grouped in memory (GroupInMemory, made
    /// for SQLite, which sorts every row to group them): the rows then never leave the server.
    var groupsByHash: Bool { get }
}

extension SQLDialect {
    package var bindsByPosition: Bool { false }
    package var insertReturningID: String? { nil }
}

extension SQLDialect {
    package func print(_ select: SQLSelect) throws -> PrintedSQL {
        var p = SQLPrinter(dialect: self)
        let text = try p.select(select)
        return PrintedSQL(text: text, parameters: p.parameters)
    }

    package func print(_ e: SQLExpr) throws -> PrintedSQL {
        var p = SQLPrinter(dialect: self)
        let text = try p.expr(e)
        return PrintedSQL(text: text, parameters: p.parameters)
    }

    package func print(_ m: SQLMutation) throws -> PrintedSQL {
        var p = SQLPrinter(dialect: self)
        let text = try p.mutation(m)
        return PrintedSQL(text: text, parameters: p.parameters)
    }
}

/// Walks a tree once, printing it in a dialect and numbering its parameters.
package struct SQLPrinter {
    let dialect: SQLDialect
    private(set) var parameters: [SQLParameter] = []
    private var positions: [String: Int] = [:]
    private var subqueries = 0
    private var depth = 0

    package init(dialect: SQLDialect) { self.dialect = dialect }

    mutating func placeholder(_ p: SQLParameter) -> String {
        if let position = positions[p.name] { return dialect.placeholder(p, position: position) }
        parameters.append(p)
        positions[p.name] = parameters.count
        return dialect.placeholder(p, position: parameters.count)
    }

    package mutating func select(_ s: SQLSelect) throws -> String {
        depth += 1
        defer { depth -= 1 }
        if depth > SQLSelect.maximumNesting { throw SQLDialectError.tooComplex(dialect: dialect.name, reason: dialect.nestingRefusal) }
        if dialect.ordersByBareOutputNamesOnly, s.distinct, s.orderBy.contains(where: { s.collatesOutputColumn($0) }) {
            // DISTINCT rows may be ordered only by what they select: order the distinct rows outside.
            var inner = s
            inner.with = []; inner.orderBy = []; inner.limit = nil; inner.offset = 0
            var outer = SQLSelect([SQLSelectItem(.star(nil))], from: SQLFrom(.select(inner)), orderBy: s.orderBy, layout: s.layout)
            outer.with = s.with; outer.limit = s.limit; outer.offset = s.offset
            return try select(outer)
        }
        var out = ""
        if !s.with.isEmpty {
            out += "WITH " + (try s.with.map { t in
                t.name + (t.materialized ? " AS MATERIALIZED (" : " AS (") + (try select(t.select)) + ")"
            }).joined(separator: ",\n     ") + "\n"
        }
        let sep = s.layout == .lines ? "\n" : " "
        out += "SELECT " + (s.distinct ? "DISTINCT " : "")
        out += try s.columns.map { item in try expr(item.expression) + (item.alias.map { " AS " + $0 } ?? "") }.joined(separator: ", ")
        if let from = s.from { out += sep + "FROM " + (try self.from(from)) }
        for j in s.joins {
            switch j.kind {
            case .inner: out += sep + "JOIN " + (try from(j.from)) + " ON " + (try expr(j.on))
            case .left: out += sep + "LEFT JOIN " + (try from(j.from)) + " ON " + (try expr(j.on))
            case .ordered: out += sep + dialect.orderedJoin + " " + (try from(j.from)) + " ON " + (try expr(j.on))
            case .comma: out += ", " + (try from(j.from))
            }
        }
        if let filter = s.filter { out += sep + "WHERE " + (try expr(filter)) }
        if !s.groupBy.isEmpty { out += sep + "GROUP BY " + (try s.groupBy.map { try expr($0) }.joined(separator: ", ")) }
        if !s.orderBy.isEmpty {
            var terms = s.orderBy
            if dialect.ordersByBareOutputNamesOnly {
                let named = Dictionary(s.columns.compactMap { c in c.alias.map { ($0, c.expression) } }, uniquingKeysWith: { a, _ in a })
                terms = terms.map { o in
                    guard s.collatesOutputColumn(o), case .textOrdering(.column(let name)) = o.expression, let e = named[name] else { return o }
                    return SQLOrdering(.textOrdering(e), descending: o.descending, nullsLast: o.nullsLast)
                }
            }
            out += sep + "ORDER BY " + (try orderings(terms))
        }
        if let limit = s.limit { out += sep + "LIMIT \(limit)" }
        if s.offset > 0 { out += (s.limit == nil ? sep + dialect.unlimited : "") + " OFFSET \(s.offset)" }
        return out
    }

    mutating func from(_ f: SQLFrom) throws -> String {
        var out: String
        switch f.source {
        case .table(let name): out = name
        case .select(let s): out = "(" + (try select(s)) + ")"
        case .computedTable(let e): out = try dialect.computedTable(try expr(e))
        case .jsonRows(let e, let columns): out = "(" + dialect.jsonRows(try expr(e), columns) + ")"
        case .function(let name, let arguments): out = name + "(" + (try arguments.map { try expr($0) }.joined(separator: ", ")) + ")"
        }
        if let alias = f.alias {
            out += (f.explicitAs ? " AS " : " ") + alias
        } else if case .select = f.source, dialect.aliasesSubqueries {
            subqueries += 1
            out += " AS subquery\(subqueries)"
        }
        if f.notIndexed, let suffix = dialect.notIndexed { out += " " + suffix }
        return out
    }

    mutating func orderings(_ terms: [SQLOrdering]) throws -> String {
        try terms.map { o in
            try expr(o.expression) + (o.descending ? " DESC" : "") + (o.nullsLast ? " NULLS LAST" : "")
        }.joined(separator: ", ")
    }

    package mutating func expr(_ e: SQLExpr) throws -> String {
        switch e {
        case .column(let c): return c
        case .qualified(let a, let c): return a + "." + c
        case .star(let a): return a.map { $0 + ".*" } ?? "*"
        case .parameter(let p): return placeholder(p)
        case .integer(let i): return String(i)
        case .text(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .null: return "NULL"
        case .boolean(let b): return dialect.boolean(b)
        case .grouped(let x): return "(" + (try expr(x)) + ")"
        case .unary(.not, let x): return "NOT " + (try expr(x))
        case .unary(.negate, let x): return "-" + (try expr(x))
        case .binary(let op, let a, let b): return try expr(a) + " " + op.rawValue + " " + (try expr(b))
        case .conjunction(let terms): return try terms.map { try expr($0) }.joined(separator: " AND ")
        case .call(let f, let args): return try dialect.function(f, try args.map { try expr($0) })
        case .aggregate(let f, let x, let distinct): return try aggregate(f, x, distinct: distinct)
        case .window(let w): return try window(w)
        case .caseWhen(let whens, let otherwise):
            var out = "CASE"
            for w in whens { out += " WHEN " + (try expr(w.condition)) + " THEN " + (try expr(w.result)) }
            if let otherwise { out += " ELSE " + (try expr(otherwise)) }
            return out + " END"
        case .cast(let x, let t): return "CAST(" + (try expr(x)) + (t == .integer ? " AS INTEGER)" : " AS TEXT)")
        case .isNull(let x, let negated): return try expr(x) + (negated ? " IS NOT NULL" : " IS NULL")
        case .inList(let x, let items, let negated):
            return try expr(x) + (negated ? " NOT IN (" : " IN (") + (try items.map { try expr($0) }.joined(separator: ", ")) + ")"
        case .inSelect(let x, let s, let negated):
            return try expr(x) + (negated ? " NOT IN (" : " IN (") + (try select(s)) + ")"
        case .between(let x, let lo, let hi, let negated):
            return try expr(x) + (negated ? " NOT BETWEEN " : " BETWEEN ") + (try expr(lo)) + " AND " + (try expr(hi))
        case .exists(let s, let negated): return (negated ? "NOT EXISTS (" : "EXISTS (") + (try select(s)) + ")"
        case .subquery(let s): return "(" + (try select(s)) + ")"
        case .textOrdering(let x): return dialect.textOrdering(try expr(x))
        case .catalogTemplate(let template, let alias): return template.replacingOccurrences(of: "$", with: alias)
        }
    }

    mutating func aggregate(_ f: SQLAggregateFunction, _ x: SQLExpr?, distinct: Bool) throws -> String {
        guard let x else { return "COUNT(*)" }
        let arg = (distinct ? "DISTINCT " : "") + (try expr(x))
        switch f {
        case .count: return "COUNT(\(arg))"
        case .sum: return "SUM(\(arg))"
        case .min: return "MIN(\(arg))"
        case .max: return "MAX(\(arg))"
        case .countWhere: return dialect.countWhere(arg)
        }
    }

    mutating func window(_ w: SQLWindow) throws -> String {
        var out: String
        switch w.function {
        case .aggregate(let f, let x): out = try aggregate(f, x, distinct: false)
        case .ntile(let n): out = "NTILE(\(n))"
        case .rowNumber: out = "ROW_NUMBER()"
        case .rank: out = "RANK()"
        case .lag(let x): out = "LAG(" + (try expr(x)) + ")"
        case .lead(let x): out = "LEAD(" + (try expr(x)) + ")"
        }
        var over: [String] = []
        if !w.partitionBy.isEmpty { over.append("PARTITION BY " + (try w.partitionBy.map { try expr($0) }.joined(separator: ", "))) }
        if !w.orderBy.isEmpty { over.append("ORDER BY " + (try orderings(w.orderBy))) }
        if w.rangeUnboundedPreceding { over.append("RANGE UNBOUNDED PRECEDING") }
        if w.rowsUnboundedPreceding { over.append("ROWS UNBOUNDED PRECEDING") }
        return out + " OVER (" + over.joined(separator: " ") + ")"
    }

    package mutating func mutation(_ m: SQLMutation) throws -> String {
        switch m {
        case .insert(let table, let columns, let values):
            return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (" + (try values.map { try expr($0) }.joined(separator: ", ")) + ")"
                + (dialect.insertReturningID.map { " " + $0 } ?? "")
        case .update(let table, let alias, let set, let condition):
            return "UPDATE \(table) AS \(alias) SET " + (try set.map { "\($0.column) = " + (try expr($0.value)) }.joined(separator: ", "))
                + " WHERE " + (try expr(condition))
        case .delete(let table, let condition):
            return "DELETE FROM \(table) WHERE " + (try expr(condition))
        }
    }
}
