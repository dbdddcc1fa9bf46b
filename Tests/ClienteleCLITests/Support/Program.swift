import Foundation
import XCTest
import ClienteleTestSupport

/// The real `clientele` executable, run as a child process (scripts/test builds it before
/// the tests run).
enum Program {
    /// The real CLI (exit codes 0/1/2, diagnostics on stderr, a script on stdin, `run FILE`,
    /// `--read-only`). False skips the checks that need it, for a build with the temporary
    /// driver it replaced (only `-c TEXT`, always exit 0, a crash on a bad store).
    static let realCLI = true

    static let binary = Fixture.packageRoot.appendingPathComponent(".build/debug/clientele")

    struct Result {
        /// stdout and stderr merged, in the order they were written.
        var output: String
        var status: Int32
        /// Killed by a signal (a crash) rather than exiting.
        var signaled: Bool
    }

    enum Input {
        case none
        case file(String)
        case bytes(Data)
    }

    /// Runs the program to completion. Output goes to a file (both streams to one file, so
    /// the order is kept and a full pipe can never block the child).
    static func run(_ arguments: [String], input: Input = .none, environment: [String: String]? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path
        FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        defer { try? out.close() }
        let process = try start(arguments, input: input, scratch: scratch, output: out, environment: environment)
        process.waitUntilExit()
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        return Result(output: String(decoding: data, as: UTF8.self), status: process.terminationStatus,
                      signaled: process.terminationReason == .uncaughtSignal)
    }

    /// Starts the program without waiting (for kill and concurrency tests).
    static func start(_ arguments: [String], input: Input = .none, scratch: URL, output: FileHandle,
                      environment: [String: String]? = nil) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // HOME in the scratch folder: no init file, history or settings of the user's.
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = scratch.path
        env["CLIENTELE_HISTORY"] = scratch.appendingPathComponent("history").path
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "XDG_CONFIG_HOME")
        env.removeValue(forKey: "PAGER")
        process.environment = env.merging(environment ?? [:]) { $1 }
        switch input {
        case .none: process.standardInput = FileHandle.nullDevice
        case .file(let path): process.standardInput = FileHandle(forReadingAtPath: path)
        case .bytes(let data):
            let path = scratch.appendingPathComponent("stdin-\(UUID().uuidString)").path
            FileManager.default.createFile(atPath: path, contents: data)
            process.standardInput = FileHandle(forReadingAtPath: path)
        }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// Fails the test early, with a clear message, when the binary has not been built.
    static func requireBinary() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("\(binary.path) is missing: run `swift build` first (scripts/test does)")
        }
    }

    /// Exit-code expectation, asserted only once the real CLI has landed.
    static func assertStatus(_ result: Result, _ expected: Int32, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.signaled, "\(what): the program crashed\n\(result.output)", file: file, line: line)
        if realCLI {
            XCTAssertEqual(result.status, expected, "\(what): exit status\n\(result.output)", file: file, line: line)
        }
    }
}
