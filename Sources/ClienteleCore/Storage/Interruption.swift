import Foundation

/// Ctrl-C (`Engine.interrupt()`) for everything a statement does, not only the SQL running
/// at that instant. SQLite's own interrupt only stops the statements running when it is
/// called, and it is forgotten as soon as none runs: an interrupt that came while the
/// engine was summing orders in Swift was lost, and a pass whose error is caught to fall
/// back to SQL (the order scan, the facts build) let the SQL run to the end.
///
/// So a request stays until the script ends: every SQL statement of the script sees it
/// (the backend's progress handler, e.g. every 1,000 SQLite virtual machine steps), and the
/// passes in Swift look at it every few thousand rows (`check`). Both stop with the
/// interrupted kind of `StoreError`, which the user reads as "interrupted; nothing was changed".
package final class Interruption: @unchecked Sendable {
    /// The passes in Swift that check, for tests that interrupt from inside one.
    package enum Pass: String, Sendable {
        case statement, orderScan, factsBuild, orderFacts, rankings, policySums, comparison, grouping
        case importRows, demoClients
    }

    /// Rows between two checks in a pass (a power of two: `rows & mask == 0`).
    package static let mask = 4095

    private let lock = NSLock()
    private var requested = false
    /// Called at every check with the pass checking (tests interrupt from here, so that
    /// where it happens does not depend on timing).
    package var onCheck: ((Pass) -> Void)?
    /// The host's progress callback for the run this interruption belongs to (see RunProgress).
    package var progress: (any PassProgress)?

    package init() {}

    package var isRequested: Bool { lock.withLock { requested } }
    package func request() { lock.withLock { requested = true } }
    package func clear() { lock.withLock { requested = false } }

    /// The interruption of the script running on this thread (bound by `Engine.run`).
    @TaskLocal package static var current: Interruption?

    /// Throws the interrupt error when Ctrl-C was pressed during this script.
    package static func check(_ pass: Pass) throws {
        guard let i = current else { return }
        i.onCheck?(pass)
        if i.isRequested { throw interrupted }
    }

    /// `check` every `mask + 1` rows: `rows` counts them.
    @inline(__always)
    package static func check(_ pass: Pass, every rows: inout Int) throws {
        rows &+= 1
        if rows & mask == 0 { try check(pass, done: rows) }
    }

    /// `check`, telling the run's progress callback (if any) how far the pass is.
    package static func check(_ pass: Pass, done: Int, total: Int? = nil) throws {
        current?.progress?.report(pass, done: done, total: total)
        try check(pass)
    }

    package static var interrupted: StoreError { .interrupted }
}

/// Where the passes' checks report how far they are (the engine's throttled reporter that
/// calls the host's progress callback).
package protocol PassProgress: AnyObject, Sendable {
    func report(_ pass: Interruption.Pass, done: Int, total: Int?)
}
