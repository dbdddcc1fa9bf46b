import Foundation
import ClienteleCore
import ClienteleSQLite

/// Copies a store (the PostgreSQL team store of `clientele copy postgres://… new.sqlite`)
/// into a new SQLite store file: the reverse of `PostgresCopy`, with the same tables,
/// order, batches, payment facts (recomputed by the new file's triggers) and checks.
///
/// The file is made under a temporary name in the target's folder and linked into place
/// only when everything was copied and checked in its one write transaction: a failed or
/// killed copy leaves no file at `path`, and an existing file there is never replaced.
package enum SQLiteCopy {
    package enum Failure: Error, CustomStringConvertible, Equatable {
        case exists(String)
        case folderMissing(String)
        case cannotCreate(String, reason: String)
        package var description: String {
            switch self {
            case .exists(let p): return "'\(p)' already exists; a copy goes into a new store file"
            case .folderMissing(let p): return "cannot create '\(p)': its folder does not exist"
            case .cannotCreate(let p, let r): return "cannot create '\(p)': \(r)"
            }
        }
    }

    /// Copies `source` into a new store file at `path`; returns each table's row count.
    @discardableResult
    package static func copy(from source: any StorageBackend, toNewFile path: String,
                             progress: PostgresCopy.Progress? = nil) throws -> [(table: String, rows: Int)] {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { throw Failure.exists(path) }
        let folder = PathText.folder(of: path)
        if !folder.isEmpty && !fm.fileExists(atPath: folder) { throw Failure.folderMissing(path) }
        let temp = (folder.isEmpty ? "" : folder + "/")
            + ".\(PathText.name(of: path)).clientele-copy-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(temp + suffix) } }
        let store: Store
        do { store = try Store(path: temp, readOnly: false, concurrentReads: false) } catch {
            let writable = access(folder.isEmpty ? "." : folder, W_OK) == 0
            throw Failure.cannotCreate(path, reason: writable ? "\(error)" : "its folder cannot be written to")
        }
        let counts: [(table: String, rows: Int)]
        do {
            counts = try store.writeTransaction { tx in
                try PostgresCopy.copyTables(from: source, sourceDialect: source.dialect, to: tx, targetIsPostgres: false, columns: { t in
                    try tx.fetchAll("SELECT name FROM pragma_table_info($1) ORDER BY cid", .positional([.text(t)]))
                        .compactMap { $0.first?.string }
                }, progress: progress)
            }
            try store.close()
        } catch {
            try? store.close()
            throw error
        }
        if link(temp, path) != 0 {
            let reason = errno == EEXIST ? "another file appeared at that path meanwhile" : String(cString: strerror(errno))
            throw Failure.cannotCreate(path, reason: reason + "; nothing was kept")
        }
        return counts
    }
}
