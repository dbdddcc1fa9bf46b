/// A checked pipeline to one SQL statement.
package struct CompiledQuery {
    /// The statement as a tree, and its text in the context's dialect.
    package var select: SQLSelect
    package var sql: String
    /// The values `sql` binds, as the context's dialect binds them.
    package var arguments: SQLArguments
    package var context: SQLContext
    package var columns: [OutputColumn]
    /// Set when the rows of `sql` are to be grouped in memory (GroupInMemory).
    package var grouping: GroupInMemory? = nil
}

package struct PipelineCompiler {
    package let context: SQLContext
    package init(context: SQLContext) { self.context = context }

    /// The rows of the pipeline as one SELECT (with its CTEs).
    package func compile(_ p: CheckedPipeline) throws -> CompiledQuery {
        if context.groupsInMemory, !context.dialect.groupsByHash, let grouped = try compileGroupInMemory(p) { return grouped }
        var q = try build(p.stages, object: p.object)
        if p.shape != .count { q.orderByKeyLast() }
        var select = q.select()
        if p.shape == .count { select = SQLSelect([SQLSelectItem(.count(), as: "col1")], from: SQLFrom(.select(select))) }
        let columns = p.shape == .count ? [OutputColumn(name: "count", type: .integer)] : p.columns
        select = context.withCTEs(select)
        let (sql, arguments) = try context.statement(select)
        return CompiledQuery(select: select, sql: sql, arguments: arguments, context: context, columns: columns)
    }

    /// The ids of the object rows a pipeline selects (for update and delete).
    package func compileRowIDs(_ p: CheckedPipeline) throws -> SQLSelect {
        var stages = p.stages
        if case .select? = stages.last { stages.removeLast() }
        var q = try build(stages, object: p.object)
        // Which rows a take or skip keeps depends on their order: tied rows in key order.
        if q.limit != nil || q.offset > 0 { q.orderByKeyLast() }
        q.projection = [("id", .q(q.objectAlias!, "id"))]
        return context.withCTEs(q.select())
    }

    package func build(_ stages: [CheckedStage], object: ObjectDef) throws -> SelectBuilder {
        var q = SelectBuilder(object: object, context: context)
        let ex = ExpressionCompiler(context: context)
        for stage in stages {
            switch stage {
            case .filter(let e):
                if q.limit != nil || q.offset > 0 || q.distinct || q.groupBy != nil || q.projection != nil {
                    q = try seal(q)
                }
                q.wheres.append(try ex.compile(e, in: &q))
                for c in PipelineCompiler.conjuncts(e) {
                    if let path = PipelineCompiler.fieldNeedingRow(c), let table = q.fieldClientTables[SelectBuilder.fieldKey(path)],
                       !q.requiredClientTables.contains(table) {
                        q.requiredClientTables.append(table)
                    }
                }
            case .sort(let keys):
                if q.limit != nil || q.offset > 0 { q = try seal(q) }
                q.orderBy = try keys.map { key in try ordering(key, ex: ex, in: &q) }
                if q.objectAlias != nil && q.projection == nil { q.objectSortKeys = keys }
            case .take(let n):
                q.limit = q.limit.map { min($0, n) } ?? n
            case .skip(let n):
                if q.limit != nil { q = try seal(q) }
                q.offset += n
            case .select(let cols):
                // A projection does not change which rows a LIMIT keeps, so only a second
                // projection, a grouping or distinct needs the rows sealed first.
                let windows = cols.contains { $0.1.containsWindow }
                // A window is computed over the rows a take, skip or distinct kept.
                if q.projection != nil || q.groupBy != nil || q.distinct || (windows && (q.limit != nil || q.offset > 0)) {
                    q = try seal(q)
                }
                var projection: [(String, SQLExpr)] = []
                for (i, c) in cols.enumerated() {
                    projection.append(("col\(i + 1)", try ex.compile(c.1, in: &q)))
                }
                q.projection = projection
                // SQL computes windows in their own order: the rows keep theirs explicitly.
                if windows && q.orderBy.isEmpty { q.orderBy = q.rowOrder() }
            case .group(let keys, let aggs):
                if q.projection != nil || q.limit != nil || q.offset > 0 { q = try seal(q) }
                let keySQL = try keys.map { try ex.compile($0.1, in: &q) }
                var projection: [(String, SQLExpr)] = []
                for (i, s) in keySQL.enumerated() { projection.append(("col\(i + 1)", s)) }
                for (i, a) in aggs.enumerated() {
                    projection.append(("col\(keys.count + i + 1)", try ex.compile(a.1, in: &q)))
                }
                q.groupBy = keySQL
                q.projection = projection
                // Groups come out in key order unless sorted later.
                q.orderBy = keys.enumerated().map { (i, k) in
                    let column = SQLExpr.column("col\(i + 1)")
                    return SQLOrdering(k.1.type == .text || k.1.type == .label ? .textOrdering(column) : column, nullsLast: true)
                }
            case .aggregate(let aggs):
                if q.projection != nil || q.limit != nil || q.offset > 0 { q = try seal(q) }
                q.orderBy = []
                q.groupBy = []
                q.projection = try aggs.enumerated().map { ("col\($0.offset + 1)", try ex.compile($0.element.1, in: &q)) }
            case .distinct:
                if q.limit != nil || q.offset > 0 { q = try seal(q) }
                q.distinct = true
            case .pivot:
                break   // laid out by the engine from the rows read
            }
        }
        return q
    }

    /// A sort key: text in alphabetical order ignoring case; missing values last.
    package func ordering(_ key: (TypedExpr, descending: Bool), ex: ExpressionCompiler, in q: inout SelectBuilder) throws -> SQLOrdering {
        let s = try ex.compile(key.0, in: &q)
        return SQLOrdering(key.0.type == .text || key.0.type == .label ? .textOrdering(s) : s, descending: key.descending, nullsLast: true)
    }

    package static func conjuncts(_ e: TypedExpr) -> [TypedExpr] {
        if case .binary(.logical(.and), let a, let b) = e.node { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// The client field whose per-client table a where condition needs a row in: a segment
    /// that is null only without one (`rfm != null`), or a measure that is 0 without one
    /// compared so that 0 fails (`turnover > 1000`). Such a condition already drops the
    /// clients without a row; saying so lets SQLite start from the table (see SelectBuilder).
    package static func fieldNeedingRow(_ c: TypedExpr) -> FieldPath? {
        guard case .binary(.comparison(let op), let a, let b) = c.node, case .field(let path) = a.node, path.hops.isEmpty,
              case .literal(let v) = b.node else { return nil }
        switch path.field.kind {
        case .segment(let s):
            return op == .notEqual && v.isNull && Segments.nullOnlyWithoutRow(s) ? path : nil
        case .metric(let m):
            guard ClientMeasures.zeroWithoutRow(m), let zeroPasses = zeroSatisfies(op, v) else { return nil }
            return zeroPasses ? nil : path
        default:
            return nil
        }
    }

    /// Whether `0 op v` holds, for a numeric literal; nil when unknown.
    package static func zeroSatisfies(_ op: ComparisonOperator, _ v: Value) -> Bool? {
        let sign: Int
        switch v {
        case .integer(let i): sign = Int(i.signum())
        case .money(let m): sign = Int(m.minorUnits.signum())
        case .decimal(let d): sign = d.isZero ? 0 : (d < 0 ? -1 : 1)
        default: return nil
        }
        switch op {
        case .equal: return sign == 0
        case .notEqual: return sign != 0
        case .less: return 0 < sign
        case .lessOrEqual: return 0 <= sign
        case .greater: return 0 > sign
        case .greaterOrEqual: return 0 >= sign
        }
    }

    /// Seals the current SELECT. Object rows stay object rows (filtered by id, order
    /// re-applied), so later stages can still use every field; column rows become a subquery.
    package func seal(_ q: SelectBuilder) throws -> SelectBuilder {
        var q = q
        // Which rows a take or skip keeps depends on their order: tied rows in key order.
        if q.limit != nil || q.offset > 0 { q.orderByKeyLast() }
        if let object = q.object, q.projection == nil {
            var inner = q
            inner.projection = [("id", .q(q.objectAlias!, "id"))]
            var outer = SelectBuilder(object: object, context: context)
            outer.nesting = try q.nested(context)
            outer.wheres.append(.inSelect(.q(outer.objectAlias!, "id"), inner.select(), negated: false))
            if !q.objectSortKeys.isEmpty {
                let ex = ExpressionCompiler(context: context)
                outer.orderBy = try q.objectSortKeys.map { key in try ordering(key, ex: ex, in: &outer) }
                outer.objectSortKeys = q.objectSortKeys
            }
            return outer
        }
        let inner = q
        let alias = context.freshName("s")
        var outer = SelectBuilder(subquery: inner.select(), alias: alias)
        outer.nesting = try q.nested(context)
        outer.sealedOrder = SelectBuilder.order(of: inner, as: alias)
        // Keep the inner order visible: SQLite keeps a subquery's order for a plain outer scan,
        // and the outer ORDER BY names the same columns when the order was on output columns.
        return outer
    }
}
