import Foundation
import ClienteleCore

/// `cohorts by first order month over PERIOD` and `fit clv over PERIOD` (docs/analytics.md).
struct ModelCommands {
    let interpreter: Interpreter

    func run(_ c: CheckedModelCommand, in tx: any StoreTransaction) throws -> [Output] {
        let session = interpreter.session
        let context = try interpreter.context(tx)
        switch c {
        case .cohorts(let p):
            let period = p ?? session.period
            let r = period.resolve(today: session.today)
            let days = try OrderHistory.days(from: nil, to: r.end, context: context, in: tx)
            let matrix = CohortMatrix.build(days, period: r)
            return cohortOutputs(matrix, heading: CrossTab.describe(period, today: session.today))
        case .fitCLV(let p):
            let period = p ?? session.period
            let r = period.resolve(today: session.today)
            let fits = ClientModelFits(context: context, tx: tx)
            return fitOutputs(try fits.model(over: r), rate: fits.monthlyRate, heading: CrossTab.describe(period, today: session.today))
        }
    }

    /// The clients matrix (the table `export` writes), the turnover matrix, the average curve.
    func cohortOutputs(_ m: CohortMatrix, heading: String) -> [Output] {
        let curve = m.curve
        var out: [Output] = [
            .message("cohorts by first order month over \(heading): clients of each cohort (its first shipped order ever in that month) with a shipped order in month m0, m1, m2 ... after it"),
            .table(m.clientsTable),
            .message("turnover of each cohort in month m0, m1, m2 ..."),
            .table(m.turnoverTable),
            .message("average retention: clients with an order in month k of all clients of the cohorts that reached month k"),
            .table(m.retentionTable),
        ]
        if curve.count >= 2 {
            out.append(.message(LineChart.text(title: "retention by month",
                                               labels: curve.map { "m\($0.month)" },
                                               values: curve.map { p in p.retentionBasisPoints.map { .percent(Percent(basisPoints: $0)) } ?? .null })))
        }
        return out
    }

    func fitOutputs(_ m: ClientLifetimeModel, rate: Double, heading: String) -> [Output] {
        func number(_ v: Double) -> Value { .text(String(format: "%.4f", v)) }
        let f = m.frequency, v = m.value
        let rows: [[Value]] = [
            [.text("r"), number(f.r)], [.text("alpha"), number(f.alpha)], [.text("a"), number(f.a)], [.text("b"), number(f.b)],
            [.text("p"), number(v.p)], [.text("q"), number(v.q)], [.text("gamma"), number(v.gamma)],
            [.text("log_likelihood"), number(m.logLikelihood)], [.text("value_log_likelihood"), number(m.valueLogLikelihood)],
            [.text("clients"), .text(String(m.clients))], [.text("repeat_clients"), .text(String(m.repeatClients))],
        ]
        let table = Table(columns: [Column(name: "parameter", type: .text), Column(name: "value", type: .text)], rows: rows)
        let single = m.clients - m.repeatClients
        return [
            .message("client models fitted over \(heading) by maximum likelihood: BG/NBD (r, alpha per day, a, b) and Gamma-Gamma (p, q, gamma; order value in minor units)"),
            .table(table),
            .message("estimates, not facts: \(single) of \(m.clients) clients have one order day and p_alive 1 by the model (show status beside it); clv discounts by clv.monthly_discount = \(String(format: "%g", rate * 100))% a month; see docs/analytics.md"),
        ]
    }
}
