import Foundation
import XCTest
import ClienteleTestSupport

/// The bad-input corpus: every case in BadInput/ (NNN-name.clq, run as `clientele STORE -c
/// TEXT`) and every generated case in BadInputCase.generated runs through the real program
/// against its own copy of the fixture store. Each must print exactly what
/// BadInput/expected.txt says (stdout and stderr merged), must not crash, must leave the
/// store's content checksum unchanged and, once the real CLI has landed, must exit 1 (2
/// for a store that cannot be opened, 0 for an empty script).
///
/// CLIENTELE_UPDATE_GOLDEN=1 rewrites the expected transcripts; review every message.
final class BadInputTests: XCTestCase {
    static let corpus = Fixture.packageRoot.appendingPathComponent("Tests/ClienteleCLITests/BadInput")

    struct Outcome {
        var transcript: String
        var failures: [String]
    }

    func testEveryBadInputIsRefusedCleanlyAndChangesNothing() throws {
        try Program.requireBinary()
        let files = try FileManager.default.contentsOfDirectory(at: BadInputTests.corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "clq" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 150, "the corpus is missing cases")
        let cases = try files.map(BadInputCase.fromFile) + BadInputCase.generated
        let runnable = cases.filter { !$0.needsRealCLI || Program.realCLI }
        let outcomes = BadInputTests.runAll(runnable)
        for o in outcomes { o.failures.forEach { XCTFail($0) } }

        try compare(outcomes.indices.filter { !runnable[$0].needsRealCLI }.map { outcomes[$0].transcript },
                    with: "expected.txt")
        if Program.realCLI {
            try compare(outcomes.indices.filter { runnable[$0].needsRealCLI }.map { outcomes[$0].transcript },
                        with: "expected-real-cli.txt")
        }
        print("bad inputs tried: \(runnable.count) of \(cases.count) (\(files.count) files, \(BadInputCase.generated.count) generated)")
    }

    /// Runs the cases two at a time (CI has two cores), each on its own store copy.
    static func runAll(_ cases: [BadInputCase]) -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: cases.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let o = run(cases[i])
            lock.lock(); outcomes[i] = o; lock.unlock()
        }
        return outcomes.map { $0! }
    }

    static func run(_ c: BadInputCase) -> Outcome {
        var failures: [String] = []
        let store = TemporaryStore.copy()
        let scratch = URL(fileURLWithPath: store).deletingLastPathComponent()
        do {
            try c.prepareStore?(store)
            let before = fileContents(store)
            let result = try Program.run(try c.arguments(store, scratch), input: c.input)
            let output = result.output
                .replacingOccurrences(of: scratch.path, with: "$TMP")
            if result.signaled { failures.append("\(c.name): the program crashed:\n\(output)") }
            if Program.realCLI {
                let expected: Int32 = c.expectation == .succeedsSilently ? 0 : (c.expectation == .usageError ? 2 : 1)
                if result.status != expected { failures.append("\(c.name): exit status \(result.status), expected \(expected)") }
            }
            switch c.expectation {
            case .succeedsSilently:
                if !output.isEmpty { failures.append("\(c.name): expected no output, got:\n\(output)") }
            case .checkOrRuntimeError:
                if !output.contains("error") { failures.append("\(c.name): no error reported:\n\(output)") }
            case .usageError:
                if !output.hasPrefix("clientele: ") { failures.append("\(c.name): no usage error reported:\n\(output)") }
            }
            if c.prepareStore == nil {
                let after = try TemporaryStore.checksum(store)
                if after != Fixture.template.checksum { failures.append("\(c.name): the store changed") }
            } else if fileContents(store) != before {
                failures.append("\(c.name): the file given as a store changed")
            }
            failures += c.afterRun?(store, scratch).map { "\(c.name): \($0)" } ?? []
            try? FileManager.default.removeItem(at: scratch)
            return Outcome(transcript: "=== \(c.name)\n\(output)", failures: failures)
        } catch {
            return Outcome(transcript: "=== \(c.name)\n(could not run: \(error))\n", failures: ["\(c.name): \(error)"])
        }
    }

    static func fileContents(_ path: String) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    func compare(_ transcripts: [String], with file: String) throws {
        try BadInputTests.compare(transcripts, with: file)
    }

    /// Compares transcripts with BadInput/`file` (CLIENTELE_UPDATE_GOLDEN=1 rewrites it).
    static func compare(_ transcripts: [String], with file: String) throws {
        let actual = transcripts.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined(separator: "\n")
        let url = BadInputTests.corpus.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing \(file): run with CLIENTELE_UPDATE_GOLDEN=1)"
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let caseName = a[..<min(line, a.count)].last { $0.hasPrefix("=== ") } ?? "?"
        XCTFail("\(file) differs at line \(line + 1) (\(caseName)):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")")
    }
}
