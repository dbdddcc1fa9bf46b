import Foundation
import ClienteleCore

/// `compare baseline, "S1", "S2" over PERIOD`: every policy evaluated on the same history,
/// side by side, with deltas against the first column. Nothing is written.
struct Comparison {
    var period: DateRange
    var policies: [Policy]
    var evaluations: [PolicyEvaluation]
    /// The current rules and settings, recomputed (evaluated even when not a column).
    var baseline: PolicyEvaluation
    /// The throwaway scenarios written inline: their labels and source, for the header.
    var inline: [(label: String, source: String)] = []

    static func run(_ names: [String?], period: DateRange, dialect: SQLDialect, measures: (any MeasureSource)? = nil, tx: any StoreTransaction) throws -> Comparison {
        try run(columns: names.map { $0.map(CompareColumn.saved) ?? .baseline }, period: period, dialect: dialect, measures: measures, tx: tx)
    }

    static func run(columns items: [CompareColumn], period: DateRange, dialect: SQLDialect, measures: (any MeasureSource)? = nil,
                    lines: PolicyLinesCache? = nil, tx: any StoreTransaction) throws -> Comparison {
        // The baseline always comes first: scenarios' volume assumptions are measured against it.
        var policies = [try Policy.baseline(tx)]
        var columns: [Int] = []
        var inline: [(label: String, source: String)] = []
        for item in items {
            switch item {
            case .baseline: columns.append(0); continue
            case .saved(let name): policies.append(try ScenarioStore.policy(named: name, baseline: policies[0], tx))
            case .inline(let label, let source, let changes):
                policies.append(try policies[0].applying(changes, name: label))
                inline.append((label, source))
            }
            columns.append(policies.count - 1)
        }
        let evaluations = try PolicyEvaluator(dialect: dialect, measures: measures, lines: lines).evaluate(policies, period: period, tx: tx)
        return Comparison(period: period, policies: columns.map { policies[$0] }, evaluations: columns.map { evaluations[$0] },
                          baseline: evaluations[0], inline: inline)
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
            (a.present[$0] ? a.discount(at: $0) : 0) != (b.present[$0] ? b.discount(at: $0) : 0)
        }.map { a.ids[$0] }
    }

    /// The metric rows: (label, value per evaluation).
    func metrics() -> [(String, [Value])] {
        func money(_ f: (PolicyEvaluation) -> Int64) -> [Value] { evaluations.map { .money(Money(minorUnits: f($0))) } }
        var rows: [(String, [Value])] = [
            ("gross revenue", money { $0.total.gross }),
            ("discount cost", money { $0.total.discount }),
            ("net revenue", money { $0.total.net }),
            ("cost of goods", hasCost ? money { $0.total.cost } : evaluations.map { _ in .null }),
            ("margin", hasCost ? money { $0.total.margin } : evaluations.map { _ in .null }),
            ("average discount", evaluations.map { .percent(Percent(basisPoints: $0.averageDiscountBP)) }),
        ]
        // "(none)": orders without lines, whose cost of goods is unknown (said in the header).
        let categories = Set(evaluations.flatMap(\.byCategory.keys)).subtracting([CategoryTable.noneName])
            .sorted { UnicodeText.compare($0, $1) == .orderedAscending }
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

    /// Whether some line of the period has a cost of goods (orders with lines).
    var hasCost: Bool { reference.total.gross != reference.total.uncostedGross || reference.total.cost != 0 }

    /// The model of the margin, and what it leaves out.
    var marginModel: String {
        let model = "margin = net revenue − cost of goods; cost of goods = gross at list price × (1 − the category's margin), fixed by what was sold (a volume assumption scales it with gross)"
        let t = reference.total
        guard t.uncostedGross != 0 else { return model }
        guard hasCost else {
            return "no shipped order of the period has order lines: cost of goods, hence margin, is unknown (orders imported without lines)"
        }
        return model + "\norders without lines have no cost of goods: \(Money(minorUnits: t.uncostedGross)) of \(Money(minorUnits: t.gross)) gross (\(Percent(basisPoints: DecimalText.roundedDivide(t.uncostedGross.multipliedReportingOverflow(by: 10_000).partialValue, by: max(t.gross, 1))))) is left out of cost of goods and margin"
    }

    func header(periodText: String) -> String {
        var lines = ["compare over \(periodText) (\(period)): orders recomputed under each policy; rule conditions use each client's segments over the calendar year before the order", marginModel]
        if let first = reference.firstOrder {
            lines.append("\(first.year) is the first year of data (first order \(first.iso)): its orders' rule conditions see each client as it stood at the end of \(first.year - 1), without purchases (no ABC class, turnover 0), so rules on classes or volumes give them no discount")
        }
        for i in inline { lines.append("\(i.label) = \(i.source) (a throwaway scenario: evaluated, not saved)") }
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
            if hasCost { labels.append("\(e.policy) margin"); values.append(.money(Money(minorUnits: e.total.margin))) }
        }
        return [.message(header(periodText: periodText)), .table(try table()),
                .chart(title: "net revenue and margin by scenario", labels: labels, values: values),
                .message(reconciliationHeader), .table(try reconciliation())]
    }

    /// The clients whose recorded discount (what was given) is not the baseline's recomputed one.
    var reconciliationDifferences: [Int] {
        let b = baseline.byClient
        return b.present.indices.filter { b.present[$0] && b.discount(at: $0) != baseline.recordedDiscount[$0] }
    }

    var reconciliationHeader: String {
        let n = reconciliationDifferences.count
        return "baseline reconciliation: the discounts recorded on the orders (what was given) against the current rules recomputed; "
            + (n == 0 ? "they agree for every client" : "\(n) client\(n == 1 ? "'s" : "s'") recorded discount differs (with baseline first, compare ... clients | where recorded_discount != discount_1 lists them)")
    }

    /// Recorded discounts beside the baseline recomputed, and their difference.
    func reconciliation() throws -> Table {
        let recorded = baseline.recordedDiscount.reduce(Int64(0)) { $0.addingReportingOverflow($1).partialValue }
        let r = Value.money(Money(minorUnits: recorded)), b = Value.money(Money(minorUnits: baseline.total.discount))
        let gross = baseline.total.gross
        func rate(_ d: Int64) -> Value {
            gross == 0 ? .null : .percent(Percent(basisPoints: DecimalText.roundedDivide(d.multipliedReportingOverflow(by: 10_000).partialValue, by: gross)))
        }
        return Table(columns: [Column(name: "discount", type: .text), Column(name: "amount", type: .money),
                               Column(name: "of gross", type: .percent), Column(name: "clients", type: .integer)],
                     rows: [[.text("recorded (what was given)"), r, rate(recorded), .integer(Int64(baseline.byClient.count))],
                            [.text("baseline recomputed"), b, rate(baseline.total.discount), .integer(Int64(baseline.byClient.count))],
                            [.text("difference (baseline − recorded)"), try Comparison.difference(b, r), rate(baseline.total.discount - recorded),
                             .integer(Int64(reconciliationDifferences.count))]])
    }
}
