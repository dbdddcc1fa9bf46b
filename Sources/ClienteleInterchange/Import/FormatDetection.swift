import Foundation
import ClienteleCore

/// Guesses the separator, the decimal mark and the date format of a file from its content.
package enum FormatDetection {
    package static let separatorCandidates: [Character] = [";", "\t", ","]

    /// Counts `;`, tab and `,` outside quotes in the header line (the first record, which may
    /// span lines inside quotes) and takes the most frequent; ties prefer `;`, then tab.
    /// A header with none of them is one column: `,`.
    package static func separator(in text: String) -> Character { separator(utf8: text.utf8) }

    /// The same on the UTF-8 bytes of the text (or Windows-1251 bytes: the characters
    /// counted are ASCII, the same bytes in both).
    package static func separator<S: Sequence>(utf8 bytes: S) -> Character where S.Element == UInt8 {
        var counts: [UInt8: Int] = [0x3B: 0, 0x09: 0, 0x2C: 0]
        var quoted = false
        for b in bytes {
            if b == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        let semicolons = counts[0x3B]!, tabs = counts[0x09]!, commas = counts[0x2C]!
        if semicolons == 0 && tabs == 0 && commas == 0 { return "," }
        if semicolons >= tabs && semicolons >= commas { return ";" }
        if tabs >= commas { return "\t" }
        return ","
    }

    /// Decides the decimal mark from sample amounts: `1 234,56` and `12,5` say comma;
    /// `1,234.56` and `12.50` say point. Without evidence, a `;`-separated file (the Russian
    /// locale's list separator) is taken to use the comma.
    package static func decimalComma(samples: [String], separator: Character) -> Bool {
        var comma = 0, point = 0
        for raw in samples {
            let s = raw.filter { $0.isNumber || $0 == "," || $0 == "." }
            let lastComma = s.lastIndex(of: ","), lastPoint = s.lastIndex(of: ".")
            switch (lastComma, lastPoint) {
            case (nil, nil): continue
            case (let c?, nil):
                let after = s.distance(from: c, to: s.endIndex) - 1
                if after == 3 { continue } // 1,234: ambiguous
                comma += 1
            case (nil, let p?):
                let after = s.distance(from: p, to: s.endIndex) - 1
                if after == 3 { continue } // 1.234: ambiguous
                point += 1
            case (let c?, let p?):
                if c > p { comma += 1 } else { point += 1 }
            }
        }
        if comma != point { return comma > point }
        return separator == ";"
    }

    /// Decides the date format from sample dates. Dots mean dd.mm.yyyy; slashes mean
    /// dd/mm/yyyy unless some value has a second part above 12 and none a first part above 12.
    package static func dateFormat(samples: [String]) -> DateFormatChoice {
        var iso = 0, dots = 0, slashes = 0
        var firstOver12 = false, secondOver12 = false
        for raw in samples {
            let s = raw.trimmingCharacters(in: .whitespaces)
            if s.isEmpty { continue }
            if s.contains("-") && s.prefix(4).allSatisfy(\.isNumber) { iso += 1; continue }
            if s.contains(".") { dots += 1; continue }
            if s.contains("/") {
                slashes += 1
                let parts = s.split(separator: "/")
                if parts.count >= 2 {
                    if let a = Int(parts[0]), a > 12 { firstOver12 = true }
                    if let b = Int(parts[1]), b > 12 { secondOver12 = true }
                }
            }
        }
        if dots == 0 && slashes == 0 { return .iso }
        if dots >= slashes && dots >= iso { return .dayMonthYearDots }
        if slashes >= iso {
            return secondOver12 && !firstOver12 ? .monthDayYearSlashes : .dayMonthYearSlashes
        }
        return .iso
    }
}
