/// The one deterministic generator of the test suite: the same numbers on every platform
/// and every run, so that a random fixture or a random case list is the same each time and
/// a failure can be replayed from its seed.
///
///     var random = SeededRandom(seed: 2024)
///     let day = random.int(1...28)            // 1 ... 28
///     let pick = pieces[random.below(pieces.count)]
///     let shuffled = names.shuffled(using: &random)
///
/// SplitMix64 by default. `.lcg64` is the 64-bit linear congruential generator that
/// SegmentCountsTests was written with: its assertions (every risk class present, more than
/// three ABC classes...) hold for the base of clients that exact sequence draws, so it is
/// kept rather than re-seeded. New tests use the default.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public enum Algorithm: Sendable {
        /// SplitMix64 (Steele, Lea, Flood 2014): every seed gives a good sequence.
        case splitMix64
        /// Knuth's MMIX constants; `below` reads the high bits (the low bits of an LCG are weak).
        case lcg64
    }

    public private(set) var state: UInt64
    public let algorithm: Algorithm

    public init(seed: UInt64, algorithm: Algorithm = .splitMix64) {
        state = seed
        self.algorithm = algorithm
    }

    public mutating func next() -> UInt64 {
        switch algorithm {
        case .splitMix64:
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        case .lcg64:
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    /// A number in 0 ..< n (n > 0), by a plain modulo: the tiny bias does not matter to a
    /// test, and changing the reduction would change every sequence the tests depend on.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n)): n must be positive")
        switch algorithm {
        case .splitMix64: return Int(next() % UInt64(n))
        case .lcg64: return Int((next() >> 33) % UInt64(n))
        }
    }

    /// A number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }
}
