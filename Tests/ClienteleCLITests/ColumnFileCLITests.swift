import Foundation
import GRDB
import XCTest
import ClienteleTestSupport

/// The column file's life cycle through the real executable (issue 23): a batch run that
/// asks a question writes it after its output; the next run uses it; `--read-only` and
/// `--cache off` never write it; `.cache` reports it.
final class ColumnFileCLITests: XCTestCase {
    var cli: CLIHarness!

    override func setUpWithError() throws { cli = try CLIHarness() }

    func testABatchQuestionWritesTheFileAndTheNextRunUsesIt() throws {
        let store = TemporaryStore.copy()
        let columns = store + ".columns"
        let question = "clients | sort id | select id, turnover, abc, risk"
        let off = try cli.run([store, "--cache", "off", "--format", "csv", "-c", question])
        XCTAssertEqual(off.status, 0, off.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: columns), "--cache off writes nothing")
        let readOnly = try cli.run([store, "--read-only", "--format", "csv", "-c", question])
        XCTAssertEqual(readOnly.stdout, off.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: columns), "--read-only writes nothing")
        let count = try cli.run([store, "-c", "clients | count"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: columns), "no question needed the order facts")

        let first = try cli.run([store, "--format", "csv", "-c", question])
        XCTAssertEqual(first.stdout, off.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: columns), "written after the question")
        XCTAssertEqual(try cli.run([store, "--read-only", "--format", "csv", "-c", question]).stdout, off.stdout)
        let shown = try cli.run([store, "--read-only", "-c", ".cache"])
        XCTAssertTrue(shown.stdout.contains("column file: valid, "), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("order facts: "), shown.stdout)

        // An order added: the file is stale by one insert and appended to.
        let added = try cli.run([store, "-c", "add orders client: 1, order_date: 2025-12-31, gross: 100"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let state = try cli.run([store, "--read-only", "-c", ".cache"])
        XCTAssertTrue(state.stdout.contains("column file: stale (orders added since"), state.stdout)
        let after = try cli.run([store, "--format", "csv", "-c", question])
        XCTAssertEqual(after.stdout, try cli.run([store, "--read-only", "--cache", "off", "--format", "csv", "-c", question]).stdout)
        XCTAssertTrue(try cli.run([store, "--read-only", "-c", ".cache"]).stdout.contains("column file: valid, "))

        // A damaged file: not used, the answer is the scan's, and the next run rewrites it.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: columns))
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: columns))
        let damaged = try cli.run([store, "--read-only", "-c", ".cache"])
        XCTAssertTrue(damaged.stdout.contains("column file: not used: it is damaged (checksum of the client ids and block checksums)"), damaged.stdout)
        XCTAssertEqual(try cli.run([store, "--format", "csv", "-c", question]).stdout, after.stdout)
        XCTAssertTrue(try cli.run([store, "--read-only", "-c", ".cache"]).stdout.contains("column file: valid, "))
    }

    /// The what-if's lines file (LinesFile): written by a what-if in a run that may write,
    /// read by the next one (read-only too), the same answers as `--cache off` (the store's
    /// rows); stale after a line is added to an old order, damaged when a byte flips: not
    /// used either way, and written again by the next run that may write.
    func testAWhatIfWritesTheLinesFileAndTheNextRunUsesIt() throws {
        let store = TemporaryStore.copy()
        let lines = store + ".lines"
        let question = #"compare baseline, { rule "Seven": discount 7% when abc == "A" } over last 12 months"#
        func answer(_ options: [String]) throws -> String {
            let r = try cli.run([store] + options + ["--today", "2025-12-31", "--format", "csv", "-c", question])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout
        }
        func cache() throws -> String { try cli.run([store, "--read-only", "-c", ".cache"]).stdout }
        let expected = try answer(["--cache", "off"])
        XCTAssertTrue(expected.contains("discount cost"), expected)
        XCTAssertEqual(try answer(["--read-only"]), expected)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lines), "--read-only and --cache off write nothing")
        XCTAssertTrue(try cache().contains("lines file: absent"))

        XCTAssertEqual(try answer([]), expected)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lines), "written by the what-if")
        XCTAssertTrue(try cache().contains("lines file: valid, "))
        XCTAssertEqual(try answer(["--read-only"]), expected)

        // A line added to an old order: stale, not used; the next run that may write writes it again.
        try DatabaseQueue(path: store).write { db in
            try db.execute(sql: """
                INSERT INTO order_lines (order_id, category_id, gross_minor)
                SELECT MIN(id), (SELECT MIN(id) FROM categories), 5000000 FROM orders WHERE status = 'shipped' AND order_date >= '2025-01-01'
                """)
        }
        XCTAssertTrue(try cache().contains("lines file: stale"))
        let changed = try answer(["--cache", "off"])
        XCTAssertNotEqual(changed, expected, "the line changes the answer")
        XCTAssertEqual(try answer(["--read-only"]), changed)
        XCTAssertEqual(try answer([]), changed)
        XCTAssertTrue(try cache().contains("lines file: valid, "))

        var bytes = try Data(contentsOf: URL(fileURLWithPath: lines))
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: lines))
        XCTAssertTrue(try cache().contains("lines file: not used: it is damaged"))
        XCTAssertEqual(try answer(["--read-only"]), changed)
        XCTAssertEqual(try answer([]), changed)
        XCTAssertTrue(try cache().contains("lines file: valid, "))
    }
}
