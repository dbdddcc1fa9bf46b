import ClienteleCore

/// Text made safe for one line of a terminal, then cut and padded by display width.
enum CellText {
    /// Replaces what would break a row or drive the terminal: a line break becomes `↵`,
    /// a tab `⇥`, other C0 controls and DEL their Unicode control pictures (ESC as `␛`, so
    /// data can never inject an escape sequence), C1 controls and bidi overrides `�`.
    /// With `keepLineBreaks`, `\n` and `\t` stay (a scalar note printed on its own).
    static func escaped(_ text: String, keepLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if keepLineBreaks { out.append(scalar) }
                else if !previousWasCR { out.append("↵") }   // "\r\n" is one break
            case "\r":
                if !keepLineBreaks { out.append("↵") }
            case "\t":
                out.append(keepLineBreaks ? scalar : "⇥")
            case _ where scalar.value < 0x20:
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case "\u{7F}":
                out.append("␡")
            case _ where needsEscape(scalar):
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Cuts `text` to at most `width` columns, ending with `…` when anything was cut.
    /// Whole grapheme clusters only: an accent never loses its letter, a wide character
    /// that would straddle the edge is left out.
    static func truncated(_ text: String, to width: Int) -> String {
        if DisplayWidth.of(text) <= width { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.character(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    enum Alignment { case left, right }

    /// Pads with spaces to exactly `width` columns (text wider than that is returned as is).
    static func padded(_ text: String, to width: Int, _ alignment: Alignment) -> String {
        let gap = width - DisplayWidth.of(text)
        guard gap > 0 else { return text }
        let spaces = String(repeating: " ", count: gap)
        return alignment == .left ? text + spaces : spaces + text
    }
}
