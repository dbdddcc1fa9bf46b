import Foundation
import GRDB
import XCTest
import Clientele
import ClienteleTestSupport

/// Issue 15, opening and creating stores (bugs 6, 11, 12; chmod 444; a killed demo).
/// The refusals run as the bad-input corpus `BadInputCase.store` against
/// BadInput/expected-store.txt; the rest needs more than one run of the program.
final class TrustStoreTests: XCTestCase {
    static let clienteleID: UInt32 = 0x434C_4E54

    func testFilesThatAreNotStoresAreRefusedUntouched() throws {
        try Program.requireBinary()
        let outcomes = BadInputTests.runAll(BadInputCase.store)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }
        try BadInputTests.compare(outcomes.map(\.transcript), with: "expected-store.txt")
        print("store cases tried: \(BadInputCase.store.count)")
    }

    /// Bug 6: the foreign file is not switched to WAL and gets no -wal/-shm files either
    /// (in rollback mode or in WAL mode, with or without --read-only).
    func testAForeignDatabaseGetsNoWALFiles() throws {
        try Program.requireBinary()
        for wal in [false, true] {
            let path = TemporaryStore.copy()
            try BadInputCase.foreign(path, "CREATE TABLE foo(a); INSERT INTO foo VALUES (1)", wal: wal)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual(before[18], wal ? 2 : 1, "the journal mode in the header")
            for flags in [[], ["--read-only"]] {
                let r = try Program.run([path] + flags + ["-c", "clients | count"])
                Program.assertStatus(r, 2, "a foreign database")
                XCTAssertEqual(r.output, "clientele: cannot open store '\(path)': not a Clientele store (it has tables foo); "
                               + "it was left untouched. To add Clientele's tables to it on purpose, run: clientele init \(path)\n")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder(path)), ["store.sqlite"], "wal: \(wal)")
        }
    }

    func testAnEmptyFileBecomesAStore() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        try Data().write(to: URL(fileURLWithPath: path))
        let r = try Program.run([path, "--format", "csv", "-c", "clients | count"])
        Program.assertStatus(r, 0, "an empty file")
        XCTAssertEqual(r.output, "clientele: created a new store in the empty file \(path)\ncount\n0\n")
        XCTAssertEqual(try header(path).applicationID, TrustStoreTests.clienteleID)
        let again = try Program.run([path, "--format", "csv", "-c", "clients | count"])
        XCTAssertEqual(again.output, "count\n0\n")
    }

    /// `init` is the way to add Clientele's tables to another program's database on purpose.
    func testInitAddsClienteleTablesBesideAForeignDatabasesOwn() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        try BadInputCase.foreign(path, "CREATE TABLE foo(a); INSERT INTO foo VALUES (41), (42)")
        let r = try Program.run(["init", path])
        Program.assertStatus(r, 0, "init on a foreign database")
        XCTAssertEqual(r.output, "clientele: added Clientele's tables to \(path); its own tables (1) are unchanged\n")
        XCTAssertEqual(try header(path).applicationID, TrustStoreTests.clienteleID)
        let count = try Program.run([path, "--format", "csv", "-c", "clients | count"])
        Program.assertStatus(count, 0, "the initialised store")
        XCTAssertEqual(count.output, "count\n0\n")
        let queue = try DatabaseQueue(path: path)
        XCTAssertEqual(try queue.read { try Int.fetchAll($0, sql: "SELECT a FROM foo ORDER BY a") }, [41, 42])
        try queue.close()

        let again = try Program.run(["init", path])
        Program.assertStatus(again, 0, "init on a store")
        XCTAssertEqual(again.output, "clientele: \(path) is already a Clientele store; it is up to date\n")
        let fresh = folder(path) + "/fresh.sqlite"
        let created = try Program.run(["init", fresh])
        Program.assertStatus(created, 0, "init on a new path")
        XCTAssertEqual(created.output, "clientele: created a new store at \(fresh)\n")
        XCTAssertEqual(try header(fresh).applicationID, TrustStoreTests.clienteleID)
    }

    /// A store made before the marker: it opens, read-only leaves it byte for byte, and the
    /// next write-open marks it.
    func testAStoreMadeBeforeTheMarkerOpensAndIsMarkedOnItsNextWriteOpen() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        try BadInputCase.setApplicationID(0, path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let read = try Program.run([path, "--read-only", "--format", "csv", "-c", "clients | count"])
        Program.assertStatus(read, 0, "an unmarked store, read-only")
        XCTAssertEqual(read.output, "count\n8\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        let write = try Program.run([path, "--format", "csv", "-c", "clients | count"])
        Program.assertStatus(write, 0, "an unmarked store")
        XCTAssertEqual(write.output, "count\n8\n")
        XCTAssertEqual(try header(path).applicationID, TrustStoreTests.clienteleID)
        XCTAssertEqual(try TemporaryStore.checksum(path), Fixture.template.checksum)
    }

    /// Bug 11: eight programs creating the same new store at once all succeed alike (a
    /// batch run no longer creates a store, so `init`, which does, is what races).
    func testEightProgramsCreatingOneNewStoreAtOnceAllSucceed() throws {
        try Program.requireBinary()
        for round in 0..<4 {
            let dir = URL(fileURLWithPath: folder(TemporaryStore.copy()))
            let path = dir.appendingPathComponent("new-\(round).sqlite").path
            var runs: [(Process, String)] = []
            for i in 0..<8 {
                let out = dir.appendingPathComponent("out-\(i)").path
                FileManager.default.createFile(atPath: out, contents: nil)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
                runs.append((try Program.start(["init", path], scratch: dir, output: handle), out))
            }
            // One of them made it (and says so); the others found it made.
            let created = "clientele: created a new store at \(path)\n"
            let found = "clientele: \(path) is already a Clientele store; it is up to date\n"
            var makers = 0
            for (process, out) in runs {
                process.waitUntilExit()
                let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                XCTAssertEqual(process.terminationStatus, 0, "round \(round): \(text)")
                if text == created { makers += 1 } else { XCTAssertEqual(text, found, "round \(round)") }
                try? FileManager.default.removeItem(atPath: out)
            }
            XCTAssertEqual(makers, 1, "round \(round): programs that say they created the store")
            let answer = try Program.run([path, "--format", "csv", "-c", "clients | count", "-c", "settings | count"])
            XCTAssertEqual(answer.output, "count\n0\ncount\n\(try TrustStoreTests.settingCount())\n", "round \(round)")
            let queue = try DatabaseQueue(path: path)
            XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }, "ok")
            XCTAssertEqual(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") },
                           try TrustStoreTests.migrationCount())
            try queue.close()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("clientele-new") }
            XCTAssertEqual(leftovers, [], "temporary files left behind")
        }
    }

    /// Bug 12: a store in a folder nobody may write to (a read-only bind mount, so that it
    /// holds for root too) can be read, with a note; a change is refused when checked.
    func testAStoreInAReadOnlyFolderCanBeRead() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        let dir = folder(path)
        guard TrustStoreTests.command("/usr/bin/mount", ["--bind", dir, dir]) else {
            throw XCTSkip("cannot bind-mount a folder here (mount needs root and a kernel that allows it)")
        }
        defer { _ = TrustStoreTests.command("/usr/bin/umount", [dir]) }
        guard TrustStoreTests.command("/usr/bin/mount", ["-o", "remount,bind,ro", dir]) else {
            throw XCTSkip("cannot remount a bind mount read-only here")
        }
        let note = "clientele: note: '\(path)' is in a folder this program cannot write to, so it is read as it was "
            + "when opened: changes other programs make to it meanwhile are not seen\n"
        for flags in [[], ["--read-only"]] {
            let r = try Program.run([path] + flags + ["--format", "csv", "-c", "clients | count"])
            Program.assertStatus(r, 0, "reading in a read-only folder \(flags)")
            XCTAssertEqual(r.output, note + "count\n8\n")
        }
        let add = try Program.run([path, "-c", "add clients name: \"Ghost\""])
        Program.assertStatus(add, 1, "a change in a read-only folder")
        XCTAssertEqual(add.output, note + """
            error: the store is read-only because it is on a read-only file system: add is refused
             --> <command line>:1:1
              |
            1 | add clients name: "Ghost"
              | ^^^^^^^^^^^^^^^^^^^^^^^^^
              = help: make the store file and its folder writable to change data

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["store.sqlite"])
        XCTAssertEqual(try TemporaryStore.checksum(path), Fixture.template.checksum)
    }

    /// A store file without write permission refuses a change when the script is checked,
    /// saying why. Root may write to any file, so as root the program runs as `nobody`.
    func testAReadOnlyStoreFileRefusesChangesWhenChecked() throws {
        try Program.requireBinary()
        let path = TemporaryStore.copy()
        let dir = folder(path)
        var prefix: [String] = []
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw XCTSkip("running as root without setpriv: a chmod 444 file is writable for root")
            }
            prefix = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            XCTAssertTrue(TrustStoreTests.command("/bin/chown", ["-R", "nobody:nogroup", dir]))
        }
        XCTAssertEqual(chmod(path, 0o444), 0)
        let add = try TrustStoreTests.run(prefix, [path, "-c", "clients | count", "-c", "add clients name: \"Ghost\""])
        XCTAssertEqual(add.status, 1, add.output)
        XCTAssertEqual(add.output, """
            error: the store is read-only because the file is read-only (no permission to write to it): add is refused
             --> <command line>:2:1
              |
            2 | add clients name: "Ghost"
              | ^^^^^^^^^^^^^^^^^^^^^^^^^
              = help: make the store file and its folder writable to change data

            """)
        let read = try TrustStoreTests.run(prefix, [path, "--format", "csv", "-c", "clients | count"])
        XCTAssertEqual(read.status, 0, read.output)
        XCTAssertEqual(read.output, "count\n8\n")
        XCTAssertEqual(try TemporaryStore.checksum(path), Fixture.template.checksum)
    }

    /// A killed `demo` leaves nothing at --out, and its temporary file does not block a rerun.
    func testAKilledDemoLeavesNothingThatBlocksARerun() throws {
        try Program.requireBinary()
        let dir = URL(fileURLWithPath: folder(TemporaryStore.copy()))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("store.sqlite"))
        let out = dir.appendingPathComponent("demo.sqlite").path
        let log = dir.appendingPathComponent("log").path
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let demo = try Program.start(["demo", "--clients", "200000", "--out", out], scratch: dir, output: handle)
        // Kill it once it has started writing (a file other than the log appears).
        while demo.isRunning,
              (try FileManager.default.contentsOfDirectory(atPath: dir.path)).filter({ $0 != "log" }).isEmpty {
            usleep(5_000)
        }
        usleep(200_000)
        XCTAssertTrue(demo.isRunning, "the demo ended before it could be killed")
        kill(demo.processIdentifier, SIGKILL)
        demo.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "a killed demo left a store at --out")
        let rerun = try Program.run(["demo", "--clients", "5", "--out", out])
        Program.assertStatus(rerun, 0, "the demo after a killed one")
        XCTAssertTrue(rerun.output.hasPrefix("created \(out): 5 clients"), rerun.output)
        XCTAssertEqual(try header(out).applicationID, TrustStoreTests.clienteleID)
    }

    // MARK: Helpers

    func folder(_ path: String) -> String { PathText.folder(of: path) }

    func header(_ path: String) throws -> (applicationID: UInt32, userVersion: UInt32) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)
        func int(_ at: Int) -> UInt32 { data[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        return (int(68), int(60))
    }

    /// How many migrations a complete store has applied (the fixture's).
    static func migrationCount() throws -> Int {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: Fixture.template.path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 }
    }

    static func settingCount() throws -> Int {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: Fixture.template.path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM settings") ?? 0 }
    }

    /// Runs a helper command; true when it exits 0.
    static func command(_ tool: String, _ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Runs the program behind `prefix` (e.g. setpriv), stdout and stderr merged.
    static func run(_ prefix: [String], _ arguments: [String]) throws -> (output: String, status: Int32) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        FileManager.default.createFile(atPath: out, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        defer { try? handle.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: prefix.first ?? Program.binary.path)
        p.arguments = (prefix.isEmpty ? [] : Array(prefix.dropFirst()) + [Program.binary.path]) + arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = dir.path
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "XDG_CONFIG_HOME")
        env.removeValue(forKey: "PAGER")
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        return (String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self), p.terminationStatus)
    }
}
