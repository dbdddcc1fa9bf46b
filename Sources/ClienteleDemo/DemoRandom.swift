import Foundation
import ClienteleCore

/// The demo generator's own pseudo-random numbers: SplitMix64, so that a seed gives the
/// same store on every run and every Swift version (the standard library's `random(in:)`
/// algorithms are not guaranteed to stay the same, and the system generator is not seeded).
///
/// Every client gets its own stream derived from (seed, client index): client 17 is the
/// same whether 100 or 100 000 clients are generated.
///
/// Floating point is used only for shapes (normal, log-normal draws through `log`, `exp`,
/// `cos`); the results are identical on one platform, and every stored amount is an
/// integer computed from them.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for item `stream` of a run seeded with `seed`.
    init(seed: UInt64, stream: UInt64) {
        var s = DemoRandom(seed: seed ^ 0x6A09_E667_F3BC_C909)
        let a = s.next()
        state = a ^ DemoRandom.mix(stream &* 0xD1B5_4A32_D192_ED03 &+ 0x9E37_79B9_7F4A_7C15)
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return DemoRandom.mix(state)
    }

    /// Uniform in the closed range (multiply-high: a bias of at most 2^-64 per value).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// Index drawn with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var x = int(0...(total - 1))
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// Standard normal (Box-Muller, one value per call).
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
