import Foundation

/// Acquisition cohorts and their retention (docs/analytics.md): a client belongs to the
/// cohort of the month of its first shipped order ever; cohorts are the months of the
/// period. For month k after the cohort's (k = 0 is the cohort's own month), `active` counts
/// the cohort's clients with a shipped order in that month and `turnover` sums their net;
/// months after the period's end are not reached (nil).
///
/// The result type of `cohorts by first order month`: the terminal shows `clientsTable`,
/// `turnoverTable` and `retentionTable`; a heatmap reads `active` / `sizes` directly.
package struct CohortMatrix: Sendable, Equatable {
    /// The cohorts' months, `2025-03`, in calendar order (every month of the period).
    package var cohorts: [String]
    /// Clients in each cohort.
    package var sizes: [Int64]
    /// [cohort][month after]: clients with an order then; nil where the period ended first.
    package var active: [[Int64?]]
    /// [cohort][month after]: their net turnover in minor units; nil likewise.
    package var turnover: [[Int64?]]

    /// Month k of the average retention curve: the cohorts that reached it, their clients,
    /// and how many of those ordered in it.
    package struct CurvePoint: Sendable, Equatable {
        package var month: Int
        package var cohorts: Int
        package var clients: Int64
        package var active: Int64
        /// active / clients in basis points (rounded half away from zero); nil without clients.
        package var retentionBasisPoints: Int64? {
            clients > 0 ? (active * 20_000 + clients) / (2 * clients) : nil
        }
    }

    /// The months after the first (0, 1, 2 …) as far as the oldest cohort reaches.
    package var width: Int { active.map(\.count).max() ?? 0 }

    private static func monthIndex(_ d: CalendarDate) -> Int { d.year * 12 + d.month - 1 }
    private static func label(_ index: Int) -> String { String(format: "%04d-%02d", index / 12, index % 12 + 1) }

    /// `days`: each client's shipped orders up to the period's end (earlier ones included:
    /// they decide which clients are new in the period).
    package static func build(_ days: [OrderDay], period: DateRange) -> CohortMatrix {
        var first: [Int64: CalendarDate] = [:]
        for d in days where d.day <= period.end {
            if let f = first[d.client], f <= d.day { continue }
            first[d.client] = d.day
        }
        let startMonth = monthIndex(period.start), endMonth = monthIndex(period.end)
        let count = endMonth - startMonth + 1
        var sizes = Array(repeating: Int64(0), count: count)
        var active: [[Int64?]] = (0..<count).map { Array(repeating: 0, count: endMonth - startMonth - $0 + 1) }
        var turnover = active
        var seen = Set<[Int]>()   // (client, month) pairs already counted as active
        var cohortOf: [Int64: Int] = [:]
        for (client, day) in first where day >= period.start {
            let c = monthIndex(day) - startMonth
            cohortOf[client] = c
            sizes[c] += 1
        }
        for d in days where d.day >= period.start && d.day <= period.end {
            guard let c = cohortOf[d.client] else { continue }
            let k = monthIndex(d.day) - startMonth - c
            guard k >= 0 else { continue }
            turnover[c][k] = (turnover[c][k] ?? 0) + d.netMinor
            if seen.insert([Int(d.client), k]).inserted { active[c][k] = (active[c][k] ?? 0) + 1 }
        }
        return CohortMatrix(cohorts: (startMonth...endMonth).map(label), sizes: sizes, active: active, turnover: turnover)
    }

    /// The average retention curve, weighted by cohort size: for each month k, the clients
    /// active in month k over all the clients of the cohorts that reached it.
    package var curve: [CurvePoint] {
        (0..<width).map { k in
            var point = CurvePoint(month: k, cohorts: 0, clients: 0, active: 0)
            for (i, row) in active.enumerated() where k < row.count {
                point.cohorts += 1
                point.clients += sizes[i]
                point.active += row[k] ?? 0
            }
            return point
        }
    }

    private func monthColumns<T>(_ type: ValueType, _ rows: [[T?]], _ value: (T) -> Value) -> (columns: [Column], rows: [[Value]]) {
        let columns = [Column(name: "cohort", type: .text), Column(name: "clients", type: .integer)]
            + (0..<width).map { Column(name: "m\($0)", type: type) }
        let body = cohorts.indices.map { i -> [Value] in
            [.text(cohorts[i]), .integer(sizes[i])]
                + (0..<width).map { k in k < rows[i].count ? rows[i][k].map(value) ?? .null : .null }
        }
        return (columns, body)
    }

    /// Clients of each cohort active in month 0, 1, 2 … (empty: not reached yet).
    package var clientsTable: Table {
        let t = monthColumns(.integer, active) { .integer($0) }
        return Table(columns: t.columns, rows: t.rows)
    }

    /// Their turnover in month 0, 1, 2 ….
    package var turnoverTable: Table {
        let t = monthColumns(.money, turnover) { .money(Money(minorUnits: $0)) }
        return Table(columns: t.columns, rows: t.rows)
    }

    /// The average retention curve as rows: month, cohorts, clients, active, retention.
    package var retentionTable: Table {
        Table(columns: [Column(name: "month", type: .integer), Column(name: "cohorts", type: .integer),
                        Column(name: "clients", type: .integer), Column(name: "active", type: .integer),
                        Column(name: "retention", type: .percent)],
              rows: curve.map { p in
                  [.integer(Int64(p.month)), .integer(Int64(p.cohorts)), .integer(p.clients), .integer(p.active),
                   p.retentionBasisPoints.map { .percent(Percent(basisPoints: $0)) } ?? .null]
              })
    }
}
