import Foundation
import ClienteleCore

/// Reads the shipped orders the customer-base models and cohorts need: one row per order,
/// on both backends; amounts are summed per day in Swift (OrderDay).
enum OrderHistory {
    static func days(from start: CalendarDate?, to end: CalendarDate, context: SQLContext,
                     in tx: any StoreTransaction) throws -> [OrderDay] {
        var conditions: [SQLExpr] = [.bin(.equal, .column("status"), .text("shipped")),
                                     .bin(.lessOrEqual, .column("order_date"), context.bind(end))]
        if let start { conditions.append(.bin(.greaterOrEqual, .column("order_date"), context.bind(start))) }
        let select = SQLSelect([SQLSelectItem(.column("client_id")), SQLSelectItem(.column("order_date")),
                                SQLSelectItem(.column("net_minor"))],
                               from: .table("orders"), where: .conjunction(conditions))
        let printed = try context.dialect.print(select)
        var out: [OrderDay] = []
        try tx.stream(printed.text, printed.arguments(in: context.dialect)) { row in
            guard let client = ResultReader.integer(row[0]),
                  let day = ResultReader.text(row[1]).flatMap(CalendarDate.init(iso:)) else { return }
            out.append(OrderDay(client: client, day: day, netMinor: ResultReader.integer(row[2]) ?? 0))
        }
        try Interruption.check(.statement)
        return out
    }
}

/// The models fitted for one statement, by period (a query asking for p_alive and clv over
/// the same period fits once), and the per-client values the planner binds.
final class ClientModelFits: ClientModelSource {
    /// Unowned: the context holds this object (SQLContext.models).
    unowned let context: SQLContext
    let tx: any StoreTransaction
    private var fits: [DateRange: ClientLifetimeModel] = [:]

    init(context: SQLContext, tx: any StoreTransaction) {
        self.context = context
        self.tx = tx
    }

    /// clv.monthly_discount as a fraction.
    var monthlyRate: Double { Double(context.settings.percent("clv.monthly_discount").basisPoints) / 10_000 }

    func model(over r: DateRange) throws -> ClientLifetimeModel {
        if let m = fits[r] { return m }
        let days = try OrderHistory.days(from: r.start, to: r.end, context: context, in: tx)
        let histories = ClientLifetimeModel.histories(days, end: r.end)
        do {
            let m = try ClientLifetimeModel.fit(histories)
            fits[r] = m
            return m
        } catch let problem as ClientLifetimeModel.FitProblem {
            throw RuntimeError.message(ClientModelFits.message(problem, r))
        }
    }

    static func message(_ p: ClientLifetimeModel.FitProblem, _ r: DateRange) -> String {
        switch p {
        case .tooFewClients(let n, let repeats):
            return "the client models need at least \(ClientLifetimeModel.minimumClients) clients with a shipped order in \(r), "
                + "\(ClientLifetimeModel.minimumRepeatClients) of them with orders on two days or more; there are \(n) and \(repeats): choose a longer period"
        case .noFiniteValueModel:
            return "the order values in \(r) do not give a usable Gamma-Gamma model (q <= 1: the mean order value would be unbounded); choose a longer period"
        }
    }

    func values(_ m: ClientModelMeasure, over r: DateRange) throws -> [(client: Int64, value: Int64)] {
        let model = try model(over: r)
        let rate = monthlyRate
        func hundredths(_ v: Double) -> Int64 { Int64((v * 100).rounded(.toNearestOrAwayFromZero)) }
        return model.histories.keys.sorted().compactMap { client in
            let v: Int64?
            switch m {
            case .pAlive: v = model.probabilityAlive(client).map(hundredths)
            case .expectedOrders(let days): v = model.expectedOrders(client, days: days).map(hundredths)
            case .clv(let months): v = model.lifetimeValue(client, months: months, monthlyRate: rate)
            }
            return v.map { (client, $0) }
        }
    }

    func note(over r: DateRange) throws -> String {
        let m = try model(over: r)
        return "estimates (BG/NBD and Gamma-Gamma fitted on \(m.clients) clients with orders in \(r)); "
            + "clients with one order day have p_alive 1 by the model: see status beside it (fit clv, docs/analytics.md)"
    }
}
