import XCTest
import ClienteleTestSupport

/// Random fixtures and case lists are pinned by their seeds: the first numbers of each
/// algorithm, as the copies that SeededRandom replaced drew them, must never change.
final class SeededRandomTests: XCTestCase {
    func testSplitMix64KeepsItsSequence() {
        var random = SeededRandom(seed: 42)
        XCTAssertEqual((0..<4).map { _ in random.next() },
                       [13679457532755275413, 2949826092126892291, 5139283748462763858, 6349198060258255764])
        var ints = SeededRandom(seed: 99)
        XCTAssertEqual((0..<6).map { _ in ints.int(1...1000) }, [404, 565, 628, 808, 77, 700])
    }

    func testLCGKeepsTheSequenceOfSegmentCountsTests() {
        var random = SeededRandom(seed: 20251231, algorithm: .lcg64)
        XCTAssertEqual((0..<8).map { _ in random.below(731) }, [716, 265, 321, 174, 4, 645, 549, 128])
    }
}
