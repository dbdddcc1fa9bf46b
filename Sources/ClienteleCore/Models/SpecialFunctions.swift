import Foundation

/// The special functions the customer-base models need (docs/analytics.md): log-gamma,
/// log-beta, a numerically safe log(e^x + e^y), and the Gaussian hypergeometric function
/// 2F1 on [0, 1). Pure Swift over the C library's `lgamma`, `exp` and `log`.
package enum SpecialFunctions {
    /// ln Γ(x) for x > 0.
    package static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    package static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// ln(e^x + e^y) without overflow.
    package static func logAddExp(_ x: Double, _ y: Double) -> Double {
        if x == -.infinity { return y }
        if y == -.infinity { return x }
        let m = max(x, y)
        return m + log(exp(x - m) + exp(y - m))
    }

    /// The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1 and c > 0, by its
    /// power series Σ (a)ₙ(b)ₙ / (c)ₙ zⁿ / n!, summed until a term no longer changes the sum
    /// (relative 1e-15) or after `maxTerms` terms. The models call it with z = t / (α + T + t),
    /// below 1 for every finite horizon.
    package static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double,
                                          maxTerms: Int = 200_000) -> Double {
        precondition(z >= 0 && z < 1, "2F1 is summed for 0 <= z < 1")
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        for _ in 0..<maxTerms {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            n += 1
            if abs(term) <= 1e-15 * abs(sum) { break }
        }
        return sum
    }
}
