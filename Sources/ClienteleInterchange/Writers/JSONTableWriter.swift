import ClienteleCore

/// The one JSON writer (RFC 8259), for results on screen (`mode json`/`jsonl`) and for
/// `export ... to "f.json"`/`"f.jsonl"`. Written by hand, so that keys keep column order and
/// numbers keep every digit: money `92233720368547758.07` is written from its minor units,
/// never through a `Double`.
///
/// - table: `[` newline, one object per line, `]` (`[]` when empty); JSONL: the objects alone.
/// - money and decimals: numbers with two decimals (`1234.50`); integers as they are; dates:
///   `"YYYY-MM-DD"`; booleans; `null` (also for a decimal that is not a number).
/// - percent: the number of percent (`2.5`: the key names the measure, the value stays a
///   number a program can add), on screen and in exported files alike; `.text` (`"2.5%"`)
///   remains for a host that wants it.
/// - a sparkline column (`spark`, `pivot ... spark`): the array of its numbers, `null` for a
///   missing one.
/// - Two columns of the same name would make an object with a duplicate key; the later
///   ones become `name_2`, `name_3`.
///
/// ```swift
/// let writer = JSONTableWriter(percents: .text)
/// writer.lines(table).joined(separator: "\n")   // [ {"name": "A", "share": "2.5%"} ]
/// ```
package struct JSONTableWriter: Sendable {
    package enum PercentStyle: Sendable {
        /// `2.5`: the number of percent.
        case number
        /// `"2.5%"`: a string, as a person writes it.
        case text
    }

    package var percents: PercentStyle

    package init(percents: PercentStyle) { self.percents = percents }

    /// The table as lines: an array (`[`, objects, `]`) or, with `jsonLines`, one object per line.
    package func lines(_ table: Table, jsonLines: Bool) -> [String] {
        let keys = Self.uniqueKeys(table.columns.map(\.name))
        let spark = table.columns.map { $0.display == .sparkline }
        let objects = table.rows.map { row in
            "{" + keys.indices.map { i in
                let value = i < row.count ? row[i] : .null
                // A sparkline's numbers as an array (`[12.5, 0, null]`), not its text.
                if spark[i], case .text(let s) = value {
                    return Self.string(keys[i]) + ": [" + SparklineText.parts(s).map { $0.isEmpty ? "null" : String($0) }
                        .joined(separator: ", ") + "]"
                }
                return Self.string(keys[i]) + ": " + literal(value)
            }.joined(separator: ", ") + "}"
        }
        if jsonLines { return objects }
        if objects.isEmpty { return ["[]"] }
        return ["["] + objects.enumerated().map { i, object in
            "  " + object + (i < objects.count - 1 ? "," : "")
        } + ["]"]
    }

    package func object(_ keys: [String], _ values: [Value]) -> String {
        "{" + zip(keys, values).map { Self.string($0) + ": " + literal($1) }.joined(separator: ", ") + "}"
    }

    package func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.isNaN ? "null" : value.plain
        case .money(let m): return m.plain
        case .percent(let p):
            let text = p.description
            switch percents {
            case .number: return String(text.dropLast())   // "2.5%" -> 2.5
            case .text: return Self.string(text)
            }
        case .date(let d): return Self.string(d.iso)
        case .text(let s): return Self.string(s)
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`... or `\u00XX`;
    /// U+2028 and U+2029 too, so the text is also valid JavaScript. Everything else is
    /// written as UTF-8.
    package static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    package static func uniqueKeys(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.map { name in
            var key = name, n = 1
            while seen.contains(key) { n += 1; key = "\(name)_\(n)" }
            seen.insert(key)
            return key
        }
    }
}
