import Foundation
import ClienteleCore

/// `compare baseline, "S" over 2024, 2025`: the comparison of each period, side by side in
/// one table (each period's columns and differences in turn), with one reconciliation row
/// per period.
extension Comparison {
    static func sideBySide(_ comparisons: [(comparison: Comparison, periodText: String)]) throws -> [Output] {
        // Header: each period's lines, a line said by several periods once.
        var lines: [String] = [], seen = Set<String>()
        for (c, text) in comparisons {
            for line in c.header(periodText: text).components(separatedBy: "\n") where seen.insert(line).inserted { lines.append(line) }
        }
        var columns = [Column(name: "metric", type: .text)]
        var labels: [String] = [], byLabel: [[String: [Value]]] = []
        for (c, text) in comparisons {
            for e in c.evaluations { columns.append(Column(name: "\(e.policy) \(text)", type: .money)) }
            for e in c.evaluations.dropFirst() {
                columns.append(Column(name: "Δ \(e.policy) \(text)", type: .money))
                columns.append(Column(name: "Δ% \(e.policy) \(text)", type: .percent))
            }
            var rows: [String: [Value]] = [:]
            for (label, values) in c.metrics() {
                if rows[label] == nil, !labels.contains(label) { labels.append(label) }
                var row = values
                for v in values.dropFirst() {
                    row.append(try Comparison.difference(v, values[0]))
                    row.append(try Comparison.relative(v, values[0]))
                }
                rows[label] = row
            }
            byLabel.append(rows)
        }
        // The metrics in the order of one comparison: totals, margin per category (by name), clients.
        func rank(_ label: String) -> Int { label.hasPrefix("margin: ") ? 1 : label.hasPrefix("clients ") ? 2 : 0 }
        labels = labels.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            if ra != rb { return ra < rb }
            if ra == 1 { return UnicodeText.compare(a.element, b.element) == .orderedAscending }
            return a.offset < b.offset
        }.map(\.element)
        let table = Table(columns: columns, rows: labels.map { label in
            var row: [Value] = [.text(label)]
            for (i, (c, _)) in comparisons.enumerated() {
                let width = c.evaluations.count * 3 - 2
                row += byLabel[i][label] ?? Array(repeating: .null, count: width)
            }
            return row
        })
        var chartLabels: [String] = [], chartValues: [Value] = []
        for (c, text) in comparisons {
            for e in c.evaluations {
                chartLabels.append("\(e.policy) \(text) net"); chartValues.append(.money(Money(minorUnits: e.total.net)))
                if c.hasCost { chartLabels.append("\(e.policy) \(text) margin"); chartValues.append(.money(Money(minorUnits: e.total.margin))) }
            }
        }
        var reconciliation: [[Value]] = []
        for (c, text) in comparisons {
            let recorded = c.baseline.recordedDiscount.reduce(Int64(0)) { $0.addingReportingOverflow($1).partialValue }
            let r = Value.money(Money(minorUnits: recorded)), b = Value.money(Money(minorUnits: c.baseline.total.discount))
            reconciliation.append([.text(text), r, b, try Comparison.difference(b, r), .integer(Int64(c.reconciliationDifferences.count))])
        }
        let reconciled = Table(columns: [Column(name: "period", type: .text), Column(name: "recorded discount", type: .money),
                                         Column(name: "baseline recomputed", type: .money), Column(name: "difference", type: .money),
                                         Column(name: "clients differing", type: .integer)], rows: reconciliation)
        return [.message(lines.joined(separator: "\n")), .table(table),
                .chart(title: "net revenue and margin by scenario and period", labels: chartLabels, values: chartValues),
                .message("baseline reconciliation: the discounts recorded on the orders (what was given) against the current rules recomputed, per period"),
                .table(reconciled)]
    }
}
