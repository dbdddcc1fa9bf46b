/// A `group` that ends a pipeline, with plain counts and sums, runs as one scan in SQL (the
/// keys and the aggregates' arguments per row) and the grouping in a hash table here.
///
/// Why: SQLite has no hash aggregation. Its GROUP BY sorts every row by the keys (about
/// 30 ms per 100,000 rows), while a segmentation has a handful of groups. The answer is the
/// same as the GROUP BY's: the same groups (keys equal as SQLite compares them: BINARY),
/// the same totals (exact integers; an overflow is an error, as in SQLite), and the same
/// order (the keys, text by `CLIENTELE_NOCASE`, nulls last).
///
/// Anything else (`avg`, `min`, `max`, `distinct`, `share`, arithmetic on aggregates, later
/// stages) keeps SQLite's GROUP BY. On PostgreSQL (`SQLDialect.groupsByHash`) the server's
/// GROUP BY does it all: it hashes, and the rows need not travel to the program.
package struct GroupInMemory {
    package enum Aggregate: Equatable {
        /// `count()`: every row.
        case rows
        /// `count(x)`, `count() where ...`: the rows whose argument is not null.
        case nonNull
        /// `sum(x)` of integers or money: the sum of the non-null arguments, 0 for none.
        case sum
    }

    /// Whether each key orders as text (by `CLIENTELE_NOCASE`) rather than by value.
    package let textKeys: [Bool]
    package let aggregates: [Aggregate]

    /// The plan for a final `group` stage, or nil when SQLite's GROUP BY must do it.
    package init?(keys: [(String, TypedExpr)], aggregates: [(String, TypedExpr)]) {
        guard !keys.isEmpty else { return nil }
        var plan: [Aggregate] = []
        for (_, a) in aggregates {
            guard case .aggregate(let kind, let x, let distinct, let filter) = a.node, !distinct else { return nil }
            switch kind {
            case .count: plan.append(x == nil && filter == nil ? .rows : .nonNull)
            case .sum:
                guard let x, x.type == .integer || x.type == .money else { return nil }
                plan.append(.sum)
            default: return nil
            }
        }
        self.aggregates = plan
        textKeys = keys.map { $0.1.type == .text || $0.1.type == .label }
    }

    /// The per-row argument of an aggregate, in SQL (nil: none is read).
    package static func argument(_ a: TypedExpr, compiler ex: ExpressionCompiler, in q: inout SelectBuilder) throws -> SQLExpr? {
        guard case .aggregate(_, let x, _, let filter) = a.node else { return nil }
        let condition = try filter.map { try ex.compile($0, in: &q) }
        guard let x else { return condition.map { .when($0, .integer(1), else: nil) } }
        let s = try ex.compile(x, in: &q)
        return condition.map { .when($0, s, else: nil) } ?? s
    }
}

extension PipelineCompiler {
    /// The pipeline as a scan whose rows are grouped in memory, when its last stage allows.
    package func compileGroupInMemory(_ p: CheckedPipeline) throws -> CompiledQuery? {
        guard p.shape != .count, case .group(let keys, let aggs)? = p.stages.last,
              let plan = GroupInMemory(keys: keys, aggregates: aggs) else { return nil }
        var q = try build(Array(p.stages.dropLast()), object: p.object)
        if q.distinct { return nil }
        if q.projection != nil || q.limit != nil || q.offset > 0 { q = try seal(q) }
        let ex = ExpressionCompiler(context: context)
        var projection: [(String, SQLExpr)] = []
        for (i, k) in keys.enumerated() { projection.append(("col\(i + 1)", try ex.compile(k.1, in: &q))) }
        for (i, a) in aggs.enumerated() {
            if let s = try GroupInMemory.argument(a.1, compiler: ex, in: &q) { projection.append(("a\(i + 1)", s)) }
        }
        q.projection = projection
        q.orderBy = []
        q.objectSortKeys = []
        // Rows feeding an aggregation: SQLite may then read clients from a per-client table
        // the rows must have (SelectBuilder.clientRowsFromTable); no GROUP BY is written.
        q.groupBy = []
        let select = context.withCTEs(q.select())
        let (sql, arguments) = try context.statement(select)
        return CompiledQuery(select: select, sql: sql, arguments: arguments, context: context, columns: p.columns, grouping: plan)
    }
}
