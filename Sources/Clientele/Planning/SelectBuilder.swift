import ClienteleCore

/// One SELECT under construction. Stages add clauses; a stage that cannot be added to
/// the current SELECT (a where after a take, a select after a group) seals it into a
/// subquery first.
struct SelectBuilder {
    enum Base {
        /// Rows of an object: `clients AS c1`.
        case object(ObjectDef, alias: String)
        /// Rows of a sealed subquery with named columns.
        case subquery(sql: String, alias: String)
    }

    var base: Base
    var joins: [String] = []
    var joinAliases: [String: String] = [:]
    var wheres: [String] = []
    var groupBy: [String]?
    var projection: [(sqlName: String, sql: String)]?
    var orderBy: [String] = []
    var limit: Int64?
    var offset: Int64 = 0
    var distinct = false
    /// Sort keys as typed expressions, re-applied when an object query is sealed.
    var objectSortKeys: [(TypedExpr, descending: Bool)] = []
    /// Per-client tables joined to the object rows (`ClientMeasures.joinCTE`): alias → table.
    var clientTables: [String: String] = [:]
    /// The per-client table the last compiled field came from.
    var lastClientTable: String?
    /// The per-client table of each field of the object rows compiled so far (`fieldKey`).
    var fieldClientTables: [String: String] = [:]
    /// Per-client tables a where condition requires a row in (`where rfm != null`,
    /// `where turnover > 1000`).
    var requiredClientTables: [String] = []

    static func fieldKey(_ path: FieldPath) -> String {
        "\(path.field.name) \(path.period.map { String(describing: $0) } ?? "-")"
    }

    init(object: ObjectDef, context: SQLContext) {
        base = .object(object, alias: context.freshName(String(object.name.prefix(1))))
    }

    /// Rows of a sealed subquery.
    init(subquery sql: String, alias: String) {
        base = .subquery(sql: sql, alias: alias)
    }

    var objectAlias: String? { if case .object(_, let a) = base { return a } else { return nil } }
    var object: ObjectDef? { if case .object(let o, _) = base { return o } else { return nil } }

    /// Adds a join once per key and returns the alias.
    mutating func join(key: String, build: (String) -> String, context: SQLContext, prefix: String) -> String {
        if let a = joinAliases[key] { return a }
        let alias = context.freshName(prefix)
        joinAliases[key] = alias
        joins.append(build(alias))
        return alias
    }

    func sql(_ context: SQLContext) -> String {
        var s = "SELECT " + (distinct ? "DISTINCT " : "")
        if let projection {
            s += projection.map { "\($0.sql) AS \($0.sqlName)" }.joined(separator: ", ")
        } else if let a = objectAlias {
            s += "\(a).*"
        } else {
            s += "*"
        }
        var joins = self.joins
        var wheres = self.wheres
        switch base {
        case .object(let o, let alias):
            if let (table, driver, rest) = clientRowsFromTable(alias: alias) {
                s += "\nFROM \(table) AS \(driver)"
                joins = rest
            } else {
                s += "\nFROM \(o.table) AS \(alias)"
                // The join condition again in WHERE tells SQLite the row is required (its
                // LEFT JOIN becomes a join), so it may start from the table.
                for j in requiredClientTables where clientTables[j] != nil { wheres.append("\(j).client_id = \(alias).id") }
            }
        case .subquery(let sql, let alias): s += "\nFROM (\(sql)) AS \(alias)"
        }
        for j in joins { s += "\n" + j }
        if !wheres.isEmpty { s += "\nWHERE " + SelectBuilder.conjunction(wheres) }
        if let groupBy, !groupBy.isEmpty { s += "\nGROUP BY " + groupBy.joined(separator: ", ") }
        if !orderBy.isEmpty { s += "\nORDER BY " + orderBy.joined(separator: ", ") }
        if let limit { s += "\nLIMIT \(limit)" }
        if offset > 0 { s += (limit == nil ? "\nLIMIT -1" : "") + " OFFSET \(offset)" }
        return s
    }

    /// `(a) AND (b) AND ...`; past a few dozen conditions (a chain of `let`s, each adding a
    /// where) they are nested in groups, so the expression SQLite parses stays shallow
    /// (its limit is a depth of 1,000) however many there are.
    static func conjunction(_ conditions: [String]) -> String {
        let width = 32
        var terms = conditions.map { "(\($0))" }
        while terms.count > width {
            terms = stride(from: 0, to: terms.count, by: width).map {
                "(" + terms[$0..<min($0 + width, terms.count)].joined(separator: " AND ") + ")"
            }
        }
        return terms.joined(separator: " AND ")
    }

    /// A grouped query over clients that must have a row in a per-client table, and uses no
    /// client column but the id it joins on, reads that table instead of joining it to
    /// clients: each of its rows belongs to exactly one existing client (client_id is NOT NULL
    /// and references clients), so the rows are the same; SQLite would otherwise look every
    /// one of them up in clients. Returns the table, its alias and the remaining joins (those
    /// on the client id now on the table's client_id), or nil to keep the join.
    func clientRowsFromTable(alias a: String) -> (String, String, [String])? {
        guard groupBy != nil, object?.table == "clients",
              let driver = requiredClientTables.first(where: { clientTables[$0] != nil }),
              let table = clientTables[driver] else { return nil }
        let onClient = { (j: String) in "LEFT JOIN \(self.clientTables[j]!) AS \(j) ON \(j).client_id = \(a).id" }
        var rest: [String] = []
        for join in joins {
            if join == onClient(driver) { continue }
            if let j = clientTables.keys.first(where: { onClient($0) == join }) {
                rest.append("LEFT JOIN \(clientTables[j]!) AS \(j) ON \(j).client_id = \(driver).client_id")
            } else {
                rest.append(join)
            }
        }
        // No other use of the client alias (a column, a hop, a correlated subquery).
        let others = (projection ?? []).map(\.sql) + wheres + (groupBy ?? []) + orderBy + rest
        guard !others.contains(where: { SelectBuilder.mentions($0, alias: a) }) else { return nil }
        return (table, driver, rest)
    }

    /// Whether SQL text uses `alias.` (not as the tail of a longer name such as `xc1.`).
    static func mentions(_ sql: String, alias: String) -> Bool {
        var search = sql[...]
        while let r = search.range(of: alias + ".") {
            if r.lowerBound == sql.startIndex { return true }
            let before = sql[sql.index(before: r.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_") { return true }
            search = sql[r.upperBound...]
        }
        return false
    }
}
