import ClienteleCore

/// A value as exact machine text, the one spelling CSV and Markdown files and `mode csv`
/// share: no grouping, ISO dates, "true"/"false".
///
/// ```swift
/// ValueText.plain(.money(m), nullText: "", decimalComma: true)   // "1234,56"
/// ```
package enum ValueText {
    /// With `decimalComma` the decimal mark of money, decimals and percents becomes `,` as a
    /// Russian-locale spreadsheet expects. Null (and a decimal that is not a number, which
    /// only a host can make) is `nullText`.
    package static func plain(_ value: Value, nullText: String, decimalComma: Bool) -> String {
        switch value {
        case .null: return nullText
        case .decimal(let d) where d.isNaN: return nullText
        case .decimal, .money, .percent:
            let text = value.plain
            return decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
        default: return value.plain
        }
    }
}
