import Foundation

/// Where an evaluation's time goes, printed to standard error when the environment variable
/// `CLIENTELE_PHASE_TIMES` is set (for profiling; docs/performance.md). Costs one
/// environment lookup per evaluation otherwise.
struct PhaseTimes {
    private let on: Bool
    private var last: UInt64
    private let first: UInt64
    private var parts: [(String, UInt64)] = []

    init() {
        on = ProcessInfo.processInfo.environment["CLIENTELE_PHASE_TIMES"] != nil
        last = DispatchTime.now().uptimeNanoseconds
        first = last
    }

    /// Ends the phase called `name` (the time since the previous mark).
    mutating func mark(_ name: String) {
        guard on else { return }
        let now = DispatchTime.now().uptimeNanoseconds
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
