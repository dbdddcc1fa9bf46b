import Foundation

/// What one statement's SQL tree is built with: its bound values, its common table
/// expressions (each registered once per key) and fresh names.
package final class StatementContext {
    /// Prefix of every fresh name (placeholders, CTEs, aliases), so the SQL of several
    /// contexts can be combined into one statement without clashes.
    package let namespace: String
    private var counter = 0
    private(set) var arguments: [String: SQLValue] = [:]
    /// Bound values in binding order, for `explain`.
    package private(set) var boundInOrder: [(String, Value)] = []

    private enum Body {
        case select(SQLSelect)
        /// `SELECT client_id, <columns> <rest>`, keeping only the columns used.
        case perClient(columns: [(name: String, expression: SQLExpr)], rest: SQLSelect)
    }
    private var registered: [(name: String, body: Body)] = []
    private var names: [CTEKey: String] = [:]
    private var used: [String: Set<String>] = [:]

    package init(namespace: String) { self.namespace = namespace }

    package func freshName(_ prefix: String) -> String {
        counter += 1
        return "\(namespace)\(prefix)\(counter)"
    }

    /// Binds a value and returns its parameter. Values never enter SQL text.
    package func bind(_ v: Value) -> SQLExpr {
        let name = freshName("p")
        let stored = StatementContext.sqlValue(v)
        arguments[name] = stored
        boundInOrder.append((name, v))
        return .parameter(SQLParameter(name: name, value: stored))
    }

    /// The SQL representation of each type: money as minor units, percent as basis points,
    /// decimal as hundredths, dates as ISO text, booleans as 0/1 (`SQLValue.init`).
    package static func sqlValue(_ v: Value) -> SQLValue { SQLValue(v) }

    /// Registers a CTE once per key and returns its name.
    package func cte(key: CTEKey, prefix: String, build: (String) -> SQLSelect) -> String {
        if let name = names[key] { return name }
        let name = freshName(prefix)
        names[key] = name
        // Appended once built: the CTEs it reads (registered while building it) come first.
        let body = build(name)
        registered.append((name, .select(body)))
        return name
    }

    /// Registers a per-client CTE (`SELECT client_id, <columns> <rest>`) once per key; its
    /// select list keeps only the columns marked with `use(_:of:)`.
    package func cte(key: CTEKey, prefix: String, columns: [(name: String, expression: SQLExpr)], rest: () -> SQLSelect) -> String {
        if let name = names[key] { return name }
        let name = freshName(prefix)
        names[key] = name
        let body = rest()
        registered.append((name, .perClient(columns: columns, rest: body)))
        return name
    }

    package func use(_ columns: [String], of cte: String) {
        used[cte, default: []].formUnion(columns)
    }

    /// Registers the rows an object made for a command's result reads (`ObjectDef.table`),
    /// under that name, before any CTE the pipeline adds.
    package func rows(named name: String, _ select: SQLSelect) {
        registered.insert((name, .select(select)), at: 0)
    }

    /// The common table expressions, each aggregating only the columns used.
    package var ctes: [SQLCommonTable] {
        registered.map { entry in
            switch entry.body {
            case .select(let s): return SQLCommonTable(name: entry.name, select: s)
            case .perClient(let all, let rest):
                let wanted = used[entry.name] ?? []
                var columns = all.filter { wanted.contains($0.name) }
                if columns.isEmpty { columns = all }
                var s = rest
                s.columns = [SQLSelectItem(.column("client_id"))] + columns.map { SQLSelectItem($0.expression, as: $0.name) }
                return SQLCommonTable(name: entry.name, select: s)
            }
        }
    }
}

/// What a common table expression computes, so each is registered once per statement.
package enum CTEKey: Hashable {
    case sales(DateRange)
    case discipline(DateRange)
    case firstDeal(CalendarDate)
    case rfm(DateRange)
    case shipment
    case clientModel(ClientModelMeasure, DateRange)
    case duplicates
    case pareto(prefix: String, DateRange, partition: ClientPartition?, classes: [String], bounds: [Int64])
}

/// The statement state, reached through the context as the planner always has.
extension SQLContext {
    package var namespace: String { statement.namespace }
    /// Every value bound in this context, by name (for SQL of several contexts' trees).
    package var arguments: [String: SQLValue] { statement.arguments }
    package var boundInOrder: [(String, Value)] { statement.boundInOrder }
    package var ctes: [SQLCommonTable] { statement.ctes }
    package func freshName(_ prefix: String) -> String { statement.freshName(prefix) }
    package func bind(_ v: Value) -> SQLExpr { statement.bind(v) }
    package func bind(_ date: CalendarDate) -> SQLExpr { statement.bind(.date(date)) }
    package func cte(key: CTEKey, prefix: String, build: (String) -> SQLSelect) -> String {
        statement.cte(key: key, prefix: prefix, build: build)
    }
    package func cte(key: CTEKey, prefix: String, columns: [(name: String, expression: SQLExpr)], rest: () -> SQLSelect) -> String {
        statement.cte(key: key, prefix: prefix, columns: columns, rest: rest)
    }
    package func use(_ columns: [String], of cte: String) { statement.use(columns, of: cte) }
    /// The rows of a command's result, handed over as one bound JSON array of arrays, under
    /// the table name of the object made for them (`CompareClients`).
    package func resultRows(named name: String, json: String, columns: [SQLJSONColumn]) {
        let source = SQLSelect([SQLSelectItem(.star(nil))], from: SQLFrom(.jsonRows(bind(.text(json)), columns: columns), alias: freshName("r")))
        statement.rows(named: name, source)
    }
    /// Every value bound in this context, for SQL printed from its trees in a dialect that
    /// names its placeholders.
    package var namedArguments: SQLArguments { .named(arguments) }

    package static func sqlValue(_ v: Value) -> SQLValue { StatementContext.sqlValue(v) }

    /// A select with the statement's common table expressions before it.
    package func withCTEs(_ select: SQLSelect) -> SQLSelect {
        var s = select
        s.with = ctes + s.with
        return s
    }

    /// The text of a tree in this context's dialect (its parameters are `arguments`).
    package func text(_ select: SQLSelect) throws -> String { try dialect.print(select).text }
    package func text(_ e: SQLExpr) throws -> String { try dialect.print(e).text }
    /// The text of a tree and the values it binds, as the dialect binds them.
    package func statement(_ select: SQLSelect) throws -> (sql: String, arguments: SQLArguments) {
        let printed = try dialect.print(select)
        return (printed.text, printed.arguments(in: dialect))
    }
}
