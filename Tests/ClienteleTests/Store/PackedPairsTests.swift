import XCTest
@testable import ClienteleSQLite
import ClienteleTestSupport

/// The rankings' radix sort of (value, position) pairs gives the order of a comparison sort,
/// ties by position, both directions, and refuses pairs that do not fit 64 bits.
final class PackedPairsTests: XCTestCase {
    func reference(_ positions: [Int32], _ values: [Int64], descending: Bool) -> [(Int64, Int)] {
        positions.map { (values[Int($0)], Int($0)) }.sorted { a, b in
            a.0 != b.0 ? (descending ? a.0 > b.0 : a.0 < b.0) : a.1 < b.1
        }
    }

    func testRandomValuesSortAsAComparisonSortDoes() {
        var r = SeededRandom(seed: 20261203)
        for (n, spread) in [(1, Int64(5)), (2, 1), (1000, 3), (5000, 1 << 40), (70_000, 100), (3000, Int64.max / 4)] {
            let values = (0..<n).map { _ in Int64.random(in: -spread...spread, using: &r) }
            let positions = (0..<n).filter { _ in Bool.random(using: &r) || n < 3 }.map { Int32($0) }
            for descending in [false, true] {
                guard let packed = PackedPairs(positions, count: n, descending: descending, value: { values[$0] }) else {
                    XCTAssertGreaterThan(spread, Int64(1) << 40, "n \(n) spread \(spread) should fit")
                    continue
                }
                let got = (0..<packed.count).map { (packed.value($0), packed.position($0)) }
                let want = reference(positions, values, descending: descending)
                XCTAssertEqual(got.map(\.0), want.map(\.0), "values, n \(n), descending \(descending)")
                XCTAssertEqual(got.map(\.1), want.map(\.1), "positions, n \(n), descending \(descending)")
            }
        }
    }

    func testPairsThatDoNotFitAreRefusedAndTheFallbackSortsThem() {
        let values: [Int64] = [Int64.min, 0, Int64.max, 0]
        XCTAssertNil(PackedPairs([0, 1, 2, 3], count: 4, value: { values[$0] }))
        let sorted = ClientColumns.sortedPairs([0, 1, 2, 3], n: 4, descending: true) { values[$0] }
        XCTAssertEqual((0..<4).map { sorted.value($0) }, [Int64.max, 0, 0, Int64.min])
        XCTAssertEqual((0..<4).map { sorted.position($0) }, [2, 1, 3, 0])
        let wide: [Int64] = [0, 1 << 60]
        XCTAssertNil(PackedPairs([0, 1], count: 100_000, value: { wide[$0] }), "61 bits of range and 17 of position")
        XCTAssertEqual(PackedPairs([], count: 0, value: { _ in 0 })?.count, 0)
    }

    /// Sorts that share a RadixScratch (as RFM's three do) give the same order as sorts that
    /// do not, whether the buffers handed on fit the next sort or not.
    func testSortsSharingTheirBuffersSortAsFreshOnesDo() {
        var r = SeededRandom(seed: 4_12_2026)
        let scratch = RadixScratch()
        for n in [5000, 5000, 3000, 5000, 1, 5000] {
            let values = (0..<n).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &r) }
            let positions = (0..<n).map { Int32($0) }
            for descending in [false, true] {
                let shared = PackedPairs(positions, count: n, descending: descending, scratch: scratch, value: { values[$0] })!
                let want = reference(positions, values, descending: descending)
                XCTAssertEqual((0..<shared.count).map { shared.value($0) }, want.map(\.0), "n \(n)")
                XCTAssertEqual((0..<shared.count).map { shared.position($0) }, want.map(\.1), "n \(n)")
                scratch.giveBack(keys: shared.keys)
            }
        }
    }
}
