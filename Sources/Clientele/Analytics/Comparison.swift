import Foundation
import ClienteleCore

/// `compare baseline, "S1", "S2" over PERIOD`: every policy evaluated on the same history,
/// side by side, with deltas against the first column. Nothing is written.
struct Comparison {
    var period: DateRange
    var policies: [Policy]
    var evaluations: [PolicyEvaluation]

    static func run(_ names: [String?], period: DateRange, dialect: SQLDialect, measures: (any MeasureSource)? = nil, tx: any StoreTransaction) throws -> Comparison {
        // The baseline always comes first: scenarios' volume assumptions are measured against it.
        var policies = [try Policy.baseline(tx)]
        var columns: [Int] = []
        for name in names {
            if name == nil { columns.append(0); continue }
            policies.append(try ScenarioStore.policy(named: name, baseline: policies[0], tx))
            columns.append(policies.count - 1)
        }
        let evaluations = try PolicyEvaluator(dialect: dialect, measures: measures).evaluate(policies, period: period, tx: tx)
        return Comparison(period: period, policies: columns.map { policies[$0] }, evaluations: columns.map { evaluations[$0] })
    }

    var reference: PolicyEvaluation { evaluations[0] }

    static let classes = ["A", "B", "C"]

    /// The clients whose class under `e` is not the reference's (every evaluation of one
    /// comparison lists the same clients in the same order).
    func classChanges(_ e: PolicyEvaluation) -> [Int64] {
        let a = e.classes, b = reference.classes
        return a.ids.indices.filter { a.label(at: $0) != b.label(at: $0) }.map { a.ids[$0] }
    }

    /// The clients whose discount under `e` is not the reference's (none: 0).
    func discountChanges(_ e: PolicyEvaluation) -> [Int64] {
        let a = e.byClient, b = reference.byClient
        return a.ids.indices.filter {
            (a.present[$0] ? a.totals[$0].discount : 0) != (b.present[$0] ? b.totals[$0].discount : 0)
        }.map { a.ids[$0] }
    }

    /// The metric rows: (label, value per evaluation).
    func metrics() -> [(String, [Value])] {
        func money(_ f: (PolicyEvaluation) -> Int64) -> [Value] { evaluations.map { .money(Money(minorUnits: f($0))) } }
        var rows: [(String, [Value])] = [
            ("gross revenue", money { $0.total.gross }),
            ("discount cost", money { $0.total.discount }),
            ("net revenue", money { $0.total.net }),
            ("margin", money { $0.total.margin }),
            ("average discount", evaluations.map { .percent(Percent(basisPoints: $0.averageDiscountBP)) }),
        ]
        let categories = Set(evaluations.flatMap(\.byCategory.keys)).sorted { UnicodeText.compare($0, $1) == .orderedAscending }
        for c in categories {
            rows.append(("margin: \(c)", money { $0.byCategory[c]?.margin ?? 0 }))
        }
        for k in Comparison.classes {
            rows.append(("clients \(k)", evaluations.map { e in .integer(Int64(e.classes.count(of: k))) }))
        }
        rows.append(("clients changing class", evaluations.enumerated().map { $0.offset == 0 ? .null : .integer(Int64(classChanges($0.element).count)) }))
        rows.append(("clients changing discount", evaluations.enumerated().map { $0.offset == 0 ? .null : .integer(Int64(discountChanges($0.element).count)) }))
        return rows
    }

    func table() throws -> Table {
        var columns = [Column(name: "metric", type: .text)]
        columns += evaluations.map { Column(name: $0.policy, type: .money) }
        for e in evaluations.dropFirst() {
            columns.append(Column(name: "Δ \(e.policy)", type: .money))
            columns.append(Column(name: "Δ% \(e.policy)", type: .percent))
        }
        let rows: [[Value]] = try metrics().map { label, values in
            var row: [Value] = [.text(label)] + values
            for v in values.dropFirst() {
                row.append(try Comparison.difference(v, values[0]))
                row.append(try Comparison.relative(v, values[0]))
            }
            return row
        }
        return Table(columns: columns, rows: rows)
    }

    static func scaled(_ v: Value) -> Int64? {
        switch v {
        case .money(let m): return m.minorUnits
        case .percent(let p): return p.basisPoints
        case .integer(let i): return i
        default: return nil
        }
    }

    static func difference(_ v: Value, _ ref: Value) throws -> Value {
        guard let a = scaled(v), let b = scaled(ref) else { return .null }
        if a.subtractingReportingOverflow(b).overflow { throw PolicySums.overflow }
        switch v {
        case .money: return .money(Money(minorUnits: a - b))
        case .percent: return .percent(Percent(basisPoints: a - b))
        default: return .integer(a - b)
        }
    }

    /// Relative change in basis points, rounded half away from zero; empty when the reference is 0.
    static func relative(_ v: Value, _ ref: Value) throws -> Value {
        guard let a = scaled(v), let b = scaled(ref), b != 0 else { return .null }
        let difference = a.subtractingReportingOverflow(b)
        let product = difference.partialValue.multipliedReportingOverflow(by: 10_000)
        if difference.overflow || product.overflow { throw PolicySums.overflow }
        return .percent(Percent(basisPoints: DecimalText.roundedDivide(product.partialValue, by: b)))
    }

    func header(periodText: String) -> String {
        var lines = ["compare over \(periodText) (\(period)): orders recomputed under each policy; rule conditions use each client's segments over the calendar year before the order"]
        for p in policies where !p.overrides.isEmpty || !p.assumptions.isEmpty {
            for (k, v) in p.overrides.sorted(by: { $0.key < $1.key }) { lines.append("\"\(p.name)\" sets \(k) = \(v) (in this evaluation only)") }
            for a in p.assumptions {
                lines.append("\"\(p.name)\" assumes volume \(a.elasticityBP >= 0 ? "+" : "")\(Percent(basisPoints: a.elasticityBP)) per discount point"
                             + (a.condition.map { " for \($0)" } ?? " for every client"))
            }
        }
        return lines.joined(separator: "\n")
    }

    func outputs(periodText: String) throws -> [Output] {
        var labels: [String] = []
        var values: [Value] = []
        for e in evaluations {
            labels.append("\(e.policy) net"); values.append(.money(Money(minorUnits: e.total.net)))
            labels.append("\(e.policy) margin"); values.append(.money(Money(minorUnits: e.total.margin)))
        }
        return [.message(header(periodText: periodText)), .table(try table()),
                .chart(title: "net revenue and margin by scenario", labels: labels, values: values)]
    }

    /// `compare ... clients`: the clients whose class or discount differs from the first column.
    func changedClientsTable(tx: any StoreTransaction) throws -> Table {
        var ids = Set<Int64>()
        for e in evaluations.dropFirst() { ids.formUnion(classChanges(e)); ids.formUnion(discountChanges(e)) }
        var columns = [Column(name: "id", type: .integer), Column(name: "client", type: .text)]
        for e in evaluations {
            columns.append(Column(name: "class \(e.policy)", type: .text))
            columns.append(Column(name: "discount \(e.policy)", type: .money))
        }
        var rows: [[Value]] = [], checked = 0
        for id in ids.sorted() {
            try Interruption.check(.comparison, every: &checked)
            let name = try tx.fetchOne("SELECT name FROM clients WHERE id = ?", .positional([.integer(id)]))?.first.flatMap(ResultReader.text) ?? ""
            var row: [Value] = [.integer(id), .text(name)]
            for e in evaluations {
                row.append(e.classes[id].map { .text($0) } ?? .null)
                row.append(.money(Money(minorUnits: e.byClient[id]?.discount ?? 0)))
            }
            rows.append(row)
        }
        return Table(columns: columns, rows: rows)
    }
}
