import Foundation
import ClienteleTestSupport

/// One hostile or mistaken input, run through the real program against its own copy of
/// the fixture store.
struct BadInputCase {
    enum Expectation { case succeedsSilently, checkOrRuntimeError, usageError }

    var name: String
    /// Arguments, given the store path and a scratch folder for files the case needs.
    var arguments: (_ store: String, _ scratch: URL) throws -> [String]
    var input: Program.Input = .none
    var expectation: Expectation = .checkOrRuntimeError
    /// Needs the real CLI (stdin, `run FILE`, a clean message for an unopenable store).
    var needsRealCLI = false
    /// Replaces the fixture copy before the run (a directory, a text file...); nil keeps it.
    var prepareStore: ((_ store: String) throws -> Void)? = nil
    /// Checks on the scratch folder after the run (files that must or must not be there);
    /// returns the failures. nil checks nothing more.
    var afterRun: ((_ store: String, _ scratch: URL) -> [String])? = nil

    /// BadInput/NNN-name.clq: the file's text as `clientele STORE -c TEXT`.
    static func fromFile(_ url: URL) throws -> BadInputCase {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return BadInputCase(name: url.lastPathComponent) { store, _ in [store, "-c", text] }
    }

    static func command(_ name: String, _ text: String, _ expectation: Expectation = .checkOrRuntimeError) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in [store, "-c", text] }, expectation: expectation)
    }

    static func stdin(_ name: String, _ bytes: Data, _ expectation: Expectation = .checkOrRuntimeError) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in [store] }, input: .bytes(bytes), expectation: expectation, needsRealCLI: true)
    }

    static func store(_ name: String, _ prepare: @escaping (String) throws -> Void) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, _ in [store, "-c", "clients | count"] },
                     expectation: .usageError, needsRealCLI: true, prepareStore: prepare)
    }

    /// Cases made by code: too large, binary or not expressible as a file of text.
    static let generated: [BadInputCase] = {
        var random = SeededRandom(seed: 9)
        let binary = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let longLine = "clients | where name == \"" + String(repeating: "a", count: 10 * 1024 * 1024)
        return [
            command("g01-empty-script", "", .succeedsSilently),
            command("g02-whitespace-only", "  \n\t\n   \r\n", .succeedsSilently),
            command("g03-comment-only", "# nothing to do\n   # still nothing", .succeedsSilently),
            command("g04-semicolons-only", ";;; ;\n;", .succeedsSilently),
            command("g05-byte-order-mark-only", "\u{FEFF}", .succeedsSilently),
            command("g06-nested-parentheses-10000",
                    "clients | where " + String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)),
            command("g07-nested-not-5000", "clients | where " + String(repeating: "not ", count: 5_000) + "true"),
            command("g08-nested-minus-5000", "clients | select x = " + String(repeating: "-", count: 5_000) + "1"),
            command("g09-sum-of-20000-terms", "clients | select x = 1" + String(repeating: " + 1", count: 20_000)),
            command("g10-and-chain-5000", "clients | where " + Array(repeating: "id > 0", count: 5_000).joined(separator: " and ")),
            command("g11-5000-take-stages", "clients" + String(repeating: " | where id > 0 | take 5", count: 5_000)),
            // 5,000 conditions now run (nested for SQLite): the error is the last stage's.
            command("g12-5000-where-stages", "clients" + String(repeating: " | where id > 0", count: 5_000) + " | where nope > 0"),
            command("g13-3000-columns", "clients | select " + (0..<3000).map { "x\($0) = id" }.joined(separator: ", ")),
            command("g14-nested-brackets-5000", "clients | where id in " + String(repeating: "[", count: 5_000)),
            command("g15-crlf-line-endings-error", "clients | count\r\nclients | where nope == 1\r\n"),
            stdin("g16-ten-megabyte-line", Data(longLine.utf8)),
            stdin("g26-a-megabyte-of-stray-characters", Data(String(repeating: "@", count: 1024 * 1024).utf8)),
            stdin("g27-100000-separate-errors", Data(String(repeating: "@ ", count: 100_000).utf8)),
            stdin("g17-nul-byte", Data("clients | count\n\0orders | count\n".utf8)),
            stdin("g18-invalid-utf8", Data("clients | where name == \"".utf8) + Data([0xC3, 0x28, 0xFF, 0xFE]) + Data("\"\n".utf8), .usageError),
            stdin("g19-binary-file-as-script", binary, .usageError),
            BadInputCase(name: "g20-missing-script-file", arguments: { store, scratch in
                ["run", scratch.appendingPathComponent("no-such-script.clq").path, "--store", store]
            }, expectation: .usageError, needsRealCLI: true),
            // A parameter that reads like a date but is none (issue 22): named as such.
            BadInputCase(name: "g28-date-parameter-not-a-date", arguments: { store, _ in
                [store, "--param", "d=2025-02-30", "-c", "orders | where order_date > $d | count"]
            }),
            BadInputCase(name: "g29-period-parameter-not-a-date", arguments: { store, _ in
                [store, "--param", "p=2025-01-01..2025-02-30", "-c", "orders | where order_date in $p | count"]
            }),
            store("g21-store-is-a-directory") { path in
                try FileManager.default.removeItem(atPath: path)
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            },
            store("g22-store-is-a-text-file") { path in
                try FileManager.default.removeItem(atPath: path)
                try Data("name,region\nАрбуз,Volga\n".utf8).write(to: URL(fileURLWithPath: path))
            },
            store("g23-store-from-a-newer-schema") { path in
                try setUserVersion(99, path)
            },
            store("g24-store-truncated") { path in
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                try data.prefix(1024).write(to: URL(fileURLWithPath: path))
            },
            store("g25-store-in-a-missing-folder") { path in
                try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
            },
            // Issue 17: holidays are imported like other objects; a bad row names its column and why.
            importing("300-import-holidays-bad-rows", files: ["h.csv": Data("""
                Праздник;Месяц;День;День недели;Неделя
                День склада;10;7;;
                Тридцатое февраля;2;30;;
                Оба;3;1;1;1
                Без недели;3;;2;
                Тринадцатый;13;1;;

                """.utf8)], "import \"h.csv\" into holidays"),
            importing("301-import-holidays-without-a-day-column", files: ["h.csv": Data("Праздник;Месяц\nДень склада;10\n".utf8)],
                      "import \"h.csv\" into holidays"),
        ]
    }()

    static func setUserVersion(_ version: Int, _ path: String) throws {
        // The user_version lives at byte 60 of the SQLite header (big-endian).
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: 60)
        handle.write(Data([0, 0, 0, UInt8(version)]))
    }
}
