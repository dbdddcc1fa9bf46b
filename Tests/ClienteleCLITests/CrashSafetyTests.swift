import Foundation
import XCTest
import Clientele
import GRDB
import ClienteleTestSupport

/// The program killed with SIGKILL at random moments during a large update: after each
/// kill the store passes `PRAGMA integrity_check` and holds exactly the state before or
/// exactly the state after the update, never anything in between.
final class CrashSafetyTests: XCTestCase {
    static let trials = 24
    static let orders = 30_000
    static let update = "update orders | where id > 0 set gross = gross + 1"

    func testKillDuringALargeUpdateLeavesBeforeOrAfterNeverBetween() throws {
        try Program.requireBinary()
        let before = BigStores.template(orders: CrashSafetyTests.orders).checksum

        let (after, duration) = try CrashSafetyTests.completeRun()
        XCTAssertNotEqual(after, before)

        // Kill moments spread over the whole run, from start-up to past the commit. The
        // children run one at a time (so the moments mean what they say); the checksums
        // afterwards, the slow part in a debug build, two at a time.
        var random = SeededRandom(seed: 2024)
        let delays = (0..<CrashSafetyTests.trials).map { _ in Double(random.next() % 1000) / 1000 * duration * 1.3 }
        let killed = try delays.map { try kill(after: $0) }
        var outcomes = [String](repeating: "", count: delays.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: delays.count) { trial in
            let outcome = CrashSafetyTests.inspect(killed[trial], before: before, after: after)
            lock.lock(); outcomes[trial] = "\(outcome) (killed at \(String(format: "%.3f", delays[trial])) s)"; lock.unlock()
        }
        outcomes = outcomes.map { $0.hasPrefix("before") ? "before" : ($0.hasPrefix("after") ? "after" : $0) }
        let survivedBefore = outcomes.filter { $0 == "before" }.count
        let survivedAfter = outcomes.filter { $0 == "after" }.count
        XCTAssertEqual(survivedBefore + survivedAfter, CrashSafetyTests.trials, outcomes.joined(separator: ", "))
        print("kill trials: \(survivedBefore + survivedAfter) of \(CrashSafetyTests.trials) survived (\(survivedBefore) before, \(survivedAfter) after; "
              + "\(CrashSafetyTests.orders) orders, a full update took \(String(format: "%.2f", duration)) s)")
    }

    /// One complete run: the checksum of the state after, and how long a run takes.
    static func completeRun() throws -> (checksum: String, duration: Double) {
        if let done = completed { return done }
        let full = BigStores.copy(orders: orders)
        let started = Date()
        let result = try Program.run([full, "-c", update])
        let duration = Date().timeIntervalSince(started)
        XCTAssertTrue(result.output.contains("orders updated"), result.output)
        completed = (try TemporaryStore.checksum(full), duration)
        return completed!
    }
    private static var completed: (checksum: String, duration: Double)?

    /// Ctrl-C (SIGINT) during the update: the store is sound and before or after. With the
    /// real CLI the program reports the interrupt and rolls back; the temporary driver just
    /// dies, which must be just as safe.
    func testCtrlCDuringALargeUpdateLeavesBeforeOrAfter() throws {
        try Program.requireBinary()
        let before = BigStores.template(orders: CrashSafetyTests.orders).checksum
        let (after, duration) = try CrashSafetyTests.completeRun()
        for fraction in [0.2, 0.4, 0.6, 0.8] {
            let path = try kill(after: duration * fraction, signal: SIGINT)
            let outcome = CrashSafetyTests.inspect(path, before: before, after: after)
            XCTAssertTrue(outcome == "before" || outcome == "after", "SIGINT at \(fraction) of a run: \(outcome)")
        }
    }

    /// Issue 15, bug 7: a script adds a client, exports it, then runs the large update; it
    /// is killed at seeded moments from start-up to past the end. Whenever the store is
    /// the state before, no export file exists, final or temporary: no file is left
    /// claiming data that was rolled back. The store is always before or after.
    func testKillDuringAScriptThatExportsLeavesNoFileOfARolledBackScript() throws {
        try Program.requireBinary()
        let script = """
            add clients name: "Ghost"
            export clients | where name == "Ghost" to "g.csv"
            \(CrashSafetyTests.update)
            """
        let before = BigStores.template(orders: CrashSafetyTests.orders).checksum
        // One complete run, for its duration and to check that the file does appear then.
        let full = BigStores.copy(orders: CrashSafetyTests.orders)
        let fullFolder = URL(fileURLWithPath: full).deletingLastPathComponent()
        try Data(script.utf8).write(to: fullFolder.appendingPathComponent("script.clq"))
        let started = Date()
        let done = try Program.run(["run", fullFolder.appendingPathComponent("script.clq").path, "--store", full])
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(done.status, 0, done.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fullFolder.appendingPathComponent("g.csv").path))
        // The added client's created_at is the time of the run, so "after" is the update's
        // total and exactly one Ghost, not a checksum.
        let after = try CrashSafetyTests.ghostsAndGross(full)
        XCTAssertEqual(after.ghosts, 1)
        try? FileManager.default.removeItem(at: fullFolder)

        var random = SeededRandom(seed: 2026)
        var outcomes: [String] = []
        for _ in 0..<10 {
            let delay = Double(random.next() % 1000) / 1000 * duration * 1.5
            let path = BigStores.copy(orders: CrashSafetyTests.orders)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let scriptPath = folder.appendingPathComponent("script.clq")
            try Data(script.utf8).write(to: scriptPath)
            let logURL = folder.appendingPathComponent("log")
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            let process = try Program.start(["run", scriptPath.path, "--store", path], scratch: folder, output: log)
            Thread.sleep(forTimeInterval: delay)
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? log.close()
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { !$0.hasPrefix("big.sqlite") && $0 != "script.clq" && $0 != "log" }.sorted()
            let outcome = CrashSafetyTests.exportTrialOutcome(path, before: before, after: after)
            try? FileManager.default.removeItem(at: folder)
            XCTAssertTrue(outcome == "before" || outcome == "after", "killed at \(delay) s: \(outcome)")
            if outcome == "before" {
                XCTAssertEqual(files, [], "killed at \(delay) s, the store is as before, but these files remain")
            } else {
                XCTAssertTrue(files == [] || files == ["g.csv"], "killed at \(delay) s: \(files)")
            }
            outcomes.append(outcome)
        }
        print("export kill trials: \(outcomes.filter { $0 == "before" }.count) before, \(outcomes.filter { $0 == "after" }.count) after")
    }

    /// Ghost clients and the orders' total gross in the store at `path`.
    static func ghostsAndGross(_ path: String) throws -> (ghosts: Int, gross: Int) {
        try Store(path: path, readOnly: true).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM clients WHERE name = 'Ghost'") ?? -1,
             try Int.fetchOne(db, sql: "SELECT sum(gross_minor) FROM orders") ?? -1)
        }
    }

    /// "before" (the checksum), "after" (one Ghost and the updated total), or what is wrong.
    static func exportTrialOutcome(_ path: String, before: String, after: (ghosts: Int, gross: Int)) -> String {
        do {
            let store = try Store(path: path, readOnly: true)
            let integrity = try store.integrity()
            guard integrity == "ok" else { return "integrity check: \(integrity)" }
            if try store.contentChecksum() == before { return "before" }
            let now = try ghostsAndGross(path)
            return now == after ? "after" : "neither before nor after (\(now.ghosts) Ghost, gross \(now.gross))"
        } catch {
            return "\(error)"
        }
    }

    /// Starts the update on a fresh copy and kills it after `delay` seconds; the copy's path.
    func kill(after delay: Double, signal: Int32 = SIGKILL) throws -> String {
        let path = BigStores.copy(orders: CrashSafetyTests.orders)
        let scratch = URL(fileURLWithPath: path).deletingLastPathComponent()
        let logURL = scratch.appendingPathComponent("log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        let process = try Program.start([path, "-c", CrashSafetyTests.update], scratch: scratch, output: log)
        Thread.sleep(forTimeInterval: delay)
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return path
    }

    /// "before", "after", or what is wrong with the store at `path`.
    static func inspect(_ path: String, before: String, after: String) -> String {
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent()) }
        do {
            let store = try Store(path: path, readOnly: true)
            let integrity = try store.integrity()
            guard integrity == "ok" else { return "integrity check: \(integrity)" }
            let checksum = try store.contentChecksum()
            return checksum == before ? "before" : (checksum == after ? "after" : "neither before nor after")
        } catch {
            return "\(error)"
        }
    }
}
