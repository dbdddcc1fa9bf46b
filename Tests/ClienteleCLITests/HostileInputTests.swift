import Foundation
import XCTest
import Clientele
import ClienteleTestSupport

/// In-process counterparts of the corpus cases about the script's bytes and the store
/// file (what the engine itself says), and every crash the fuzzer found, replayed.
final class HostileInputTests: XCTestCase {
    /// Inputs that crashed `scripts/fuzz` before their fix (BadInput/fuzz-crashes/), without
    /// the fuzz target's mode byte: `param-*` files are `--param` values, `csv-*` files are
    /// CSV files, the rest are scripts.
    func testEveryFuzzCrashIsFixed() throws {
        let dir = BadInputTests.corpus.appendingPathComponent("fuzz-crashes")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: file)
            let text = String(decoding: data, as: UTF8.self)
            if file.lastPathComponent.hasPrefix("param-") {
                FuzzEntry.param(text)
                continue
            }
            if file.lastPathComponent.hasPrefix("csv-") {
                _ = FuzzEntry.csv(data)
                continue
            }
            _ = FuzzEntry.check(text)
            let engine = Engine(store: try Store(path: TemporaryStore.copy()))
            _ = engine.check(text)
        }
    }

    func testATenMegabyteLineIsReportedWithAWindowNotTheWholeLine() throws {
        let engine = Engine(store: try Store(path: TemporaryStore.copy(), readOnly: true))
        let unclosed = "clients | where name == \"" + String(repeating: "a", count: 10 * 1024 * 1024)
        do {
            try engine.run(unclosed)
            XCTFail("expected a check failure")
        } catch ClienteleError.check(let f) {
            XCTAssertEqual(f.diagnostics.map(\.description), ["1:25: this string is not closed: add \" before the end of the line"])
            XCTAssertLessThan(f.text.utf8.count, 1_000, "the diagnostic must show a window of the line")
        }
    }

    func testNulBytesAndReplacementCharactersAreRefused() throws {
        let engine = Engine(store: try Store(path: TemporaryStore.copy(), readOnly: true))
        XCTAssertEqual(engine.check("clients | count\n\0orders | count").map(\.description),
                       ["2:1: the script contains a NUL byte; is it a binary file?"])
        // Invalid UTF-8 decoded with repair becomes U+FFFD, which is not part of the language.
        let repaired = String(decoding: Data("clients | where name == ".utf8) + Data([0xC3, 0x28, 0xFF]), as: UTF8.self)
        XCTAssertEqual(engine.check(repaired).first?.message, "unexpected character '\u{FFFD}'")
    }

    func testStoresThatCannotBeOpenedAreRefusedWithAReason() throws {
        let dir = URL(fileURLWithPath: TemporaryStore.copy()).deletingLastPathComponent()
        let directory = dir.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        XCTAssertThrowsError(try Store(path: directory)) {
            XCTAssertEqual($0 as? Store.OpenError, .isDirectory(directory))
        }
        let text = dir.appendingPathComponent("notes.txt").path
        try Data("name,region\n".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try Store(path: text)) {
            XCTAssertEqual("\($0)", "cannot open store '\(text)': not a SQLite database (the file does not start with the SQLite header)")
        }
        let newer = TemporaryStore.copy()
        try BadInputCase.setUserVersion(99, newer)
        let before = try Data(contentsOf: URL(fileURLWithPath: newer))
        XCTAssertThrowsError(try Store(path: newer)) {
            guard case .newerSchema(_, found: 99, supported: _)? = $0 as? Store.OpenError else { return XCTFail("\($0)") }
            XCTAssertTrue("\($0)".hasSuffix("upgrade clientele"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: newer)), before, "a refused store must not be touched")
        let missing = dir.appendingPathComponent("none.sqlite").path
        XCTAssertThrowsError(try Store(path: missing, readOnly: true)) {
            XCTAssertEqual($0 as? Store.OpenError, .missing(missing))
        }
    }
}
