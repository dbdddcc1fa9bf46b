import Foundation
import XCTest
import ClienteleInterchange

/// A descriptor of a held file stays open until the last hold ends (closing it would drop
/// the process's SQLite locks on the file); other descriptors close at once.
final class HeldFilesTests: XCTestCase {
    func testADescriptorOfAHeldFileClosesWhenTheLastHoldEnds() throws {
        let path = NSTemporaryDirectory() + "held-\(UUID().uuidString)"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        defer { unlink(path) }
        let first = HeldFiles.hold(path), second = HeldFiles.hold(path)
        XCTAssertEqual(HeldFiles.holds(path), 2)
        let fd = open(path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(HeldFiles.close(fd), 0)
        XCTAssertNotEqual(fcntl(fd, F_GETFD), -1, "parked, still open")
        HeldFiles.release(first)
        XCTAssertNotEqual(fcntl(fd, F_GETFD), -1, "one hold is left")
        HeldFiles.release(second)
        XCTAssertEqual(fcntl(fd, F_GETFD), -1, "closed with the last hold")
        XCTAssertEqual(HeldFiles.holds(path), 0)
        let other = open(path, O_RDONLY)
        XCTAssertEqual(HeldFiles.close(other), 0)
        XCTAssertEqual(fcntl(other, F_GETFD), -1, "not held: closed at once")
    }

    func testAPathThatCannotBeExaminedIsNotHeld() {
        XCTAssertNil(HeldFiles.hold("/no/such/folder/store.sqlite"))
        HeldFiles.release(nil)
    }
}
