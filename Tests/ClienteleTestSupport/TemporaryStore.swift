import Foundation
import Clientele

/// Stores and folders for tests, all under one scratch folder per test process
/// (`<tmp>/clientele-tests/<pid>-<uuid>`), removed when the process exits; the folders of
/// earlier runs whose process has ended (a crash, a kill) are removed when the next run
/// starts. Runs going on at the same time keep theirs.
///
///     let store = try TemporaryStore.demo("facts", DemoOptions(clients: 120, years: 2, seed: 3))
///     let path = TemporaryStore.path("old")          // a store file yet to be created
///     let copy = TemporaryStore.copy()               // a fresh copy of the fixture store
public enum TemporaryStore {
    public static let scratch: URL = {
        let fm = FileManager.default
        let parent = fm.temporaryDirectory.appendingPathComponent("clientele-tests")
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            let pid = Int32(name.split(separator: "-").first ?? "") ?? 0
            if pid <= 0 || kill(pid, 0) != 0 { try? fm.removeItem(at: parent.appendingPathComponent(name)) }
        }
        let dir = parent.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try! fm.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TemporaryStore.scratch) }
        return dir
    }()

    /// A new empty folder of its own.
    public static func folder(_ label: String = "tmp") -> URL {
        let dir = scratch.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The path of a store file `name.sqlite`, not yet created, alone in a new folder (so
    /// its -wal and -shm files and anything written next to it are its own).
    public static func path(_ name: String = "store") -> String {
        folder(name).appendingPathComponent("\(name).sqlite").path
    }

    /// A new store filled by the demo generator (the same store for the same options).
    public static func demo(_ name: String = "demo", _ options: DemoOptions) throws -> Store {
        let store = try Store(path: path(name))
        _ = try DemoData.generate(into: store, options: options)
        return store
    }

    /// A fresh copy of a closed store file (by default the fixture, built once per run).
    public static func copy(of template: String = Fixture.template.path, named name: String = "store") -> String {
        let path = folder(name).appendingPathComponent("\(name).sqlite").path
        try! FileManager.default.copyItem(atPath: template, toPath: path)
        return path
    }

    /// The content checksum of the store at `path`, read without changing anything.
    public static func checksum(_ path: String) throws -> String {
        try Store(path: path, readOnly: true).contentChecksum()
    }
}
