import Foundation
import XCTest
import Clientele
import ClienteleTestSupport

/// Issue 15, every file the program writes (see TrustOutputsCases.swift for the corpus):
/// never onto the store, every write checked (a full device, a full file system), files of
/// a script only when it commits, no silent overwrite, no spreadsheet formulas.
final class TrustOutputsTests: XCTestCase {
    func testEveryOutputCaseIsRefusedCleanlyAndChangesNothing() throws {
        try Program.requireBinary()
        try TrustOutputsTests.requireFullDevice()
        let outcomes = BadInputTests.runAll(BadInputCase.outputs)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }
        try BadInputTests.compare(outcomes.map(\.transcript), with: "expected-outputs.txt")
        print("output cases tried: \(BadInputCase.outputs.count)")
    }

    // MARK: - Output onto the store, spelled relative to the working directory

    func testOutputOntoTheStoreSpelledRelativeToTheWorkingDirectoryIsRefused() throws {
        try Program.requireBinary()
        let store = TemporaryStore.copy()
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        for spelling in ["store.sqlite", "./store.sqlite", "../\(folder.lastPathComponent)/store.sqlite", "store.sqlite-wal"] {
            let r = try TrustOutputsTests.shell("exec \"$CLIENTELE\" store.sqlite -o '\(spelling)' -c 'clients | take 1'", in: folder)
            XCTAssertEqual(r.status, 1, spelling)
            let what = spelling.hasSuffix("-wal") ? "the open store's write-ahead log" : "the open store (writing there would destroy it)"
            XCTAssertEqual(r.output, "error: cannot write to '\(spelling)': it is \(what); choose another file\n")
            XCTAssertEqual(try TemporaryStore.checksum(store), Fixture.template.checksum)
        }
        // .output in the REPL's language, in a script on stdin, relative to the working folder.
        let r = try TrustOutputsTests.shell("printf '.output ./store.sqlite\\nclients | count\\n' | \"$CLIENTELE\" store.sqlite", in: folder)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.output, "error: cannot write to './store.sqlite': it is the open store (writing there would destroy it); choose another file\n")
        XCTAssertEqual(try TemporaryStore.checksum(store), Fixture.template.checksum)
    }

    // MARK: - Write errors: a full device, a full file system

    func testResultsToAFullDeviceFailWithTheReason() throws {
        try Program.requireBinary()
        try TrustOutputsTests.requireFullDevice()
        defer { XCTAssertNoThrow(try TrustOutputsTests.requireFullDevice(), "a test replaced /dev/full") }
        let store = TemporaryStore.copy()
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Standard output is /dev/full.
        let r = try TrustOutputsTests.shell("exec \"$CLIENTELE\" store.sqlite --format csv -c 'orders' > /dev/full", in: folder)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.hasPrefix("error: cannot write results to standard output: the disk is full\n"), r.output)
        // A change whose results cannot be written is rolled back.
        let change = try TrustOutputsTests.shell("exec \"$CLIENTELE\" store.sqlite -c 'add clients name: \"Lost\"' > /dev/full", in: folder)
        XCTAssertEqual(change.status, 1)
        XCTAssertTrue(change.output.contains("cannot write results to standard output: the disk is full"), change.output)
        XCTAssertTrue(change.output.hasSuffix("nothing was changed by this script.\n"), change.output)
        XCTAssertEqual(try TemporaryStore.checksum(store), Fixture.template.checksum)
        XCTAssertEqual(try TrustOutputsTests.leftovers(folder), [])
    }

    /// A 64 KiB tmpfs: a 1.6 MB result streams into it and fails part-way (the partial file
    /// is removed); an export into it fails and leaves no file; results on standard output
    /// into a file there fail with the reason.
    func testResultsToATinyFileSystemFailAndLeaveNoPartialFile() throws {
        try Program.requireBinary()
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-tiny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mount = try TrustOutputsTests.shell("mount -t tmpfs -o size=64k tmpfs '\(mountPoint.path)' 2>&1", in: mountPoint)
        guard mount.status == 0 else {
            print("skipped the tiny file system test: cannot mount a tmpfs here (\(mount.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            throw XCTSkip("cannot mount a tmpfs here: \(mount.output)")
        }
        defer { _ = try? TrustOutputsTests.shell("umount '\(mountPoint.path)'", in: FileManager.default.temporaryDirectory) }
        let store = BigStores.copy(orders: CrashSafetyTests.orders)
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = BigStores.template(orders: CrashSafetyTests.orders).checksum
        let tiny = mountPoint.path

        let o = try Program.run([store, "--format", "csv", "-o", tiny + "/orders.csv", "-c", "orders"])
        XCTAssertEqual(o.status, 1, o.output)
        XCTAssertTrue(o.output.hasPrefix("error: cannot write results to '\(tiny)/orders.csv': the disk is full; the partial file was removed\n"), o.output)

        let e = try Program.run([store, "-c", "export orders to \"\(tiny)/orders.csv\""])
        XCTAssertEqual(e.status, 1, e.output)
        XCTAssertTrue(e.output.hasPrefix("error: cannot write '\(tiny)/orders.csv': the disk is full\n"), e.output)

        let s = try TrustOutputsTests.shell("exec \"$CLIENTELE\" '\(store)' --format csv -c 'orders' > '\(tiny)/stdout.csv'", in: folder)
        XCTAssertEqual(s.status, 1, s.output)
        XCTAssertTrue(s.output.hasPrefix("error: cannot write results to standard output: the disk is full\n"), s.output)
        try FileManager.default.removeItem(atPath: tiny + "/stdout.csv")   // the shell's file, not the program's

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tiny), [], "a partial file remains")
        XCTAssertEqual(try TemporaryStore.checksum(store), before)
    }

    // MARK: - Files of a rolled-back script, the init file

    func testAnExportOfACommittedScriptAppearsAndReplaceOverwrites() throws {
        try Program.requireBinary()
        let store = TemporaryStore.copy()
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("g.csv").path
        var r = try Program.run([store, "-c", "add clients name: \"Ghost\"", "-c", "export clients | where name == \"Ghost\" | select name to \"\(csv)\""])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8), "name\nGhost\n")
        r = try Program.run([store, "-c", "export clients | where name == \"Ghost\" | select id to \"\(csv)\" replace"])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("id\n"))
        XCTAssertEqual(try TrustOutputsTests.leftovers(folder), ["g.csv"])
    }

    func testAnInitFileThatChangesTheStoreIsReportedApart() throws {
        try Program.requireBinary()
        let store = TemporaryStore.copy()
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let initFile = folder.appendingPathComponent("init.clq").path
        try Data("add clients name: \"From init\"\n".utf8).write(to: URL(fileURLWithPath: initFile))
        let r = try Program.run([store, "--init", initFile, "-c", "orders | select x = net / 0"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.hasPrefix("clientele: the init file '\(initFile)' changed the store; its changes are saved, apart from what runs next\n"), r.output)
    }

    // MARK: - Spreadsheet formulas

    func testCSVExportsShowFormulaLikeTextAsTextAndKeepNumbers() throws {
        try Program.requireBinary()
        let store = TemporaryStore.copy()
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = #"orders | take 1 | select n = 0 - net, a = "=1+2", b = "+1", c = "-1", d = "@SUM(A1)", e = "\ttab", f = "a=b""#
        let guarded = folder.appendingPathComponent("guarded.csv").path
        let kept = folder.appendingPathComponent("kept.csv").path
        let json = folder.appendingPathComponent("raw.json").path
        let r = try Program.run([store, "-c", "export \(pipeline) to \"\(guarded)\"", "-c", "export \(pipeline) to \"\(kept)\" keep formulas",
                                 "-c", "export \(pipeline) to \"\(json)\""])
        XCTAssertEqual(r.status, 0, r.output)
        let lines = try String(contentsOfFile: guarded, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "n,a,b,c,d,e,f")
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(cells[0].hasPrefix("-"), "a negative amount stays a number: \(cells[0])")
        XCTAssertEqual(Array(cells[1...]), ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\ttab", "a=b"])
        let raw = try String(contentsOfFile: kept, encoding: .utf8).split(separator: "\n")[1]
        XCTAssertEqual(Array(raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[1...]),
                       ["=1+2", "+1", "-1", "@SUM(A1)", "\"\ttab\"", "a=b"])
        XCTAssertTrue(try String(contentsOfFile: json, encoding: .utf8).contains(#""a": "=1+2""#))
    }

    // MARK: - Helpers

    /// /dev/full must be the character device (an older clientele, run as root, replaced it
    /// with a plain file by writing `-o /dev/full` through a rename).
    static func requireFullDevice() throws {
        var st = stat()
        guard stat("/dev/full", &st) == 0, (st.st_mode & S_IFMT) == S_IFCHR else {
            XCTFail("/dev/full is not the full device here (a plain file?): restore it with `mknod -m 666 /dev/full c 1 7`")
            throw XCTSkip("/dev/full is not a device")
        }
    }

    /// Runs `command` with /bin/sh in `folder`, with CLIENTELE set to the program; stdout
    /// and stderr of the shell merged (the command redirects the program's own stdout).
    static func shell(_ command: String, in folder: URL) throws -> (output: String, status: Int32) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-sh-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["CLIENTELE"] = Program.binary.path
        env["HOME"] = folder.path
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "XDG_CONFIG_HOME")
        env.removeValue(forKey: "PAGER")
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return (output, process.terminationStatus)
    }

    /// Files in the folder other than the store and its companions.
    static func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix("store.sqlite") && !$0.hasPrefix("big.sqlite") }.sorted()
    }
}
