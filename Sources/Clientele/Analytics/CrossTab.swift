import Foundation
import ClienteleCore

/// Shared by `segment` and `movement`: grouping clients by one or two keys in one SQL
/// statement, ordering the classes, and laying counts out as a matrix.
enum CrossTab {
    /// How a class reads in a row or column header: no class is "(none)".
    static let noneLabel = "(none)"

    static func label(_ v: Value) -> String { v.isNull ? noneLabel : v.plain }

    /// Classes in display order: the closed list first (even classes nobody is in), then the
    /// other values as SQL sorted them, then no class when somebody has none.
    static func order(known: [Value]?, present: [Value]) -> [Value] {
        var out = known ?? []
        for v in present where !v.isNull && !out.contains(v) { out.append(v) }
        if present.contains(where: \.isNull) { out.append(.null) }
        return out
    }

    /// The closed list of classes of a key, if it has one.
    static func knownClasses(_ key: TypedExpr) -> [Value]? {
        if case .field(let path) = key.node, case .segment(let s) = path.field.kind, let known = Segments.knownClasses(s) {
            return known
        }
        return key.labels.isEmpty ? nil : key.labels.map { .text($0) }
    }

    /// Groups the clients of `source` (object-scoped stages) by the keys and returns the rows
    /// key values followed by the aggregates.
    static func group(source: [CheckedStage], keys: [(String, TypedExpr)], aggregates: [(String, TypedExpr)],
                      context: SQLContext, in tx: any StoreTransaction) throws -> [[Value]] {
        let clients = CatalogObjects.clients
        let stages = source + [.group(keys: keys, aggregates: aggregates)]
        let columns = (keys + aggregates).map { OutputColumn(name: $0.0, of: $0.1) }
        let pipeline = CheckedPipeline(object: clients, stages: stages, columns: columns, shape: .table,
                                       isObjectScoped: false, hasFilter: false)
        let compiled = try PipelineCompiler(context: context).compile(pipeline)
        return try ResultReader.read(compiled, in: tx).rows
    }

    static func count(span: SourceSpan) -> TypedExpr {
        TypedExpr(node: .aggregate(.count, nil, distinct: false), type: .integer, span: span)
    }

    static func clientField(_ name: String, period: PeriodSyntax? = nil, span: SourceSpan) -> TypedExpr {
        let clients = CatalogObjects.clients
        let f = clients.field(name)!
        return TypedExpr(node: .field(FieldPath(hops: [], field: f, owner: clients, period: period)),
                         type: f.type, span: span, labels: f.labels)
    }

    /// A matrix of client counts with a total column and a total row.
    static func matrix(corner: String, rowKeys: [Value], columnKeys: [Value], counts: [[Value]: Int64]) -> Table {
        var columns = [Column(name: corner, type: .text)]
        columns += columnKeys.map { Column(name: label($0), type: .integer) }
        columns.append(Column(name: "total", type: .integer))
        var rows: [[Value]] = []
        var columnTotals = Array(repeating: Int64(0), count: columnKeys.count)
        for r in rowKeys {
            var row: [Value] = [.text(label(r))]
            var total: Int64 = 0
            for (i, c) in columnKeys.enumerated() {
                let n = counts[[r, c]] ?? 0
                row.append(.integer(n))
                total += n
                columnTotals[i] += n
            }
            row.append(.integer(total))
            rows.append(row)
        }
        rows.append([.text("total")] + columnTotals.map { .integer($0) } + [.integer(columnTotals.reduce(0, +))])
        return Table(columns: columns, rows: rows)
    }

    /// "2025 (2025-01-01..2025-12-31)".
    static func describe(_ p: PeriodSyntax, today: CalendarDate) -> String {
        let r = p.resolve(today: today)
        return p == .all ? "all (up to \(r.end.iso))" : "\(p.text) (\(r))"
    }
}
