import Foundation
import XCTest
import ClienteleTestSupport

/// The example host (`Examples/ClienteleHost`, walked through in docs/embedding.md) builds
/// with the package and does what the document says it does.
final class ExampleHostTests: XCTestCase {
    static var executable: URL {
        let besideBundle = Bundle(for: ExampleHostTests.self).bundleURL.deletingLastPathComponent()
            .appendingPathComponent("clientele-example-host")
        if FileManager.default.isExecutableFile(atPath: besideBundle.path) { return besideBundle }
        return Fixture.packageRoot.appendingPathComponent(".build/debug/clientele-example-host")
    }

    func testTheExampleHostRunsEveryStepOfTheWalkThrough() throws {
        let process = Process()
        process.executableURL = ExampleHostTests.executable
        process.arguments = ["1500"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, err)
        XCTAssertEqual(err, "")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        func section(_ title: String) -> [String] {
            guard let start = lines.firstIndex(of: "== " + title) else { XCTFail("no section '\(title)' in:\n\(out)"); return [] }
            return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("== ") })
        }

        XCTAssertTrue(lines.first?.hasPrefix("== a demo store: 1500 clients, ") == true, out)

        // Typed rows: five clients, largest turnover first.
        let top = section("the five largest clients by turnover")
        XCTAssertEqual(top.count, 5, out)
        // Each line: the turnover, then the host function's VAT: a sixth of it, to the kopeck.
        let pairs = top.compactMap { line -> (Decimal, Decimal)? in
            guard line.range(of: #"^\d\. .+ \(.+\): [0-9,]+\.\d\d, VAT [0-9,]+\.\d\d$"#, options: .regularExpression) != nil
            else { return nil }
            let words = line.split(separator: " ")
            func amount(_ w: Substring) -> Decimal? { Decimal(string: w.replacingOccurrences(of: ",", with: "")) }
            guard let vat = words.last.flatMap(amount), let turnover = amount(words[words.count - 3].dropLast()) else { return nil }
            return (turnover, vat)
        }
        XCTAssertEqual(pairs.count, 5, "\(top)")
        let amounts = pairs.map(\.0)
        XCTAssertEqual(amounts, amounts.sorted(by: >))
        for (turnover, vat) in pairs {
            var exact = turnover / 6, rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 2, .plain)
            XCTAssertEqual(vat, rounded, "VAT of \(turnover)")
        }

        // The progress bar: reports of a pass over the orders, against the host's own total.
        guard let scanTitle = lines.first(where: { $0.hasPrefix("== segments by ABC class over all orders (") }),
              let total = scanTitle.split(separator: "(").last?.split(separator: " ").first.flatMap({ Int($0) }) else {
            return XCTFail(out)
        }
        let scan = section(String(scanTitle.dropFirst(3)))
        let bars = scan.filter { $0.hasPrefix("[") }
        XCTAssertFalse(bars.isEmpty, out)
        for bar in bars {
            XCTAssertNotNil(bar.range(of: #"^\[[#.]{20}\] (loading order facts|scanning orders) \d+ of \#(total) rows$"#,
                                      options: .regularExpression), bar)
        }
        XCTAssertTrue(bars[0].contains(" 4096 of "), bars[0])
        XCTAssertTrue(scan.contains { $0.hasPrefix("abc: total, clients: 1500, ") }, "\(scan)")

        XCTAssertEqual(section("a query cancelled by a timer"), ["cancelled by the timer: interrupted; nothing was changed"])
        let mistake = section("a script with a mistake")
        XCTAssertEqual(mistake.first, "error: unknown field 'regoin' on clients")
        XCTAssertTrue(mistake.contains("  = help: did you mean 'region'?"), "\(mistake)")
    }
}
