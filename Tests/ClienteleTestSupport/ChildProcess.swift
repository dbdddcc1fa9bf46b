import Foundation

/// What a program run by a test printed and how it ended.
public struct ProgramResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the package's built programs (`clientele`, the example host) from tests.
public enum ChildProcess {
    /// A product of this package: beside the test bundle (`swift test`), else in .build/debug.
    public static func builtProduct(_ name: String, besideBundleOf anyClass: AnyClass) -> URL {
        let beside = Bundle(for: anyClass).bundleURL.deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Fixture.packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// Runs `executable ARGS` to its end, `stdin` as its standard input (an empty one when nil,
    /// never a terminal). Both pipes are read before waiting, so a large output cannot block it.
    public static func run(_ executable: URL, _ arguments: [String], directory: URL? = nil,
                           environment: [String: String], stdin: String? = nil) throws -> ProgramResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        final class Box: @unchecked Sendable { var data = Data() }
        let err = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { err.data = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProgramResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err.data, as: UTF8.self))
    }
}
