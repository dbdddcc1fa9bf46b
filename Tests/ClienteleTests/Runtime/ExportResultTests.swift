import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Issue 18 part 7: `export segment|movement|compare|sweep|solve … to "file"` writes the
/// command's main table as a pipeline's export would: the same formats and options, staged
/// until the script commits, checked before anything runs.
final class ExportResultTests: XCTestCase {
    func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    func testEachCommandsTableIsWrittenAsItIsShown() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        let commands = [
            ("segment clients by abc over 2025", "segment.csv"),
            ("movement abc from 2024 to 2025", "movement.csv"),
            ("compare baseline, { rule \"Volume A\": discount 7% when abc == \"A\" priority 10 } over 2025", "compare.csv"),
            ("sweep \"Volume A\" discount from 3% to 5% step 1% over 2025", "sweep.csv"),
            // Per-client answers, piped: the rows the stages keep (issue 19 item 3).
            ("compare baseline, { rule \"Flat\": discount 5% } over 2025 clients | where Δnet < 0 | sort Δnet | select client, class_1, Δnet",
             "compare-clients.csv"),
        ]
        for (command, file) in commands {
            let shown = try engine.run(command)
            guard case .table(let table)? = shown.first(where: { if case .table = $0 { return true } else { return false } }) else {
                return XCTFail("\(command) shows no table")
            }
            let out = try engine.run("export \(command) to \"\(file)\"", origin: script)
            XCTAssertEqual(out, [.message("\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") written to \(file)")], command)
            let csv = try read(dir, file)
            let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, table.rows.count + 1, "\(command): header and every row\n\(csv)")
            XCTAssertEqual(String(lines[0]), table.columns.map { $0.name.contains("\"") ? "\"" + $0.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0.name }.joined(separator: ","), command)
        }
        // The movement matrix: its corner names both years, the rows are the first year's classes.
        let movement = try read(dir, "movement.csv"), compare = try read(dir, "compare.csv")
        XCTAssertTrue(movement.hasPrefix("2024 \\ 2025,"), movement)
        XCTAssertTrue(compare.hasPrefix("metric,baseline,{1},Δ {1},Δ% {1}\ngross revenue,"), compare)
        let clients = try read(dir, "compare-clients.csv")
        XCTAssertTrue(clients.hasPrefix("client,class_1,Δnet\n"), clients)
        XCTAssertGreaterThan(clients.split(separator: "\n").count, 1, clients)
        XCTAssertTrue(clients.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",").last!.hasPrefix("-") }, clients)
    }

    func testAFailedScriptLeavesNoFileAndMistakesAreCheckedFirst() throws {
        let engine = try Fixture.engine()
        let dir = TemporaryStore.folder()
        let script = dir.appendingPathComponent("job.clq").path
        XCTAssertThrowsError(try engine.run("export segment clients by abc to \"seg.csv\"\nclients | where nosuch == 1", origin: script))
        XCTAssertThrowsError(try engine.run("export segment clients by abc to \"seg.csv\"\nupdate orders | where id == 1 set gross = gross / 0", origin: script))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("seg.csv").path), "staged until the script commits")
        let cases = [
            ("export segment clients by abc", "expected 'to \"file\"' after the segment command (export segment ... to \"file.csv\")"),
            ("export movement abc from 2024 to 2025", "expected 'to \"file\"' after the movement command (export movement ... to \"file.csv\")"),
            ("export segment clients by abc to \"seg.txt\"", "cannot tell the export format from 'seg.txt'"),
            ("export segment clients by nosuch to \"seg.csv\"", nil),
            ("export segment clients by abc to \"seg.json\" keep formulas", "'keep formulas' is for CSV files: only a CSV export guards cells that look like formulas"),
        ]
        for (source, message) in cases {
            XCTAssertThrowsError(try engine.run(source, origin: script), source) { error in
                let e = error as! ClienteleError
                if let message { XCTAssertEqual(e.message, message, source) }
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }, [])
    }
}
