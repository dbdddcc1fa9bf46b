/// One SELECT under construction. Stages add clauses; a stage that cannot be added to
/// the current SELECT (a where after a take, a select after a group) seals it into a
/// subquery first.
package struct SelectBuilder {
    package enum Base {
        /// Rows of an object: `clients AS c1`.
        case object(ObjectDef, alias: String)
        /// Rows of a sealed subquery with named columns.
        case subquery(SQLSelect, alias: String)
    }

    package var base: Base
    package var joins: [SQLJoin] = []
    package var joinAliases: [String: String] = [:]
    package var wheres: [SQLExpr] = []
    package var groupBy: [SQLExpr]?
    package var projection: [(sqlName: String, sql: SQLExpr)]?
    package var orderBy: [SQLOrdering] = []
    package var limit: Int64?
    package var offset: Int64 = 0
    package var distinct = false
    /// Sort keys as typed expressions, re-applied when an object query is sealed.
    package var objectSortKeys: [(TypedExpr, descending: Bool)] = []
    /// Per-client tables joined to the object rows (`ClientMeasures.joinCTE`): alias → table.
    package var clientTables: [String: String] = [:]
    /// The per-client table the last compiled field came from.
    package var lastClientTable: String?
    /// The per-client table of each field of the object rows compiled so far (`fieldKey`).
    package var fieldClientTables: [String: String] = [:]
    /// Per-client tables a where condition requires a row in (`where rfm != null`,
    /// `where turnover > 1000`).
    package var requiredClientTables: [String] = []
    /// The order of the rows of the sealed subquery this select reads (for window functions).
    package var sealedOrder: [SQLOrdering] = []
    /// How many selects this one is nested in (sealed stages, correlated subqueries).
    package var nesting = 0

    package static func fieldKey(_ path: FieldPath) -> String {
        "\(path.field.name) \(path.period.map { String(describing: $0) } ?? "-")"
    }

    package init(object: ObjectDef, context: SQLContext) {
        base = .object(object, alias: context.freshName(String(object.name.prefix(1))))
    }

    /// Rows of a sealed subquery.
    package init(subquery: SQLSelect, alias: String) {
        base = .subquery(subquery, alias: alias)
    }

    /// Refuses a select nested past `SQLSelect.maximumNesting` before its tree grows deeper.
    package func nested(_ context: SQLContext) throws -> Int {
        guard nesting < SQLSelect.maximumNesting else {
            throw SQLDialectError.tooComplex(dialect: context.dialect.name, reason: context.dialect.nestingRefusal)
        }
        return nesting + 1
    }

    package var objectAlias: String? { if case .object(_, let a) = base { return a } else { return nil } }
    package var object: ObjectDef? { if case .object(let o, _) = base { return o } else { return nil } }

    /// Adds a join once per key and returns the alias.
    package mutating func join(key: String, build: (String) -> SQLJoin, context: SQLContext, prefix: String) -> String {
        if let a = joinAliases[key] { return a }
        let alias = context.freshName(prefix)
        joinAliases[key] = alias
        joins.append(build(alias))
        return alias
    }

    /// Object rows come in the order of the object's key (its id; settings by key) where the
    /// pipeline does not sort them, and rows a sort leaves tied keep that order, so that every
    /// store returns the same rows in the same order, and a `take` keeps the same rows.
    /// SQLite reads a table in rowid order anyway (the key last costs it nothing on a scan of
    /// the table, and one more sort key where it sorts); PostgreSQL returns rows in the order
    /// its plan makes them. Grouped and distinct rows are ordered by their own columns.
    package mutating func orderByKeyLast() {
        guard !distinct, groupBy == nil, let key = objectKey() else { return }
        if orderBy.contains(where: { $0.expression == key }) { return }
        orderBy.append(SQLOrdering(key))
    }

    /// The key of the object rows: the id (settings: their key).
    package func objectKey() -> SQLExpr? {
        guard let alias = objectAlias, let object else { return nil }
        if let id = object.field("id") {
            if case .column(let column) = id.kind { return .q(alias, column) }
            return .q(alias, "id")
        }
        if case .column(let column)? = object.fields.first?.kind { return .textOrdering(.q(alias, column)) }
        return nil
    }

    /// The SELECT, without the statement's common table expressions.
    package func select() -> SQLSelect {
        var columns: [SQLSelectItem]
        if let projection {
            columns = projection.map { SQLSelectItem($0.sql, as: $0.sqlName) }
        } else {
            columns = [SQLSelectItem(.star(objectAlias))]
        }
        var joins = self.joins
        var wheres = self.wheres
        let from: SQLFrom
        switch base {
        case .object(let o, let alias):
            if let (table, driver, rest) = clientRowsFromTable(alias: alias) {
                from = .table(table, driver)
                joins = rest
            } else {
                from = .table(o.table, alias)
                // The join condition again in WHERE tells SQLite the row is required (its
                // LEFT JOIN becomes a join), so it may start from the table.
                for j in requiredClientTables where clientTables[j] != nil { wheres.append(.bin(.equal, .q(j, "client_id"), .q(alias, "id"))) }
            }
        case .subquery(let sql, let alias): from = SQLFrom(.select(sql), alias: alias)
        }
        var s = SQLSelect(columns, from: from, joins: joins, where: wheres.isEmpty ? nil : SQLExpr.all(wheres),
                          groupBy: groupBy ?? [], orderBy: orderBy, layout: .lines)
        s.distinct = distinct
        s.limit = limit
        s.offset = offset
        return s
    }

    /// A join of a per-client table on the client at `client`.
    package static func clientJoin(_ table: String, alias: String, client: SQLExpr) -> SQLJoin {
        SQLJoin(.left, .table(table, alias), on: .bin(.equal, .q(alias, "client_id"), client))
    }

    /// A grouped query over clients that must have a row in a per-client table, and uses no
    /// client column but the id it joins on, reads that table instead of joining it to
    /// clients: each of its rows belongs to exactly one existing client (client_id is NOT NULL
    /// and references clients), so the rows are the same; SQLite would otherwise look every
    /// one of them up in clients. Returns the table, its alias and the remaining joins (those
    /// on the client id now on the table's client_id), or nil to keep the join.
    package func clientRowsFromTable(alias a: String) -> (String, String, [SQLJoin])? {
        guard groupBy != nil, object?.table == "clients",
              let driver = requiredClientTables.first(where: { clientTables[$0] != nil }),
              let table = clientTables[driver] else { return nil }
        let onClient = { (j: String) -> SQLJoin? in
            self.clientTables[j].map { SelectBuilder.clientJoin($0, alias: j, client: .q(a, "id")) }
        }
        var rest: [SQLJoin] = []
        for join in joins {
            if join == onClient(driver) { continue }
            if let j = clientTables.keys.first(where: { onClient($0) == join }), let t = clientTables[j] {
                rest.append(SelectBuilder.clientJoin(t, alias: j, client: .q(driver, "client_id")))
            } else {
                rest.append(join)
            }
        }
        // No other use of the client alias (a column, a hop, a correlated subquery).
        let others = SQLSelect((projection ?? []).map { SQLSelectItem($0.sql) }, joins: rest,
                               where: wheres.isEmpty ? nil : .conjunction(wheres), groupBy: groupBy ?? [], orderBy: orderBy)
        guard !others.mentions(alias: a) else { return nil }
        return (table, driver, rest)
    }
}
