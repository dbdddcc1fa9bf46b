import Foundation

/// How far a long piece of work in a run has got: the order scan or the order facts behind
/// per-client measures, the rankings, a grouping, the sums of a `compare`, an `import`, the
/// demo data generator.
///
/// ```swift
/// let handle = RunHandle(progress: { p in
///     print("\(p.phase): \(p.done)" + (p.total.map { " of \($0)" } ?? ""))
/// })
/// try engine.run("clients | select name, abc, risk", handle: handle)
/// ```
/// Reported from the checks the passes already make every 4,096 rows, and at most about
/// ten times a second per phase, so a callback never slows a scan down.
public struct RunProgress: Sendable, Equatable, CustomStringConvertible {
    /// What is being done, in the user's words: "scanning orders", "importing"...
    public var phase: String
    /// How much of it is done, in `unit`s.
    public var done: Int
    /// How much there is in all, when known (an import knows its file's size; a scan
    /// does not count the rows before it starts).
    public var total: Int?
    /// What `done` and `total` count: "rows" or "bytes".
    public var unit: String

    /// A progress value, for hosts that report their own work the same way.
    ///
    /// ```swift
    /// let p = RunProgress(phase: "importing", done: 512, total: 2048, unit: "bytes")
    /// p.fraction   // 0.25
    /// ```
    public init(phase: String, done: Int, total: Int? = nil, unit: String = "rows") {
        self.phase = phase; self.done = done; self.total = total; self.unit = unit
    }

    /// `done / total` between 0 and 1, or nil when the total is not known.
    ///
    /// ```swift
    /// if let f = progress.fraction { bar.value = f }
    /// ```
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }

    /// "scanning orders: 40960 rows", "importing: 1024 of 4096 bytes".
    public var description: String {
        "\(phase): \(done)" + (total.map { " of \($0)" } ?? "") + " \(unit)"
    }
}

/// Hands a run's progress to the host's callback, throttled: at most one report per phase
/// every `interval` (and always the first of a phase).
final class ProgressReporter: PassProgress, @unchecked Sendable {
    private let callback: @Sendable (RunProgress) -> Void
    private let interval: UInt64
    private let lock = NSLock()
    private var lastPass: Interruption.Pass?
    private var lastTime: UInt64 = 0

    init(interval nanoseconds: UInt64 = 100_000_000, _ callback: @escaping @Sendable (RunProgress) -> Void) {
        self.callback = callback
        self.interval = nanoseconds
    }

    func report(_ pass: Interruption.Pass, done: Int, total: Int?) {
        let now = DispatchTime.now().uptimeNanoseconds
        let due: Bool = lock.withLock {
            guard pass != lastPass || now &- lastTime >= interval else { return false }
            lastPass = pass; lastTime = now
            return true
        }
        // Outside the lock: the host may do anything in its callback, even cancel.
        if due { callback(ProgressReporter.progress(pass, done: done, total: total)) }
    }

    static func progress(_ pass: Interruption.Pass, done: Int, total: Int?) -> RunProgress {
        switch pass {
        case .orderScan: return RunProgress(phase: "scanning orders", done: done, total: total)
        case .factsBuild: return RunProgress(phase: "loading order facts", done: done, total: total)
        case .orderFacts: return RunProgress(phase: "summing order facts", done: done, total: total)
        case .rankings: return RunProgress(phase: "ranking clients", done: done, total: total)
        case .policySums: return RunProgress(phase: "summing order lines", done: done, total: total)
        case .comparison: return RunProgress(phase: "comparing", done: done, total: total)
        case .grouping: return RunProgress(phase: "grouping rows", done: done, total: total)
        case .importRows: return RunProgress(phase: "importing", done: done, total: total, unit: "bytes")
        case .demoClients: return RunProgress(phase: "generating clients", done: done, total: total, unit: "clients")
        case .statement: return RunProgress(phase: "running", done: done, total: total, unit: "statements")
        }
    }
}
