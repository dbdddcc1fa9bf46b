/// Messages (errors, notes, the CLI's own lines) made safe for a terminal: user text in them
/// (a rule's or scenario's name, a file name, a value) can never drive the terminal. Line
/// breaks and tabs stay; every other C0 control, DEL, C1 control and bidi override is shown
/// visibly as `\u{1B}` (its code in hex), so `"X\u{1B}[2J"` reads as it was typed. Tables use
/// `CellText` instead (one line per cell, control pictures).
package enum MessageText {
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if scalar == "\n" || scalar == "\t" { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
