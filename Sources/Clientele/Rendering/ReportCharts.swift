import ClienteleCore

/// The pictures a report draws for a result table, besides the table itself, by its shape:
///
/// - a cross table (`segment … by a, b`, `movement`: a corner column named `a \ b`; a
///   `pivot` with totals: a `total` column and a `total` row) → a heatmap of its cells,
///   totals left out;
/// - an importance distribution (`segment clients by importance`) → the Pareto curve through
///   each class's boundary, with the 20 % and 70 % lines;
/// - a `compare` of policies (a `metric` column, rows gross revenue, discount cost, cost of
///   goods, margin) → a waterfall of margin per scenario: baseline → the change in gross
///   revenue (volume) → in discount cost → in cost of goods → the scenario; without cost
///   of goods (orders without lines), the same of net revenue without its cost step.
enum ReportCharts {
    static func charts(for table: Table) -> [String] {
        if let heat = heatmap(table) { return [heat] }
        if let pareto = pareto(table) { return [pareto] }
        return waterfalls(table)
    }

    static func number(_ v: Value) -> Double? { ChartRenderer.magnitude(v) }

    static func heatmap(_ table: Table) -> String? {
        guard table.columns.count >= 3, !table.rows.isEmpty else { return nil }
        let corner = table.columns[0].name
        let isCross = corner.contains(" \\ ")
        let totalColumn = table.columns.lastIndex { $0.name == "total" }
        let isPivot = !isCross && totalColumn != nil && table.rows.contains { $0.first == .text("total") }
        guard isCross || isPivot else { return nil }
        // The row keys: the leading text columns (one for a cross table).
        let keys = isCross ? 1 : max(1, table.columns.prefix { !$0.type.isNumeric }.count)
        let valueColumns = (keys..<table.columns.count).filter { i in
            table.columns[i].name != "total" && table.columns[i].name != "trend" && table.columns[i].type.isNumeric
        }
        guard valueColumns.count >= 2 || (isCross && !valueColumns.isEmpty) else { return nil }
        let rows = table.rows.filter { $0.first != .text("total") }
        let rowLabels = rows.map { r in r.prefix(keys).map { ValueFormatting.human($0, nullText: "(none)") }.joined(separator: " · ") }
        let cells = rows.map { r in valueColumns.map { number(r[$0]) } }
        let texts = rows.map { r in valueColumns.map { ValueFormatting.human(r[$0], nullText: "") } }
        let title = isCross ? corner : "\(table.columns[valueColumns[0]].type == .money ? "sums" : "values") by " + table.columns.prefix(keys).map(\.name).joined(separator: ", ")
        return SVGCharts.heatmap(title: title, rowLabels: rowLabels, columnLabels: valueColumns.map { table.columns[$0].name },
                                 cells: cells, texts: texts)
    }

    static func pareto(_ table: Table) -> String? {
        let names = table.columns.map(\.name)
        guard names == ["importance", "clients", "turnover", "share"] else { return nil }
        let rows = table.rows.filter { $0.first != .text("total") }
        let clients = rows.map { number($0[1]) ?? 0 }, turnover = rows.map { number($0[2]) ?? 0 }
        let allClients = clients.reduce(0, +), allTurnover = turnover.reduce(0, +)
        guard allClients > 0, allTurnover > 0 else { return nil }
        var points: [SVGCharts.ParetoPoint] = []
        var c = 0.0, t = 0.0
        for (i, r) in rows.enumerated() {
            c += clients[i]; t += turnover[i]
            points.append(.init(label: ValueFormatting.human(r[0], nullText: "(none)"), clients: c / allClients, turnover: t / allTurnover))
        }
        return SVGCharts.pareto(title: "cumulative share of turnover by share of clients (importance)", points: points, lines: [0.2, 0.7])
    }

    static func waterfalls(_ table: Table) -> [String] {
        guard table.columns.first?.name == "metric", table.columns.count >= 3, table.columns[1].name == "baseline" else { return [] }
        func row(_ name: String) -> [Value]? { table.rows.first { $0.first == .text(name) } }
        guard let gross = row("gross revenue"), let discount = row("discount cost"), let net = row("net revenue") else { return [] }
        let scenarios = (2..<table.columns.count).filter { !table.columns[$0].name.hasPrefix("Δ") }
        return scenarios.compactMap { j in
            func money(_ r: [Value]?, _ i: Int) -> Money? {
                guard let r, i < r.count, case .money(let m) = r[i] else { return nil }
                return m
            }
            // The change of a - b, nil when it does not fit.
            func delta(_ a: Money, _ b: Money) -> Value? {
                let (v, overflow) = a.minorUnits.subtractingReportingOverflow(b.minorUnits)
                return overflow ? nil : .money(Money(minorUnits: v))
            }
            let name = table.columns[j].name
            guard let g0 = money(gross, 1), let g1 = money(gross, j), let d0 = money(discount, 1), let d1 = money(discount, j),
                  let dg = delta(g1, g0), let dd = delta(d0, d1) else { return nil }
            // margin = gross − discount − cost of goods: the three changes add up to Δ margin.
            // Without cost of goods (orders without lines), the same for net = gross − discount.
            if let m0 = money(row("margin"), 1), let m1 = money(row("margin"), j),
               let c0 = money(row("cost of goods"), 1), let c1 = money(row("cost of goods"), j), let dc = delta(c0, c1) {
                return SVGCharts.waterfall(title: "margin: baseline → \(name)", steps: [
                    .init(label: "baseline margin", value: .money(m0), isTotal: true),
                    .init(label: "gross revenue", value: dg, isTotal: false),
                    .init(label: "discount cost", value: dd, isTotal: false),
                    .init(label: "cost of goods", value: dc, isTotal: false),
                    .init(label: "\(name) margin", value: .money(m1), isTotal: true),
                ])
            }
            guard let n0 = money(net, 1), let n1 = money(net, j) else { return nil }
            return SVGCharts.waterfall(title: "net revenue: baseline → \(name)", steps: [
                .init(label: "baseline net", value: .money(n0), isTotal: true),
                .init(label: "gross revenue", value: dg, isTotal: false),
                .init(label: "discount cost", value: dd, isTotal: false),
                .init(label: "\(name) net", value: .money(n1), isTotal: true),
            ])
        }
    }
}
