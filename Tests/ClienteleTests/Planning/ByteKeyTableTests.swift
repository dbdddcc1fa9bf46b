import XCTest
@testable import ClienteleCore

/// `ByteKeyTable` numbers byte strings in the order first seen and finds them again by their
/// bytes alone: a prefix, a longer key, a key differing in one byte past the first 8 are
/// other keys; growing the table keeps every number.
final class ByteKeyTableTests: XCTestCase {
    private func number(_ t: inout ByteKeyTable, _ bytes: [UInt8]) -> (Int, Bool) {
        t.reset()
        bytes.withUnsafeBytes { t.append($0) }
        return t.find()
    }

    func testKeysAreNumberedInTheOrderFirstSeenAndFoundAgainByTheirBytes() {
        var t = ByteKeyTable()
        defer { t.release() }
        let keys: [[UInt8]] = [Array("North".utf8), Array("north".utf8), [], Array("Север".utf8),
                               Array("Nort".utf8), Array("North ".utf8),
                               Array("0123456789abcdef".utf8), Array("0123456789abcdeF".utf8)]
        for (i, k) in keys.enumerated() {
            let (g, isNew) = number(&t, k)
            XCTAssertEqual(g, i, "key \(i)")
            XCTAssertTrue(isNew, "key \(i)")
        }
        for (i, k) in keys.enumerated().reversed() {
            let (g, isNew) = number(&t, k)
            XCTAssertEqual(g, i)
            XCTAssertFalse(isNew)
            XCTAssertEqual(Array(t.bytes(g)), k)
        }
        XCTAssertEqual(t.count, keys.count)
    }

    func testGrowingKeepsEveryNumber() {
        var t = ByteKeyTable()
        defer { t.release() }
        for i in 0..<5_000 {
            t.reset(); t.append(UInt8(i % 7)); t.append(UInt64(i))
            XCTAssertEqual(t.find().0, i)
        }
        for i in stride(from: 4_999, through: 0, by: -1) {
            t.reset(); t.append(UInt8(i % 7)); t.append(UInt64(i))
            let (g, isNew) = t.find()
            XCTAssertEqual(g, i)
            XCTAssertFalse(isNew)
        }
        XCTAssertEqual(t.count, 5_000)
    }
}
