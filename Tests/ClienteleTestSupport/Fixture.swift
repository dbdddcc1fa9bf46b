import Foundation
import GRDB
import Clientele

/// The hand-made fixture (Tests/ClienteleTests/Golden/fixture.sql: eight clients and their
/// orders, payments and contacts), with today pinned to 2025-12-31, and the files of the
/// repository that tests read (golden scripts, docs, saved scripts).
///
///     let engine = try Fixture.engine()          // on a fresh fixture store
///     let copy = TemporaryStore.copy()           // a copy of Fixture.template
///     let docs = Fixture.packageRoot.appendingPathComponent("docs")
public enum Fixture {
    /// The folder of Package.swift.
    public static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            let parent = dir.deletingLastPathComponent()
            precondition(parent.path != dir.path, "Package.swift not found above \(#filePath)")
            dir = parent
        }
        return dir
    }()

    public static let goldenDirectory = packageRoot.appendingPathComponent("Tests/ClienteleTests/Golden")
    public static let sqlURL = goldenDirectory.appendingPathComponent("fixture.sql")
    public static let today = CalendarDate(iso: "2025-12-31")!

    /// A new fixture store (fixture.sql run on an empty store), optionally reopened read-only.
    public static func store(readOnly: Bool = false) throws -> Store {
        let path = TemporaryStore.path()
        let store = try Store(path: path)
        let sql = try String(contentsOf: sqlURL, encoding: .utf8)
        try store.write { try $0.execute(sql: sql) }
        return readOnly ? try Store(path: path, readOnly: true) : store
    }

    /// An engine on a new fixture store, today 2025-12-31.
    public static func engine(readOnly: Bool = false) throws -> Engine {
        Engine(store: try store(readOnly: readOnly), session: Session(today: today))
    }

    /// The fixture store built once per run, checkpointed and closed (one self-contained
    /// file to copy with `TemporaryStore.copy()`), and its content checksum.
    public static let template: (path: String, checksum: String) = {
        let path = TemporaryStore.scratch.appendingPathComponent("fixture.sqlite").path
        let sql = try! String(contentsOf: sqlURL, encoding: .utf8)
        do {
            let store = try Store(path: path)
            try store.write { try $0.execute(sql: sql) }
            try store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch { fatalError("cannot build the fixture store: \(error)") }
        return (path, try! TemporaryStore.checksum(path))
    }()
}
