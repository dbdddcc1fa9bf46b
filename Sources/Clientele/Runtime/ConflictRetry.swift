import Foundation
import ClienteleCore

/// What lets a script run again after a conflict (`StoreError.Kind.conflict`: another session
/// changed the same rows at the same time, a serialization failure or a deadlock on
/// PostgreSQL) without printing anything twice: its output is held back until its
/// transaction is about to commit, and a retry is possible only while nothing was handed on.
///
/// Holding is bounded: past `limit` rows (or outputs) what is held is handed on and the rest
/// streams as usual; a conflict after that fails the script (nothing remains) with a
/// sentence saying so, rather than printing some of it twice.
final class HoldingSink: OutputSink {
    private enum Held {
        case output(Output)
        case begin([ClienteleCore.Column])
        case row([Value])
        case end
    }

    let inner: OutputSink
    let limit: Int
    private var held: [Held] = []
    /// Something went to `inner`: the script cannot run again unseen.
    private(set) var handedOn = false

    init(_ inner: OutputSink, limit: Int = HoldingSink.defaultLimit) {
        self.inner = inner
        self.limit = limit
    }

    /// Rows (or other outputs) held back at most, before they are handed on.
    static let defaultLimit = 10_000

    func emit(_ output: Output) throws { try hold(.output(output)) }
    func beginTable(_ columns: [ClienteleCore.Column]) throws { try hold(.begin(columns)) }
    func row(_ values: [Value]) throws { try hold(.row(values)) }
    func endTable() throws { try hold(.end) }

    func willCommit() throws {
        try flush()
        try inner.willCommit()
    }

    private func hold(_ item: Held) throws {
        if handedOn { return try send(item) }
        held.append(item)
        if held.count > limit { try flush() }
    }

    /// Hands on everything held (the transaction is about to commit, or the limit is reached).
    private func flush() throws {
        handedOn = true
        let items = held
        held = []
        for item in items { try send(item) }
    }

    private func send(_ item: Held) throws {
        handedOn = true
        switch item {
        case .output(let o): try inner.emit(o)
        case .begin(let c): try inner.beginTable(c)
        case .row(let v): try inner.row(v)
        case .end: try inner.endTable()
        }
    }
}

extension Engine {
    /// Runs `attempt` (one try of a script in its own transaction) again when it fails with a
    /// conflict, up to the backend's `conflictRetries` times, while `sink` handed nothing on.
    /// Each try gets a new `HoldingSink` over `sink` when the backend retries at all, which
    /// holds output back when `holding` (a script that changes the store: a reading one
    /// streams, and on PostgreSQL never conflicts).
    func retryingConflicts(_ sink: OutputSink, holding: Bool, _ attempt: (OutputSink) throws -> Void) throws {
        let retries = backend.conflictRetries
        guard retries > 0 else { return try attempt(sink) }
        var tries = 0
        while true {
            let holding = HoldingSink(sink, limit: holding ? HoldingSink.defaultLimit : 0)
            do {
                return try attempt(holding)
            } catch let failure as ExecutionFailure where failure.isConflict {
                tries += 1
                if holding.handedOn {
                    var f = failure
                    f.message = "another session changed the same data at the same time, and this script's output was already shown, so it was not run again; nothing was changed: run it again"
                    throw f
                }
                if tries > retries {
                    var f = failure
                    f.message = "another session changed the same data at the same time, \(tries) times running; nothing was changed: run the script again"
                    throw f
                }
                // A short random pause, growing with each try, so that two sessions that
                // collided do not collide again at once.
                usleep(UInt32.random(in: 1_000...(5_000 * UInt32(tries))))
            }
        }
    }
}
