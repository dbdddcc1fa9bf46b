import Foundation
import ClienteleCore

/// One run's cancel button and progress callback. Make one per run and keep it where
/// another thread (a timer, a Cancel button) can reach it:
///
/// ```swift
/// let handle = RunHandle(progress: { p in print(p) })
/// DispatchQueue.global().asyncAfter(deadline: .now() + 2) { handle.cancel() }
/// do { try engine.run("segment clients by abc over all", handle: handle) }
/// catch ClienteleError.interrupted { print("stopped after 2 s; nothing was changed") }
/// ```
/// Cancelling stops this run only: other runs of the same engine or store go on. A run
/// started with a handle already cancelled stops before its first statement.
public final class RunHandle: Sendable {
    let interruption = Interruption()

    /// A handle; `progress` is called on the running thread as long work advances.
    ///
    /// ```swift
    /// let handle = RunHandle(progress: { p in bar.update(p.fraction ?? 0) })
    /// ```
    public init(progress: (@Sendable (RunProgress) -> Void)? = nil) {
        interruption.progress = progress.map { ProgressReporter($0) }
    }

    /// Stops the run at its next check (SQL: within 1,000 virtual machine steps; Swift
    /// passes: within 4,096 rows). The run throws `ClienteleError.interrupted` and its
    /// changes are rolled back.
    ///
    /// ```swift
    /// cancelButton.action = { handle.cancel() }
    /// ```
    public func cancel() { interruption.request() }

    /// True once `cancel()` was called.
    ///
    /// ```swift
    /// if handle.isCancelled { status = "stopping…" }
    /// ```
    public var isCancelled: Bool { interruption.isRequested }
}

extension DemoData {
    /// Fills an empty store with demo data, reporting to `handle`'s progress callback
    /// ("generating clients", done of total) and stopping when it is cancelled: the store
    /// then stays as it was.
    ///
    /// ```swift
    /// let handle = RunHandle(progress: { p in print(p) })   // generating clients: 256 of 5000 clients
    /// let summary = try DemoData.generate(into: store, options: DemoOptions(clients: 5000), handle: handle)
    /// ```
    /// Throws `ClienteleError` (`.interrupted` when cancelled, `.runtime` for a store that is
    /// not empty or options out of range).
    public static func generate(into store: Store, options: DemoOptions, handle: RunHandle) throws -> DemoSummary {
        let interruption = handle.interruption
        let total = options.clients
        do {
            return try generate(into: store, options: options, progress: nil, afterClient: { done in
                // Every 256 clients: a client and its orders take a few microseconds.
                guard done & 255 == 0 || done == total else { return }
                interruption.progress?.report(.demoClients, done: done, total: total)
                if interruption.isRequested { throw Interruption.interrupted }
            })
        } catch {
            throw ClienteleError(error)
        }
    }
}
