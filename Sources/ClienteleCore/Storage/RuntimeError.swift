import Foundation

/// Errors raised while a checked statement runs.
package enum RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case readOnly(String)
    case message(String)
    package var description: String {
        switch self {
        case .readOnly(let what):
            return "the store is open read-only (--read-only): \(what) is refused"
        case .message(let m): return m
        }
    }
}
