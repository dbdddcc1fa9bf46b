import Foundation

/// The Gamma–Gamma model of purchase value (Fader, Hardie & Lee 2005, "RFM and CLV";
/// Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013). A customer's
/// purchases have values ~ Gamma(p, ν), and ν ~ Gamma(q, γ) across customers; value is
/// assumed independent of how often the customer buys.
package struct GammaGamma: Hashable, Sendable {
    package var p: Double
    package var q: Double
    package var gamma: Double

    package init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// The log-likelihood of a customer's mean repeat value over x repeat purchases.
    package func logLikelihood(_ h: PurchaseHistory) -> Double {
        let x = h.frequency, m = h.monetary
        return lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * log(gamma)
            + (p * x - 1) * log(m) + p * x * log(x) - (p * x + q) * log(gamma + m * x)
    }

    /// The histories the model is fitted on: a repeat purchase and a positive mean value.
    package static func usable(_ h: PurchaseHistory) -> Bool { h.frequency > 0 && h.monetary > 0 }

    /// E[M | x, m̄ₓ]: the expected value of the customer's future purchases, a weighted
    /// mean of the population's mean p·γ/(q − 1) and the customer's own mean. A customer
    /// with no repeat purchase gets the population's mean. Needs q > 1.
    package func expectedValue(_ h: PurchaseHistory) -> Double {
        let x = GammaGamma.usable(h) ? h.frequency : 0
        return p * (gamma + x * h.monetary) / (p * x + q - 1)
    }

    /// The maximum-likelihood parameters over the usable histories (Nelder–Mead on logs,
    /// started at p = q = 1 and γ = the mean of the means).
    package static func fit(_ histories: [PurchaseHistory]) -> (model: GammaGamma, logLikelihood: Double) {
        let used = histories.filter(usable)
        let meanValue = max(used.reduce(0) { $0 + $1.monetary } / Double(max(used.count, 1)), 1e-6)
        // Per history: x, x·m̄, and the parts that do not depend on the parameters.
        let x = used.map(\.frequency)
        let spent = used.map { $0.frequency * $0.monetary }
        let logMean = used.map { log($0.monetary) }
        let logX = x.map(log)
        var distinct: [Double: Int] = [:]
        var frequencies: [Double] = []
        let index = x.map { v -> Int in
            if let i = distinct[v] { return i }
            distinct[v] = frequencies.count
            frequencies.append(v)
            return frequencies.count - 1
        }
        func model(_ v: [Double]) -> GammaGamma { GammaGamma(p: exp(v[0]), q: exp(v[1]), gamma: exp(v[2])) }
        func logLikelihood(_ m: GammaGamma) -> Double {
            let (p, q, g) = (m.p, m.q, m.gamma)
            let gammas = frequencies.map { f in lgamma(p * f + q) - lgamma(p * f) }
            let shared = q * log(g) - lgamma(q)
            var total = 0.0
            for i in x.indices {
                let px = p * x[i]
                total += gammas[index[i]] + shared + (px - 1) * logMean[i] + px * logX[i] - (px + q) * log(g + spent[i])
            }
            return total
        }
        let result = NelderMead().minimize({ v in
            guard v.allSatisfy({ abs($0) < 30 }) else { return .infinity }
            return -logLikelihood(model(v))
        }, from: [0, 0, log(meanValue)])
        return (model(result.point), -result.value)
    }
}
