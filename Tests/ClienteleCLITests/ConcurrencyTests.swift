import Foundation
import XCTest
import Clientele
import ClienteleTestSupport
import ClienteleInterchange

/// Readers and writers on one store file, each with its own `Store` (its own connections,
/// as two programs would have), and readers as separate processes: a reader never sees
/// half of a script's change, a second writer waits for the first, and one that waits
/// longer than its busy timeout gets a clear message.
final class ConcurrencyTests: XCTestCase {
    static let transfers = 500

    /// Moves money between two orders in one script; the total of gross never changes.
    static func transfer(_ random: inout SeededRandom) -> String {
        let from = Int(random.next() % 14) + 1, to = Int(random.next() % 14) + 1
        let amount = Int(random.next() % 50) + 1
        return "update orders | where id == \(from) set gross = gross - \(amount)\n"
            + "update orders | where id == \(to) set gross = gross + \(amount)"
    }

    func testReadersNeverSeeHalfATransfer() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        // Room for 500 moves of up to 50.00 each way: an order's gross never falls below its
        // discount (the store refuses that).
        _ = try Engine(store: try Store(path: path)).run("update orders | where id > 0 set gross = gross + 30000")
        let totalQuery = "orders | agg total = sum(gross), n = count()"
        let reader = Engine(store: try Store(path: path, readOnly: true))
        let expected = try reader.run(totalQuery)
        let expectedText = try Program.run([path, "-c", totalQuery]).output

        let done = DispatchSemaphore(value: 0)
        let writerErrors = ErrorList()
        DispatchQueue.global().async {
            defer { done.signal() }
            do {
                let writer = Engine(store: try Store(path: path))
                var random = SeededRandom(seed: 5)
                for _ in 0..<ConcurrencyTests.transfers { try writer.run(ConcurrencyTests.transfer(&random)) }
            } catch { writerErrors.append(error) }
        }
        // In-process reads (two statements in one snapshot) and reads by other processes,
        // for as long as the writer runs.
        var reads = 0, processReads = 0
        while done.wait(timeout: .now()) == .timedOut {
            let both = try reader.run(totalQuery + "\n" + totalQuery)
            XCTAssertEqual(both, expected + expected)
            reads += 1
            if reads % 4 == 0 {
                XCTAssertEqual(try Program.run([path, "-c", totalQuery]).output, expectedText)
                processReads += 1
            }
        }
        XCTAssertTrue(writerErrors.isEmpty, writerErrors.description)
        XCTAssertEqual(try reader.run(totalQuery), expected)
        XCTAssertNotEqual(try reader.store.contentChecksum(), Fixture.template.checksum, "the transfers landed")
        print("concurrent runs: \(ConcurrencyTests.transfers) transfers against \(reads) in-process and \(processReads) process reads")
    }

    /// POSIX locks belong to the process, not to a descriptor: opening the store a second
    /// time here reads its header through a descriptor of its own, and closing that one must
    /// not drop the first store's locks. Without them, another program closing its
    /// connection takes itself for the last one, checkpoints and deletes the WAL under the
    /// live store (seen once as a store "damaged" in testReadersNeverSeeHalfATransfer).
    /// Importing the store's own file by mistake closes a descriptor of it too.
    func testOpeningTheStoreAgainKeepsTheFirstOnesLocks() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        let first = Engine(store: try Store(path: path))
        _ = try first.run("update orders | where id == 1 set gross = gross + 1")
        XCTAssertGreaterThan(ConcurrencyTests.walSize(path), 0, "the change waits in the WAL")
        let second = try Store(path: path, readOnly: true)
        XCTAssertEqual(HeldFiles.holds(path), 2)
        XCTAssertEqual(try Program.run([path, "-c", "orders | count"]).output, "14\n")
        XCTAssertGreaterThan(ConcurrencyTests.walSize(path), 0, "another program removed the WAL under two live stores")
        XCTAssertThrowsError(try first.run("import \"\(path)\" into clients"))
        XCTAssertThrowsError(try first.run("include \"\(path)\"\nclients | count"))
        try second.close()
        XCTAssertEqual(HeldFiles.holds(path), 1)
        XCTAssertEqual(try Program.run([path, "-c", "orders | count"]).output, "14\n")
        XCTAssertGreaterThan(ConcurrencyTests.walSize(path), 0, "another program removed the WAL under a live store")
    }

    static func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func testTwoWritersWaitForEachOtherAndBothChangesLand() throws {
        let path = TemporaryStore.copy()
        let increments = 60
        let group = DispatchGroup()
        let errors = ErrorList()
        for id in [1, 2] {
            DispatchQueue.global().async(group: group) {
                do {
                    let engine = Engine(store: try Store(path: path, busyTimeout: 10))
                    for _ in 0..<increments {
                        try engine.run("update orders | where id == \(id) set gross = gross + 1\norders | where id == \(id) | count")
                    }
                } catch { errors.append(error) }
            }
        }
        group.wait()
        XCTAssertTrue(errors.isEmpty, errors.description)
        let store = try Store(path: path, readOnly: true)
        XCTAssertEqual(try store.scalar("SELECT gross_minor FROM orders WHERE id = 1"), 40000 + increments * 100)
        XCTAssertEqual(try store.scalar("SELECT gross_minor FROM orders WHERE id = 2"), 30000 + increments * 100)
    }

    func testAWriterWaitingLongerThanItsTimeoutIsToldTheStoreIsBusy() throws {
        let path = TemporaryStore.copy()
        let holder = try Store(path: path)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.write { db in
                try db.execute(sql: "UPDATE settings SET value = value WHERE key = 'currency'")
                holding.signal()
                release.wait()
            }
            released.signal()
        }
        holding.wait()
        let impatient = Engine(store: try Store(path: path, busyTimeout: 0.2))
        XCTAssertThrowsError(try impatient.run("update orders | where id == 1 set gross = gross + 1")) { error in
            XCTAssertEqual((error as? ClienteleError)?.message,
                           "the store is busy: another program is writing to it; try again in a moment")
            XCTAssertFalse("\(error)".contains("database is locked"))
            guard case .storeBusy? = error as? ClienteleError else { return XCTFail("not .storeBusy: \(error)") }
        }
        // Reading is never blocked by a writer.
        XCTAssertEqual(try impatient.run("orders | count"), [.scalar(name: "count", value: .integer(14))])
        release.signal()
        released.wait()
        try impatient.run("update orders | where id == 1 set gross = gross + 1")
        XCTAssertEqual(try impatient.store.scalar("SELECT gross_minor FROM orders WHERE id = 1"), 40100)
    }
}

/// Errors collected from several threads.
final class ErrorList: @unchecked Sendable, CustomStringConvertible {
    private var errors: [Error] = []
    private let lock = NSLock()
    func append(_ e: Error) { lock.lock(); errors.append(e); lock.unlock() }
    var isEmpty: Bool { lock.lock(); defer { lock.unlock() }; return errors.isEmpty }
    var description: String { lock.lock(); defer { lock.unlock() }; return "\(errors)" }
}
