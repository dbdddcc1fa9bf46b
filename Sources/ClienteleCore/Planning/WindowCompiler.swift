/// Window functions to SQL window functions (both dialects have them): the order is the
/// rows' order where the window is computed (`SelectBuilder.rowOrder`), a rank's its own.
extension ExpressionCompiler {
    func window(_ kind: WindowKind, _ x: TypedExpr, partition: [TypedExpr], descending: Bool,
                in q: inout SelectBuilder) throws -> SQLExpr {
        let s = try compile(x, in: &q)
        let p = try partition.map { try compile($0, in: &q) }
        let order = q.rowOrder()
        switch kind {
        case .runningSum:
            return .window(SQLWindow(.aggregate(.sum, s), partitionBy: p, orderBy: order, rowsUnboundedPreceding: true))
        case .rank:
            let key = x.type == .text || x.type == .label ? SQLExpr.textOrdering(s) : s
            return .window(SQLWindow(.rank, partitionBy: p, orderBy: [SQLOrdering(key, descending: descending, nullsLast: true)]))
        case .previous:
            return .window(SQLWindow(.lag(s), partitionBy: p, orderBy: order))
        case .next:
            return .window(SQLWindow(.lead(s), partitionBy: p, orderBy: order))
        case .change:
            return .grouped(.bin(.minus, s, .window(SQLWindow(.lag(s), partitionBy: p, orderBy: order))))
        case .share:
            return .call(.roundedDivide, .bin(.times, .grouped(s), .integer(10000)),
                         .call(.nullIf, .window(SQLWindow(.aggregate(.sum, s), partitionBy: p)), .integer(0)))
        }
    }
}

extension SelectBuilder {
    /// The order of the rows here, for a window: the sort, else the order of the sealed rows
    /// below, and an object's key last so that ties are broken the same on every store.
    package func rowOrder() -> [SQLOrdering] {
        var order = orderBy.isEmpty ? sealedOrder : orderBy
        if let key = objectKey(), !order.contains(where: { $0.expression == key }) { order.append(SQLOrdering(key)) }
        return order
    }

    /// The order of `inner`'s rows as columns of the subquery `alias` it is sealed into,
    /// as far as they can be named: an output column, or an expression it selects.
    static func order(of inner: SelectBuilder, as alias: String) -> [SQLOrdering] {
        let source = inner.orderBy.isEmpty ? inner.sealedOrder : inner.orderBy
        var out: [SQLOrdering] = []
        for o in source {
            var e = o.expression
            var collated = false
            if case .textOrdering(let x) = e { e = x; collated = true }
            var name: String?
            if case .column(let c) = e, inner.projection?.contains(where: { $0.sqlName == c }) ?? false { name = c }
            if name == nil { name = inner.projection?.first(where: { $0.sql == e })?.sqlName }
            guard let name else { break }
            let column = SQLExpr.q(alias, name)
            out.append(SQLOrdering(collated ? .textOrdering(column) : column, descending: o.descending, nullsLast: o.nullsLast))
        }
        return out
    }
}
