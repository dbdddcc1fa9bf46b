import XCTest
@testable import Clientele
@testable import ClienteleSQLite
import ClienteleTestSupport

/// Language behaviour pinned by golden files: Golden/NAME.clq is split into chunks at lines
/// that are exactly `---`; each chunk runs in one session on the fixture store, and the
/// transcript (each chunk's source behind `> `, then what it printed) must equal NAME.out.
/// Run with CLIENTELE_UPDATE_GOLDEN=1 to rewrite the .out files, then review the diff.
final class GoldenTests: XCTestCase {
    /// The goldens pin the SQL path (`explain` shows it); the same scripts with the
    /// in-memory order facts, or with the order scan, must print the same, apart from `explain`.
    static func transcript(of script: String, facts: FactsCache.Mode = .off) throws -> String {
        chunks(try transcriptChunks(of: script, facts: facts))
    }

    static func chunks(_ parts: [(source: String, output: String)]) -> String {
        parts.map { part in
            part.source.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
                + part.output + "\n"
        }.joined()
    }

    static func transcriptChunks(of script: String, facts: FactsCache.Mode, scans: Bool = false) throws -> [(source: String, output: String)] {
        let engine = try Fixture.engine()
        engine.store.facts.currentMode = facts
        engine.store.facts.scansOrders = scans
        var out: [(String, String)] = []
        for chunk in script.components(separatedBy: "\n---\n") {
            let source = chunk.trimmingCharacters(in: .newlines)
            if source.isEmpty { continue }
            out.append((source, engine.transcript(source, origin: "golden")))
        }
        return out
    }

    func testGoldenScriptsGiveTheSameOutputFromTheInMemoryFacts() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.goldenDirectory.path)
            .filter { $0.hasSuffix(".clq") }.sorted()
        var compared = 0
        for file in files {
            let script = try String(contentsOf: Fixture.goldenDirectory.appendingPathComponent(file), encoding: .utf8)
            let sql = try GoldenTests.transcriptChunks(of: script, facts: .off)
            let cached = try GoldenTests.transcriptChunks(of: script, facts: .always)
            let scanned = try GoldenTests.transcriptChunks(of: script, facts: .off, scans: true)
            XCTAssertEqual(sql.count, cached.count)
            XCTAssertEqual(sql.count, scanned.count)
            for ((a, b), c) in zip(zip(sql, cached), scanned) where !a.source.contains("explain") {
                XCTAssertEqual(a.output, b.output, "\(file), chunk:\n\(a.source)")
                XCTAssertEqual(a.output, c.output, "order scan: \(file), chunk:\n\(a.source)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    func testGoldenScripts() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.goldenDirectory.path)
            .filter { $0.hasSuffix(".clq") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5, "golden scripts are missing")
        let update = ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1"
        for file in files {
            let script = try String(contentsOf: Fixture.goldenDirectory.appendingPathComponent(file), encoding: .utf8)
            let actual = try GoldenTests.transcript(of: script)
            let outURL = Fixture.goldenDirectory.appendingPathComponent(file.replacingOccurrences(of: ".clq", with: ".out"))
            if update {
                try actual.write(to: outURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = (try? String(contentsOf: outURL, encoding: .utf8)) ?? "(missing \(outURL.lastPathComponent))"
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
                XCTFail("\(file): output differs from \(outURL.lastPathComponent) at line \(line + 1):\n  expected: \(line < e.count ? String(e[line]) : "<end>")\n  actual:   \(line < a.count ? String(a[line]) : "<end>")")
            }
        }
    }
}
