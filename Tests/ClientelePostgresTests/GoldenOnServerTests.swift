import XCTest
@testable import Clientele
import ClienteleCore
import ClienteleSQLite
import ClienteleTestSupport
import ClientelePostgres

/// The golden suite on PostgreSQL: every golden script runs through the engine on a new
/// PostgreSQL store holding the golden fixture (copied from a new SQLite fixture store, one
/// store per script as on SQLite) and must print exactly its `.out` transcript, the same file
/// the SQLite suite checks (`GoldenTests`).
///
/// The one exception is `explain`, which prints the SQL the store runs, in the store's dialect:
/// those chunks are pinned on their own in `NAME.explain.postgres.out` (written, like the
/// `.out` files, with `CLIENTELE_UPDATE_GOLDEN=1`), and every other chunk must equal `NAME.out`.
final class GoldenOnServerTests: PostgresTestCase {
    static func isExplain(_ source: String) -> Bool {
        source.split(separator: "\n").contains { $0.hasPrefix("explain ") }
    }

    /// The transcript of one script on a new PostgreSQL fixture store: (chunk source, printed).
    func transcriptOnServer(_ script: String) throws -> [(source: String, output: String)] {
        let pg = try newStore()
        defer { pg.close() }
        let fixture = try Fixture.store()
        try PostgresCopy.copy(from: fixture, to: pg)
        try Self.carryAuditLog(from: fixture, to: pg)
        let engine = Engine(store: try Fixture.store(), backend: pg, session: Session(today: Fixture.today))
        var out: [(String, String)] = []
        for chunk in script.components(separatedBy: "\n---\n") {
            let source = chunk.trimmingCharacters(in: .newlines)
            if source.isEmpty { continue }
            out.append((source, engine.transcript(source, origin: "golden")))
        }
        return out
    }

    /// The fixture's audit log as the SQLite fixture has it (the rows its load wrote), in place
    /// of the rows the copy wrote on the server: `audit.clq` reads the log of the fixture.
    /// Test set-up as the test's superuser, past the log's append-only triggers.
    static func carryAuditLog(from sqlite: Store, to pg: PostgresStore) throws {
        let rows = try sqlite.readTransaction {
            try $0.fetchAll("SELECT id, changed_at, user_name, action, object, key, client_id, old_values, new_values FROM audit ORDER BY id")
        }
        try pg.writeTransaction { tx in
            try tx.execute("ALTER TABLE audit DISABLE TRIGGER USER")
            try tx.execute("DELETE FROM audit")
            for r in rows {
                try tx.execute("""
                    INSERT INTO audit (id, changed_at, user_name, action, object, key, client_id, old_values, new_values)
                    OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """, .positional(r))
            }
            try tx.execute("SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM audit), false)")
            try tx.execute("ALTER TABLE audit ENABLE TRIGGER USER")
        }
    }

    static func printed(_ part: (source: String, output: String)) -> String {
        part.source.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
            + part.output + "\n"
    }

    /// The first differing line of two texts with a few lines around it, both sides.
    static func diff(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let range = max(0, line - 2)..<(line + 4)
        let show = { (lines: [String], sign: String) in
            range.filter { $0 < lines.count }.map { "\(sign)\($0 == line ? ">" : " ") \(lines[$0])" }.joined(separator: "\n")
        }
        return "first difference at line \(line + 1)\n" + show(e, "  expected") + "\n" + show(a, "  postgres")
    }

    func testGoldenScriptsPrintTheirTranscriptsOnTheServer() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.goldenDirectory.path)
            .filter { $0.hasSuffix(".clq") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5, "golden scripts are missing")
        let update = ProcessInfo.processInfo.environment["CLIENTELE_UPDATE_GOLDEN"] == "1"
        var compared = 0, explained = 0
        for file in files {
            let dir = Fixture.goldenDirectory
            let script = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            let expected = try String(contentsOf: dir.appendingPathComponent(file.replacingOccurrences(of: ".clq", with: ".out")), encoding: .utf8)
            let explainURL = dir.appendingPathComponent(file.replacingOccurrences(of: ".clq", with: ".explain.postgres.out"))
            let parts = try transcriptOnServer(script)

            // Every chunk but explain, in order, must be the SQLite transcript.
            let sqliteParts = parts.map { Self.isExplain($0.source) ? nil : Self.printed($0) }
            var remaining = Substring(expected)
            for (part, text) in zip(parts, sqliteParts) {
                guard let text else { continue }
                compared += 1
                // The .out file is the chunks in order: this chunk's transcript starts at the
                // chunk's `> ` lines, where the SQLite transcript has it.
                let head = part.source.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
                guard let start = remaining.range(of: head) else {
                    XCTFail("\(file): chunk not found in the .out file (run the SQLite golden tests first):\n\(part.source)")
                    continue
                }
                let fromChunk = remaining[start.lowerBound...]
                if fromChunk.hasPrefix(text) {
                    remaining = fromChunk.dropFirst(text.count)
                } else {
                    let expectedChunk = String(fromChunk.prefix(text.count + 200))
                    XCTFail("\(file): the chunk prints differently on PostgreSQL:\n\(part.source)\n"
                            + Self.diff(expected: expectedChunk, actual: text))
                    remaining = fromChunk.dropFirst(head.count)
                }
            }

            // explain prints the dialect's SQL: pinned per dialect.
            let explainText = parts.filter { Self.isExplain($0.source) }.map(Self.printed).joined()
            explained += parts.filter { Self.isExplain($0.source) }.count
            if update {
                if explainText.isEmpty { try? FileManager.default.removeItem(at: explainURL) } else {
                    try explainText.write(to: explainURL, atomically: true, encoding: .utf8)
                }
                continue
            }
            let expectedExplain = (try? String(contentsOf: explainURL, encoding: .utf8)) ?? ""
            if explainText != expectedExplain {
                XCTFail("\(file): explain on PostgreSQL differs from \(explainURL.lastPathComponent):\n"
                        + Self.diff(expected: expectedExplain, actual: explainText))
            }
        }
        XCTAssertGreaterThan(compared, 150, "fewer golden chunks than expected were compared")
        XCTAssertGreaterThan(explained, 0, "no explain chunk was pinned")
    }
}
