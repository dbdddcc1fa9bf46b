import Foundation

/// Text made safe for HTML and SVG: every user value (a client's name, a label, a title)
/// goes through `escaped` before it is written into a report, in element text and in
/// attribute values alike.
///
/// ```swift
/// HTMLText.escaped("<script>\"Ромашка\" & 'Co'")   // &lt;script&gt;&quot;Ромашка&quot; &amp; &#39;Co&#39;
/// ```
public enum HTMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters have no place in a page (and some are not allowed in XML/SVG).
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A coordinate in an SVG: one decimal, never `-0.0`, the same on every machine.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }
}
