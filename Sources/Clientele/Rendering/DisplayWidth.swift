import ClienteleCore

/// How many terminal columns text occupies: a compact `wcwidth` over grapheme clusters.
///
/// Latin, Cyrillic, Greek and box drawing take one column; East Asian wide and fullwidth
/// characters and emoji take two; combining marks, joiners and format characters take none.
/// East Asian "ambiguous" characters (Cyrillic among them, in some terminals) count as one,
/// as every Western terminal draws them.
///
/// ```swift
/// DisplayWidth.of("Фармация")   // 8
/// DisplayWidth.of("東京")        // 4
/// DisplayWidth.of("e\u{301}")   // 1
/// ```
enum DisplayWidth {
    static func of<S: StringProtocol>(_ text: S) -> Int {
        // Most cells are printable ASCII: one column per byte, no grapheme breaking needed.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text.utf8.count }
        var total = 0
        for character in text { total += DisplayWidth.character(character) }
        return total
    }

    /// One grapheme cluster: an emoji sequence (ZWJ family, flag, keycap, skin tone,
    /// `U+FE0F` presentation) is one two-column glyph; otherwise the scalars add up, so a
    /// base letter with combining accents stays one column and Hangul jamo make one syllable.
    static func character(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII {
            // Fast path; a cluster such as "e\u{301}" or "1\u{FE0F}\u{20E3}" goes on below.
            if scalars.count == 1 { return (0x20..<0x7F).contains(first.value) ? 1 : 0 }
        }
        if scalars.count > 1, isEmojiSequence(scalars) { return 2 }
        var total = 0
        for scalar in scalars { total += DisplayWidth.scalar(scalar) }
        return total
    }

    static func scalar(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }   // controls: escaped before display
        if v < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        guard let first = scalars.first, first.properties.isEmoji else { return false }
        if first.properties.isEmojiPresentation { return true }
        // Text-default emoji (❤, digits for keycaps) become wide only when asked to.
        return scalars.contains { $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) }
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants join the preceding initial consonant.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true   // accents, ZWJ/ZWNJ, BOM, VS
        default: return false
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), emoji aside: those are found by
    /// their `Emoji_Presentation` property.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x231A...0x231B, 0x2329...0x232A,
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,   // CJK Extension A
        0x4E00...0x9FFF,   // CJK Unified Ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,   // Tangut, Kana supplement
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, 0x30000...0x3FFFD,   // CJK Extensions B and later
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 }
            else if v > range.upperBound { low = mid + 1 }
            else { return true }
        }
        return false
    }
}
