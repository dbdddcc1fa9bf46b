import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files this process has open as SQLite databases, and the one safe way to close any other
/// descriptor of a file.
///
/// POSIX record locks belong to the process and the file, not to the descriptor: closing
/// *any* descriptor of a file drops every lock the process holds on it, SQLite's included
/// (sqlite.org/howtocorrupt.html, 2.2). A store in WAL mode is kept safe by a shared lock
/// each connection holds on the database file; without it, another program closing its
/// connection believes it is the last one, checkpoints, and deletes the WAL under the live
/// connections of this one. So reading a store's header (or importing the store's own file
/// by mistake) must not close its descriptor while a connection is open: `close(_:)` keeps
/// such a descriptor open until the last hold on the file ends.
///
/// ```swift
/// let hold = HeldFiles.hold(path)          // before the first connection opens the file
/// defer { HeldFiles.release(hold) }        // after the last one closed
/// HeldFiles.close(fd)                      // anywhere: safe for held and other files
/// ```
package enum HeldFiles {
    /// One hold on one file (device and inode, so every path to it counts).
    package struct Hold: Sendable {
        fileprivate let id: FileID
    }

    fileprivate struct FileID: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
    }

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var holds: [FileID: Int] = [:]
        /// Descriptors whose close waits for the last hold on their file to end.
        var parked: [FileID: [Int32]] = [:]
    }

    private static let registry = Registry()

    /// Marks the file at `path` as open by SQLite in this process until `release`; nil when
    /// the path cannot be examined (then there is nothing to protect yet).
    package static func hold(_ path: String) -> Hold? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        registry.lock.lock()
        registry.holds[id, default: 0] += 1
        registry.lock.unlock()
        return Hold(id: id)
    }

    /// Ends a hold; the last one closes the descriptors parked for its file.
    package static func release(_ hold: Hold?) {
        guard let hold else { return }
        registry.lock.lock()
        defer { registry.lock.unlock() }
        let left = (registry.holds[hold.id] ?? 1) - 1
        if left > 0 {
            registry.holds[hold.id] = left
            return
        }
        registry.holds[hold.id] = nil
        for fd in registry.parked.removeValue(forKey: hold.id) ?? [] { _ = closeDescriptor(fd) }
    }

    /// Closes `fd`, unless its file is held: then it stays open (unused) until the last
    /// hold ends. Returns what close(2) returned, or 0 when parked.
    @discardableResult
    package static func close(_ fd: Int32) -> Int32 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return closeDescriptor(fd) }
        let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if registry.holds[id] != nil {
            registry.parked[id, default: []].append(fd)
            return 0
        }
        return closeDescriptor(fd)
    }

    /// How many holds the file at `path` has (for tests).
    package static func holds(_ path: String) -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { return 0 }
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return registry.holds[FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))] ?? 0
    }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.close(fd)
        #else
        return Darwin.close(fd)
        #endif
    }
}
