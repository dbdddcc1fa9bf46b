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
        switch base {
        case .object(let o, let alias): s += "\nFROM \(o.table) AS \(alias)"
        case .subquery(let sql, let alias): s += "\nFROM (\(sql)) AS \(alias)"
        }
        for j in joins { s += "\n" + j }
        if !wheres.isEmpty { s += "\nWHERE " + wheres.map { "(\($0))" }.joined(separator: " AND ") }
        if let groupBy, !groupBy.isEmpty { s += "\nGROUP BY " + groupBy.joined(separator: ", ") }
        if !orderBy.isEmpty { s += "\nORDER BY " + orderBy.joined(separator: ", ") }
        if let limit { s += "\nLIMIT \(limit)" }
        if offset > 0 { s += (limit == nil ? "\nLIMIT -1" : "") + " OFFSET \(offset)" }
        return s
    }
}
