import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// Ctrl-C (`Engine.interrupt()`) for everything a statement does, not only the SQL running
/// at that instant. SQLite's own interrupt only stops the statements running when it is
/// called, and it is forgotten as soon as none runs: an interrupt that came while the
/// engine was summing orders in Swift was lost, and a pass whose error is caught to fall
/// back to SQL (the order scan, the facts build) let the SQL run to the end.
///
/// So a request stays until the script ends: every SQL statement of the script sees it
/// (a progress handler on the connection, every 1,000 virtual machine steps), and the
/// passes in Swift look at it every few thousand rows (`check`). Both stop with SQLite's
/// interrupt error, which the user reads as "interrupted; nothing was changed".
final class Interruption: @unchecked Sendable {
    /// The passes in Swift that check, for tests that interrupt from inside one.
    enum Pass: String, Sendable {
        case statement, orderScan, factsBuild, orderFacts, rankings, policySums, comparison, grouping
        case importRows, demoClients
    }

    /// Rows between two checks in a pass (a power of two: `rows & mask == 0`).
    static let mask = 4095

    private let lock = NSLock()
    private var requested = false
    /// Called at every check with the pass checking (tests interrupt from here, so that
    /// where it happens does not depend on timing).
    var onCheck: ((Pass) -> Void)?
    /// The host's progress callback for the run this interruption belongs to (see RunProgress).
    var progress: ProgressReporter?

    var isRequested: Bool { lock.withLock { requested } }
    func request() { lock.withLock { requested = true } }
    func clear() { lock.withLock { requested = false } }

    /// The interruption of the script running on this thread (bound by `Engine.run`).
    @TaskLocal static var current: Interruption?

    /// Throws the interrupt error when Ctrl-C was pressed during this script.
    static func check(_ pass: Pass) throws {
        guard let i = current else { return }
        i.onCheck?(pass)
        if i.isRequested { throw interrupted }
    }

    /// `check` every `mask + 1` rows: `rows` counts them.
    @inline(__always)
    static func check(_ pass: Pass, every rows: inout Int) throws {
        rows &+= 1
        if rows & mask == 0 { try check(pass, done: rows) }
    }

    /// `check`, telling the run's progress callback (if any) how far the pass is.
    static func check(_ pass: Pass, done: Int, total: Int? = nil) throws {
        current?.progress?.report(pass, done: done, total: total)
        try check(pass)
    }

    static var interrupted: DatabaseError { DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "interrupted") }

    /// Runs `body` with this interruption watching `db`'s statements and the passes in Swift.
    func watching<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let connection = db.sqliteConnection
        sqlite3_progress_handler(connection, 1000, { context in
            Unmanaged<Interruption>.fromOpaque(context!).takeUnretainedValue().isRequested ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        // The handler points at this object: never leave it on the connection afterwards.
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        return try Interruption.$current.withValue(self) { try body() }
    }
}
