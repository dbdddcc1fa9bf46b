import Foundation
import GRDB
import ClienteleCore

/// Unicode-aware text for SQLite, whose LIKE and NOCASE fold ASCII only.
///
/// Registered on every connection:
/// - `CLIENTELE_FOLD(text)`: case folding for any script (Cyrillic included);
/// - `CLIENTELE_CONTAINS(haystack, needle)`: case-insensitive containment (the `~` operator);
/// - collation `CLIENTELE_NOCASE`: sorting that ignores case and follows the alphabet
///   (Russian Ё sorts right after Е, not after Я as its code point would put it).
package enum UnicodeText {
    package static let collationName = "CLIENTELE_NOCASE"

    package static func fold(_ s: String) -> String { s.lowercased() }

    package static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        return fold(haystack).contains(fold(needle))
    }

    /// Sort weights: lowercase scalar values doubled, with ё placed just after е.
    static func weights(_ s: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x451: out.append(0x435 * 2 + 1) // ё after е
            default: out.append(scalar.value * 2)
            }
        }
        return out
    }

    package static func compare(_ a: String, _ b: String) -> ComparisonResult {
        if a == b { return .orderedSame }
        let wa = weights(a), wb = weights(b)
        for (x, y) in zip(wa, wb) where x != y { return x < y ? .orderedAscending : .orderedDescending }
        if wa.count != wb.count { return wa.count < wb.count ? .orderedAscending : .orderedDescending }
        // Same letters ignoring case: upper case first, deterministically.
        return a < b ? .orderedAscending : .orderedDescending
    }

    static let foldFunction = DatabaseFunction("CLIENTELE_FOLD", argumentCount: 1, pure: true) { values in
        guard let s = String.fromDatabaseValue(values[0]) else { return nil }
        return fold(s)
    }
    static let upperFunction = DatabaseFunction("CLIENTELE_UPPER", argumentCount: 1, pure: true) { values in
        guard let s = String.fromDatabaseValue(values[0]) else { return nil }
        return s.uppercased()
    }
    static let containsFunction = DatabaseFunction("CLIENTELE_CONTAINS", argumentCount: 2, pure: true) { values in
        guard let h = String.fromDatabaseValue(values[0]), let n = String.fromDatabaseValue(values[1]) else { return nil }
        return contains(h, n)
    }
    static let collation = DatabaseCollation(collationName) { a, b in compare(a, b) }

    package static func register(in db: Database) {
        db.add(function: foldFunction)
        db.add(function: upperFunction)
        db.add(function: containsFunction)
        db.add(collation: collation)
    }
}
