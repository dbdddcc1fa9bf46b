import Foundation

/// Where an evaluation's time goes, printed to standard error when the environment variable
/// `CLIENTELE_PHASE_TIMES` is set (for profiling; docs/performance.md). Costs one
/// environment lookup per evaluation otherwise. `CLIENTELE_PHASE_TIMES=cpu` gives the
/// thread's CPU time instead of wall time (steadier on a loaded machine).
struct PhaseTimes {
    private let on: Bool
    private let cpu: Bool
    private var last: UInt64
    private let first: UInt64
    private var parts: [(String, UInt64)] = []

    init() {
        let setting = ProcessInfo.processInfo.environment["CLIENTELE_PHASE_TIMES"]
        on = setting != nil
        cpu = setting == "cpu"
        last = PhaseTimes.now(cpu: cpu)
        first = last
    }

    private static func now(cpu: Bool) -> UInt64 {
        guard cpu else { return DispatchTime.now().uptimeNanoseconds }
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// Ends the phase called `name` (the time since the previous mark).
    mutating func mark(_ name: String) {
        guard on else { return }
        let now = PhaseTimes.now(cpu: cpu)
        parts.append((name, now - last))
        last = now
    }

    func report(_ title: String) {
        guard on else { return }
        func ms(_ ns: UInt64) -> String { String(format: "%.1f", Double(ns) / 1e6) }
        let text = parts.map { "\($0.0) \(ms($0.1))" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("\(title) \(ms(last - first)) ms: \(text)\n".utf8))
    }
}
