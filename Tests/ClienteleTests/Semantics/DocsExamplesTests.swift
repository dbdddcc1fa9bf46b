import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Every ```clq block in docs/ must check (names, types, periods) against the catalog, so
/// the documentation cannot drift from the language.
final class DocsExamplesTests: XCTestCase {
    func testEveryDocumentedExampleChecks() throws {
        let docs = Fixture.packageRoot.appendingPathComponent("docs")
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        var blocks = 0
        for file in files {
            let text = try String(contentsOf: docs.appendingPathComponent(file), encoding: .utf8)
            let parts = text.components(separatedBy: "```clq\n").dropFirst()
            for part in parts {
                guard let block = part.components(separatedBy: "```").first else { continue }
                blocks += 1
                let engine = try Fixture.engine()
                let diagnostics = engine.check(block, origin: file)
                XCTAssertEqual(diagnostics, [], "\(file):\n\(block)\n" + diagnostics.map { $0.rendered(source: block, origin: file) }.joined())
            }
        }
        XCTAssertGreaterThan(blocks, 25)
    }
}
