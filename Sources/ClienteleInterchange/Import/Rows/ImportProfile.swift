import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where an import's time goes, printed to standard error when `CLIENTELE_IMPORT_PROFILE`
/// is set (docs/performance.md, W8): phases timed as wholes, never per row, so that the
/// timing itself costs nothing measurable.
///
///     CLIENTELE_IMPORT_PROFILE=1 clientele store.sqlite -c 'import "orders.csv" into orders'
package enum ImportProfile {
    package static let enabled = ProcessInfo.processInfo.environment["CLIENTELE_IMPORT_PROFILE"] != nil

    /// Seconds since an arbitrary start (monotonic).
    package static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Prints one phase: `import profile: <what> <seconds> s`.
    package static func note(_ what: String, _ seconds: Double) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("import profile: \(what) \(String(format: "%.3f", seconds)) s\n".utf8))
    }
}
