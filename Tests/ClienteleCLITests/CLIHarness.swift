import Foundation
import XCTest
import ClienteleTestSupport

/// Runs the real `clientele` executable as a subprocess in a scratch directory that also
/// serves as HOME, so no test touches the user's files.
final class CLIHarness {
    let directory: URL
    var environment: [String: String]

    typealias Result = ProgramResult

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = directory.path
        env["CLIENTELE_HISTORY"] = directory.appendingPathComponent("history").path
        env.removeValue(forKey: "XDG_CONFIG_HOME")
        env.removeValue(forKey: "NO_COLOR")
        env.removeValue(forKey: "PAGER")
        environment = env
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The built executable: next to the test bundle, else in .build/debug of the package.
    static var executable: URL { ChildProcess.builtProduct("clientele", besideBundleOf: CLIHarness.self) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }

    /// Runs `clientele ARGS` with `stdin` as its standard input (never a terminal).
    @discardableResult
    func run(_ arguments: [String], stdin: String = "", environment extra: [String: String] = [:]) throws -> Result {
        try ChildProcess.run(CLIHarness.executable, arguments, directory: directory,
                             environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// A store with two clients, made through the binary itself.
    func seededStore(_ name: String = "s.sqlite") throws -> String {
        try emptyStore(name)
        let r = try run([name, "-c", #"add clients name: "ООО «Фармация»", region: "Северо-Запад", curator: "Иванова""#,
                         "-c", #"add clients name: "ИП Ёлкин", region: "North", curator: "Petrov""#])
        XCTAssertEqual(r.status, 0, r.stderr)
        return name
    }

    /// A new empty store (`clientele init`: a batch run does not create one).
    @discardableResult
    func emptyStore(_ name: String) throws -> String {
        let r = try run(["init", name])
        XCTAssertEqual(r.status, 0, r.stderr)
        return name
    }
}
