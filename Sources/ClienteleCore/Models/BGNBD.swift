import Foundation

/// One customer's purchase history in the form the models read (Fader, Hardie & Lee 2005):
/// `frequency` repeat purchases (x), the time of the last one since the first (recency,
/// tₓ) and the customer's age since the first (T), in one unit of time (days for a store,
/// weeks for the CDNOW sample); `monetary` the mean value of the repeat purchases.
package struct PurchaseHistory: Hashable, Sendable {
    package var frequency: Double
    package var recency: Double
    package var age: Double
    package var monetary: Double

    package init(frequency: Double, recency: Double, age: Double, monetary: Double = 0) {
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.monetary = monetary
    }
}

/// The BG/NBD model of repeat buying (Fader, Hardie & Lee, "Counting your customers the
/// easy way", Marketing Science 2005). While alive, a customer buys as a Poisson process
/// with rate λ ~ Gamma(r, α); after each purchase it drops out with probability
/// p ~ Beta(a, b). α is in the histories' unit of time.
package struct BGNBD: Hashable, Sendable {
    package var r: Double
    package var alpha: Double
    package var a: Double
    package var b: Double

    package init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// The log-likelihood of one history (the paper's equation 6, on a log scale).
    package func logLikelihood(_ h: PurchaseHistory) -> Double {
        let x = h.frequency
        let a1 = lgamma(r + x) - lgamma(r) + r * log(alpha)
        let a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)
        let a3 = -(r + x) * log(alpha + h.age)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + h.recency)
        return a1 + a2 + SpecialFunctions.logAddExp(a3, a4)
    }

    package func logLikelihood(_ histories: [PurchaseHistory]) -> Double {
        histories.reduce(0) { $0 + logLikelihood($1) }
    }

    /// P(alive | x, tₓ, T) (equation 11). A customer with no repeat purchase is alive with
    /// probability 1: the model lets customers drop out only right after a purchase.
    package func probabilityAlive(_ h: PurchaseHistory) -> Double {
        let x = h.frequency
        guard x > 0 else { return 1 }
        let odds = exp(log(a) - log(b + x - 1) + (r + x) * (log(alpha + h.age) - log(alpha + h.recency)))
        return 1 / (1 + odds)
    }

    /// E[Y(t) | x, tₓ, T]: the expected number of purchases in the next `t` units of time
    /// (equation 10).
    package func expectedPurchases(_ h: PurchaseHistory, within t: Double) -> Double {
        guard t > 0 else { return 0 }
        let x = h.frequency, T = h.age
        let z = t / (alpha + T + t)
        let hyp = SpecialFunctions.hypergeometric2F1(r + x, b + x, a + b + x - 1, z)
        let head = (a + b + x - 1) / (a - 1)
        let tail = 1 - exp((r + x) * log((alpha + T) / (alpha + T + t))) * hyp
        let alive = x > 0 ? 1 + a / (b + x - 1) * exp((r + x) * log((alpha + T) / (alpha + h.recency))) : 1
        return head * tail / alive
    }

    /// The maximum-likelihood parameters for the histories, by Nelder–Mead on the logarithms
    /// of the parameters, started at r = a = b = 1 and α = the mean age.
    package static func fit(_ histories: [PurchaseHistory]) -> (model: BGNBD, logLikelihood: Double) {
        let meanAge = max(histories.reduce(0) { $0 + $1.age } / Double(max(histories.count, 1)), 1e-6)
        let sum = LikelihoodSum(histories)
        func model(_ p: [Double]) -> BGNBD { BGNBD(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3])) }
        let result = NelderMead().minimize({ p in
            guard p.allSatisfy({ abs($0) < 30 }) else { return .infinity }
            return -sum.logLikelihood(model(p))
        }, from: [0, log(meanAge), 0, 0.0])
        return (model(result.point), -result.value)
    }

    /// The log-likelihood of many histories, fast: equal histories are counted once with a
    /// weight, and the terms that depend only on the frequency (the log-gammas) once per
    /// distinct frequency. Equal to the sum of `logLikelihood(_:)`.
    struct LikelihoodSum {
        var frequencies: [Double] = []
        var frequencyIndex: [Int] = []
        var recencies: [Double] = []
        var ages: [Double] = []
        var weights: [Double] = []

        init(_ histories: [PurchaseHistory]) {
            var seen: [[Double]: Int] = [:]
            var byFrequency: [Double: Int] = [:]
            for h in histories {
                let key = [h.frequency, h.recency, h.age]
                if let i = seen[key] { weights[i] += 1; continue }
                seen[key] = weights.count
                let f: Int
                if let known = byFrequency[h.frequency] { f = known } else {
                    f = frequencies.count
                    byFrequency[h.frequency] = f
                    frequencies.append(h.frequency)
                }
                frequencyIndex.append(f)
                recencies.append(h.recency)
                ages.append(h.age)
                weights.append(1)
            }
        }

        func logLikelihood(_ m: BGNBD) -> Double {
            let (r, alpha, a, b) = (m.r, m.alpha, m.a, m.b)
            let shared = r * log(alpha) - lgamma(r) + lgamma(a + b) - lgamma(b)
            let perFrequency = frequencies.map { x in
                lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x) + shared
            }
            let logOdds = frequencies.map { x in x > 0 ? log(a) - log(b + x - 1) : -Double.infinity }
            var total = 0.0
            for i in weights.indices {
                let f = frequencyIndex[i], x = frequencies[f]
                let a3 = -(r + x) * log(alpha + ages[i])
                let term = x > 0 ? SpecialFunctions.logAddExp(a3, logOdds[f] - (r + x) * log(alpha + recencies[i])) : a3
                total += weights[i] * (perFrequency[f] + term)
            }
            return total
        }
    }
}
