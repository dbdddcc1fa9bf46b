import Clientele
import Foundation

/// The concurrency workload: `sessions` reader threads, each with an engine of its own on
/// one shared store, run the scripts in turn `rounds` times each, while every writer script
/// runs over and over in a session of its own until the readers are done. Prints JSON:
/// queries, seconds, throughput (queries/s), latency p50/p95/max (seconds), writes, write
/// failures (conflicts beyond the retries and others) and the first errors.
func runSessions() throws {
    let lock = NSLock()
    var latencies: [Double] = []
    var errors: [String] = []
    var writes = 0, writeFailures = 0
    var readersLeft = sessions
    let group = DispatchGroup()
    var engines: [Engine] = []
    var keep: [AnyObject] = []
    // One store object (one pool) shared by every session, as a server process would.
    let (first, _, shared) = try openEngine(readOnly: false, pool: sessions + writers.count)
    engines.append(first)
    if let shared { keep.append(shared) }
    for _ in 1..<(sessions + writers.count) {
        if let shared {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-bench-\(UUID().uuidString).sqlite").path
            engines.append(Engine(store: try Store(path: scratch), backend: shared, session: Session(today: today)))
        } else {
            engines.append(try openEngine(readOnly: false, pool: 1).0)
        }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    for (w, script) in writers.enumerated() {
        let engine = engines[sessions + w]
        group.enter()
        Thread {
            defer { group.leave() }
            while lock.withLock({ readersLeft > 0 }) {
                do {
                    try engine.run(script)
                    lock.withLock { writes += 1 }
                } catch {
                    lock.withLock {
                        writeFailures += 1
                        if errors.count < 5 { errors.append("writer: \(error)") }
                    }
                }
            }
        }.start()
    }
    for s in 0..<sessions {
        let engine = engines[s]
        group.enter()
        Thread {
            defer {
                lock.withLock { readersLeft -= 1 }
                group.leave()
            }
            for r in 0..<rounds {
                let script = scripts[(s + r) % scripts.count]
                let t0 = DispatchTime.now().uptimeNanoseconds
                do {
                    try engine.run(script)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                    lock.withLock { latencies.append(seconds) }
                } catch {
                    lock.withLock { if errors.count < 5 { errors.append("reader: \(error)") } }
                }
            }
        }.start()
    }
    group.wait()
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let sorted = latencies.sorted()
    func percentile(_ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
    }
    let json: [String: Any] = ["queries": sorted.count, "seconds": wall, "throughput": Double(sorted.count) / wall,
                               "p50": percentile(0.5), "p95": percentile(0.95), "max": sorted.last ?? 0,
                               "writes": writes, "write_failures": writeFailures, "errors": errors,
                               "failed_queries": sessions * rounds - sorted.count]
    let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
    _ = keep
}
