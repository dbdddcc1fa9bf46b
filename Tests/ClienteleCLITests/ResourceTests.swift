import Foundation
import XCTest
import Clientele

/// Large results stream through an `OutputSink` one row at a time (memory stays flat),
/// and `Engine.interrupt()` from another thread stops a long statement with "interrupted;
/// nothing was changed", leaving the store as it was.
final class ResourceTests: XCTestCase {
    /// Counts rows and keeps nothing.
    final class CountingSink: OutputSink {
        var rows = 0, tables = 0
        var onFirstRow: (() -> Void)?
        func emit(_ output: Output) {}
        func beginTable(_ columns: [Column]) { tables += 1 }
        func row(_ values: [Value]) {
            rows += 1
            if rows == 1 { onFirstRow?() }
        }
        func endTable() {}
    }

    static func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    func testALargeResultStreamsWithBoundedMemory() throws {
        let orders = 250_000
        let engine = Engine(store: try Store(path: BigStores.copy(orders: orders), readOnly: true))
        let sink = CountingSink()
        try engine.run("orders | select id, number, order_date, client = client.name, net, status", into: sink)   // warm-up
        let before = ResourceTests.residentMegabytes()
        let started = Date()
        try engine.run("orders | select id, number, order_date, client = client.name, net, status", into: sink)
        let growth = ResourceTests.residentMegabytes() - before
        XCTAssertEqual(sink.rows, 2 * (orders + 14))
        XCTAssertEqual(sink.tables, 2)
        // Holding 250,000 rows of six values would take well over 64 MB.
        XCTAssertLessThan(growth, 64, "resident memory grew by \(growth) MB while streaming")
        print("streamed \(orders + 14) rows through a sink in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; "
              + "resident memory grew by \(growth) MB")
    }

    func testInterruptDuringAQueryStopsItAndChangesNothing() throws {
        let orders = 30_000
        let engine = Engine(store: try Store(path: BigStores.copy(orders: orders)))
        let sink = CountingSink()
        // Interrupt from another thread once rows flow: the query stops at the next row.
        sink.onFirstRow = {
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async { engine.interrupt(); done.signal() }
            done.wait()
        }
        XCTAssertThrowsError(try engine.run("orders | sort net desc, id | select id, net", into: sink)) { error in
            XCTAssertEqual((error as? ClienteleError)?.message, "interrupted; nothing was changed")
        }
        XCTAssertLessThan(sink.rows, orders)
        // The engine stays usable after an interrupt.
        XCTAssertEqual(try engine.run("orders | count"), [.scalar(name: "count", value: .integer(Int64(orders + 14)))])
    }

    func testInterruptDuringALargeUpdateRollsItBack() throws {
        let orders = 60_000
        let template = BigStores.template(orders: orders)
        let engine = Engine(store: try Store(path: BigStores.copy(orders: orders)))
        // Ctrl-C arrives at an unknown moment: keep interrupting until the script returns.
        let finished = DispatchSemaphore(value: 0), stopped = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while finished.wait(timeout: .now() + .milliseconds(2)) == .timedOut { engine.interrupt() }
            stopped.signal()
        }
        var outcome: Error?
        do { try engine.run("update orders | where id > 0 set gross = gross + 1\norders | count") } catch { outcome = error }
        finished.signal()
        stopped.wait()
        XCTAssertEqual((outcome as? ClienteleError)?.message, "interrupted; nothing was changed", "\(String(describing: outcome))")
        XCTAssertEqual(try engine.store.contentChecksum(), template.checksum)
    }
}
