import Foundation
import XCTest
import ClienteleTestSupport

/// A store named with one character ("S", as in the review's reproductions) used to trap
/// inside Foundation's path splitting (NSString.deletingLastPathComponent on Linux).
final class ShortStorePathTests: XCTestCase {
    func run(_ arguments: [String], in folder: URL) throws -> (output: String, status: Int32, signaled: Bool) {
        let process = Process()
        process.executableURL = Program.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = folder.path
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        try FileManager.default.removeItem(at: out)
        return (text, process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    func testOneCharacterStoreNamesWork() throws {
        try Program.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-short-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: TemporaryStore.copy(), toPath: folder.appendingPathComponent("S").path)

        let read = try run(["S", "-c", "clients | count"], in: folder)
        XCTAssertFalse(read.signaled, read.output)
        XCTAssertEqual(read.status, 0, read.output)
        XCTAssertFalse(read.output.isEmpty)

        let made = try run(["init", "T"], in: folder)
        XCTAssertFalse(made.signaled, made.output)
        XCTAssertEqual(made.status, 0, made.output)
        let count = try run(["T", "-c", "clients | count"], in: folder)
        XCTAssertEqual(count.status, 0, count.output)
        XCTAssertTrue(count.output.contains("0"), count.output)

        let onStore = try run(["S", "-o", "S", "-c", "clients | take 1"], in: folder)
        XCTAssertFalse(onStore.signaled, onStore.output)
        XCTAssertEqual(onStore.status, 1, onStore.output)
    }
}
