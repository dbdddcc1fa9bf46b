import Foundation

/// One day on which a client had shipped orders, with their total net (minor units).
package struct OrderDay: Hashable, Sendable {
    package var client: Int64
    package var day: CalendarDate
    package var netMinor: Int64

    package init(client: Int64, day: CalendarDate, netMinor: Int64) {
        self.client = client
        self.day = day
        self.netMinor = netMinor
    }
}

/// BG/NBD and Gamma–Gamma fitted together on a store's order history over a period
/// (docs/analytics.md). Per client with a shipped order in the period: frequency = distinct
/// order days after the first, recency = last order day − first, T = the period's end −
/// first order day, in days; monetary = the mean net of the repeat days.
package struct ClientLifetimeModel: Sendable {
    package var frequency: BGNBD
    package var value: GammaGamma
    package var logLikelihood: Double
    package var valueLogLikelihood: Double
    /// Clients in the fit, and those of them with a repeat order (the Gamma–Gamma fit).
    package var clients: Int
    package var repeatClients: Int
    package var histories: [Int64: PurchaseHistory]

    /// Days in a month for CLV's monthly steps (as the `lifetimes` package counts).
    package static let daysPerMonth = 30.0

    /// Per-client histories from order days (each client's days in the period) as of `end`.
    package static func histories(_ days: [OrderDay], end: CalendarDate) -> [Int64: PurchaseHistory] {
        var byClient: [Int64: [(Int, Int64)]] = [:]
        for d in days { byClient[d.client, default: []].append((d.day.dayNumber, d.netMinor)) }
        var out: [Int64: PurchaseHistory] = [:]
        for (client, list) in byClient {
            // One entry per day: several orders on a day are one purchase.
            var perDay: [Int: Int64] = [:]
            for (day, net) in list { perDay[day, default: 0] += net }
            let sorted = perDay.keys.sorted()
            let first = sorted[0], last = sorted[sorted.count - 1]
            let repeats = sorted.dropFirst().map { Double(perDay[$0]!) }
            let monetary = repeats.isEmpty ? 0 : repeats.reduce(0, +) / Double(repeats.count)
            out[client] = PurchaseHistory(frequency: Double(sorted.count - 1), recency: Double(last - first),
                                          age: Double(end.dayNumber - first), monetary: monetary)
        }
        return out
    }

    /// Why a fit cannot be made, in the user's words.
    package enum FitProblem: Error, Equatable, Sendable {
        case tooFewClients(Int, repeatClients: Int)
        case noFiniteValueModel
    }

    /// The smallest history the fit accepts: this many clients, this many with a repeat order.
    package static let minimumClients = 10
    package static let minimumRepeatClients = 3

    package static func fit(_ histories: [Int64: PurchaseHistory]) throws -> ClientLifetimeModel {
        let all = histories.keys.sorted().map { histories[$0]! }
        let repeatCount = all.filter(GammaGamma.usable).count
        guard all.count >= minimumClients, repeatCount >= minimumRepeatClients else {
            throw FitProblem.tooFewClients(all.count, repeatClients: repeatCount)
        }
        let f = BGNBD.fit(all)
        let v = GammaGamma.fit(all)
        guard v.model.q > 1, f.logLikelihood.isFinite, v.logLikelihood.isFinite else { throw FitProblem.noFiniteValueModel }
        return ClientLifetimeModel(frequency: f.model, value: v.model, logLikelihood: f.logLikelihood,
                                   valueLogLikelihood: v.logLikelihood, clients: all.count,
                                   repeatClients: repeatCount, histories: histories)
    }

    package func probabilityAlive(_ client: Int64) -> Double? {
        histories[client].map(frequency.probabilityAlive)
    }

    package func expectedOrders(_ client: Int64, days: Int) -> Double? {
        histories[client].map { frequency.expectedPurchases($0, within: Double(days)) }
    }

    /// The discounted value of the client's expected purchases over the next `months`
    /// months (of 30 days), at `monthlyRate` per month, in minor units rounded half away
    /// from zero: Σᵢ E[M] · (E[Y(30i)] − E[Y(30(i−1))]) / (1 + d)ⁱ.
    package func lifetimeValue(_ client: Int64, months: Int, monthlyRate: Double) -> Int64? {
        guard let h = histories[client] else { return nil }
        let spend = value.expectedValue(h)
        var total = 0.0
        var before = 0.0
        for i in stride(from: 1, through: max(months, 0), by: 1) {
            let upTo = frequency.expectedPurchases(h, within: ClientLifetimeModel.daysPerMonth * Double(i))
            total += spend * (upTo - before) / pow(1 + monthlyRate, Double(i))
            before = upTo
        }
        guard total.isFinite, abs(total) < 9e17 else { return nil }
        return Int64(total.rounded(.toNearestOrAwayFromZero))
    }
}
