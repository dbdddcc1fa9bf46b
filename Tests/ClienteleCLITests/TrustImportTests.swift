import Foundation
import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Issue 15, reading files: the import cases of `TrustImportCases.swift` through the real
/// program (transcript `BadInput/expected-import.txt`, store unchanged), the cases a
/// transcript cannot hold (a file root can read anyway, a clean read-only dry run), memory
/// bounds on endless and huge inputs, and kill trials during imports.
final class TrustImportTests: XCTestCase {
    func testBadFilesForImportAreRefusedCleanlyAndChangeNothing() throws {
        try Program.requireBinary()
        let cases = BadInputCase.importCases
        XCTAssertGreaterThanOrEqual(cases.count, 25)
        let outcomes = BadInputTests.runAll(cases)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }
        try BadInputTests.compare(outcomes.map(\.transcript), with: "expected-import.txt")
        print("bad import files tried: \(cases.count)")
    }

    /// Keep going with an unreadable record: exit 0, that record in the rejects file, the
    /// rest imported (transcript `BadInput/expected-import-keep-going.txt`: the program's
    /// output, then the rejects file).
    func testKeepGoingRejectsAnUnreadableRecordAndImportsTheRest() throws {
        try Program.requireBinary()
        var transcripts: [String] = []
        for c in BadInputCase.importKeepGoingCases {
            let store = TemporaryStore.copy()
            let scratch = URL(fileURLWithPath: store).deletingLastPathComponent()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let result = try Program.run(try c.arguments(store, scratch))
            XCTAssertEqual(result.status, 0, "\(c.name): \(result.output)")
            XCTAssertFalse(result.signaled, c.name)
            XCTAssertEqual(try Store(path: store, readOnly: true).integrity(), "ok", c.name)
            XCTAssertNotEqual(try TemporaryStore.checksum(store), Fixture.template.checksum, "\(c.name): nothing was imported")
            let rejects = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".rejected.csv") }
            XCTAssertEqual(rejects.count, 1, c.name)
            var text = "=== \(c.name)\n" + result.output.replacingOccurrences(of: scratch.path, with: "$TMP")
            for r in rejects {
                let data = try Data(contentsOf: scratch.appendingPathComponent(r))
                text += "--- \(r)\n" + String(decoding: data, as: UTF8.self)
            }
            transcripts.append(text)
        }
        try BadInputTests.compare(transcripts, with: "expected-import-keep-going.txt")
    }

    /// A file the user may not read. Tests often run as root, who reads it anyway: then
    /// the case is skipped.
    func testAnUnreadableFileIsNamedWithPermissionDenied() throws {
        try Program.requireBinary()
        let store = TemporaryStore.copy()
        let file = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("secret.csv")
        try Data("name,region\nA Co,North\n".utf8).write(to: file)
        XCTAssertEqual(chmod(file.path, 0), 0)
        defer { chmod(file.path, 0o600) }
        if access(file.path, R_OK) == 0 {
            throw XCTSkip("running as root (or with CAP_DAC_OVERRIDE): a mode 000 file is still readable")
        }
        let result = try Program.run([store, "-c", "import \"\(file.path)\" into clients"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("error: cannot read '\(file.path)': permission denied"), result.output)
        XCTAssertEqual(try TemporaryStore.checksum(store), Fixture.template.checksum)
    }

    /// `--read-only` lets a dry run through (it used to be refused at check time), and a
    /// dry run, read-only or not, leaves the store's file exactly as it was.
    func testADryRunWorksOnAReadOnlyStoreAndWritesNothing() throws {
        try Program.requireBinary()
        for readOnly in [true, false] {
            let store = TemporaryStore.copy()
            let file = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("c.csv")
            try BadInputCase.clientsCSV(rows: 3).write(to: file)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
            let result = try Program.run([store] + (readOnly ? ["--read-only"] : []) + ["-c", "import \"\(file.path)\" into clients dry run"])
            XCTAssertEqual(result.status, 0, result.output)
            XCTAssertTrue(result.output.hasPrefix("dry run, nothing written — clients from c.csv: 3 rows read, would insert 3, would update 0\n"),
                          result.output)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store)), bytes, "the store file changed")
            XCTAssertEqual(try TemporaryStore.checksum(store), Fixture.template.checksum)
        }
    }

    /// The largest resident memory seen while `body` runs, above what it was before, in MB.
    static func peakGrowth(_ body: () throws -> Void) rethrows -> Int {
        let before = ResourceTests.residentMegabytes()
        let peak = ManagedAtomicMax()
        let done = DispatchSemaphore(value: 0)
        let sampler = Thread {
            while done.wait(timeout: .now() + .milliseconds(2)) == .timedOut { peak.note(ResourceTests.residentMegabytes()) }
        }
        sampler.start()
        defer { done.signal() }
        try body()
        peak.note(ResourceTests.residentMegabytes())
        return peak.value - before
    }

    final class ManagedAtomicMax: @unchecked Sendable {
        private let lock = NSLock()
        private var max = 0
        func note(_ v: Int) { lock.lock(); if v > max { max = v }; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return max }
    }

    /// Bug 5: `/dev/zero` is refused at once, and a file of one 96 MB line (unquoted, or
    /// inside a quote never closed) is read in bounded memory. Before, the import held the
    /// whole line (and `/dev/zero` reached 11.6 GB).
    func testEndlessAndHugeInputsAreReadInBoundedMemory() throws {
        let dir = URL(fileURLWithPath: TemporaryStore.copy()).deletingLastPathComponent()
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        XCTAssertThrowsError(try Importer.run(file: "/dev/zero", into: .clients, store: store)) { e in
            XCTAssertEqual("\(e)", "cannot read '/dev/zero': it is a device, not a regular file; import reads regular files only")
        }
        let megabytes = 32
        for (name, head, expected) in [
            ("line.csv", "", "cannot read the header row of '\(dir.path)/line.csv': line 1: the field is longer than 64 KiB, the most a field may hold (column 1)"),
            ("quote.csv", "name,region\n\"", "line 2, column \"name\": the quote that opens this field is not closed within 64 KiB, the most a field may hold; a closing quote is probably missing"),
        ] {
            let path = dir.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(head.utf8))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            let chunk = Data(repeating: 0x61, count: 1 << 20)
            for _ in 0..<megabytes { try handle.write(contentsOf: chunk) }
            try handle.close()
            var message = ""
            let growth = try TrustImportTests.peakGrowth {
                do {
                    let report = try Importer.run(file: path, into: .clients, store: store)
                    message = report.errors.map(\.description).joined(separator: "\n")
                } catch {
                    message = "\(error)"
                }
            }
            XCTAssertEqual(message, expected)
            XCTAssertLessThan(growth, 16, "\(name): resident memory grew by \(growth) MB reading a \(megabytes) MB line")
            print("\(name): \(megabytes) MB in one line, resident memory grew by \(growth) MB")
            try FileManager.default.removeItem(atPath: path)
        }
        XCTAssertEqual(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM clients") }, 0)
    }

    // MARK: kill trials

    static let killRows = 20_000

    /// Kills an import of `file` into a fresh fixture copy after `delay` seconds; the copy.
    static func killImport(_ file: String, after delay: Double) throws -> String {
        let store = TemporaryStore.copy()
        let scratch = URL(fileURLWithPath: store).deletingLastPathComponent()
        let logURL = scratch.appendingPathComponent("log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        let process = try Program.start([store, "-c", "import \"\(file)\" into orders"], scratch: scratch, output: log)
        Thread.sleep(forTimeInterval: delay)
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return store
    }

    /// An orders file with an unclosed quote near its end imports nothing, and killed at
    /// any moment leaves the store exactly as before; a valid file of the same size killed
    /// mid-import leaves it exactly before or after.
    func testKillDuringAnImportLeavesBeforeOrAfter() throws {
        try Program.requireBinary()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-kill-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = TrustImportTests.killRows
        let good = dir.appendingPathComponent("good.csv").path
        let broken = dir.appendingPathComponent("broken.csv").path
        try BadInputCase.ordersCSV(rows: rows).write(to: URL(fileURLWithPath: good))
        try BadInputCase.ordersCSV(rows: rows) { $0 == rows - 100 ? "01.02.2025;\"T-x;7701000001;1,00" : $1 }
            .write(to: URL(fileURLWithPath: broken))
        let before = Fixture.template.checksum

        // Complete runs: the broken file changes nothing, the good one gives "after".
        let full = TemporaryStore.copy()
        let refused = try Program.run([full, "-c", "import \"\(broken)\" into orders"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.output.contains("line \(rows - 99), column \"Номер\": the quote that opens this field is never closed"),
                      refused.output)
        XCTAssertEqual(try TemporaryStore.checksum(full), before)
        let started = Date()
        let imported = try Program.run([full, "-c", "import \"\(good)\" into orders"])
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(imported.status, 0, imported.output)
        let after = try TemporaryStore.checksum(full)
        XCTAssertNotEqual(after, before)

        var outcomes: [String] = []
        for (i, fraction) in [0.1, 0.3, 0.5, 0.7, 0.9, 1.1].enumerated() {
            let file = i % 2 == 0 ? broken : good
            let store = try TrustImportTests.killImport(file, after: duration * fraction)
            let outcome = CrashSafetyTests.inspect(store, before: before, after: after)
            outcomes.append(outcome)
            if file == broken {
                XCTAssertEqual(outcome, "before", "an import of a file with an unclosed quote killed at \(fraction) of a run")
            } else {
                XCTAssertTrue(outcome == "before" || outcome == "after", "an import killed at \(fraction) of a run: \(outcome)")
            }
        }
        print("import kill trials: \(outcomes.joined(separator: ", ")) (\(rows) orders, a full import took \(String(format: "%.2f", duration)) s)")
    }
}
