import Foundation
import Clientele

/// Stores for the CLI tests: the hand-made fixture (Golden/fixture.sql) built once per test
/// run, then copied file by file for each case, so that a case never sees another's changes.
enum StoreCopies {
    /// One folder per test process, under one parent; folders of earlier runs whose process
    /// has ended are removed first (runs going on at the same time keep theirs).
    static let scratch: URL = {
        let fm = FileManager.default
        let parent = fm.temporaryDirectory.appendingPathComponent("clientele-cli-tests")
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            let pid = Int32(name.split(separator: "-").first ?? "") ?? 0
            if pid <= 0 || kill(pid, 0) != 0 { try? fm.removeItem(at: parent.appendingPathComponent(name)) }
        }
        let dir = parent.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// The fixture store, built once, checkpointed and closed: one self-contained file.
    static let fixture: (path: String, checksum: String) = {
        let path = scratch.appendingPathComponent("fixture.sqlite").path
        let sql = try! String(contentsOf: Program.fixtureSQL, encoding: .utf8)
        do {
            let store = try Store(path: path)
            try store.write { try $0.execute(sql: sql) }
            try store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch { fatalError("cannot build the fixture store: \(error)") }
        return (path, try! checksum(path))
    }()

    /// A fresh copy of the fixture in its own folder.
    static func copy(of template: String = fixture.path, named name: String = "store") -> String {
        let dir = scratch.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("\(name).sqlite").path
        try! FileManager.default.copyItem(atPath: template, toPath: path)
        return path
    }

    /// The content checksum of the store at `path`, read without changing anything.
    static func checksum(_ path: String) throws -> String {
        try Store(path: path, readOnly: true).contentChecksum()
    }
}
