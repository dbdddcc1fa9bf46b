import XCTest
@testable import Clientele

final class DisplayWidthTests: XCTestCase {
    func testColumnsPerCharacter() {
        XCTAssertEqual(DisplayWidth.of("Фармация"), 8)           // Cyrillic: one each
        XCTAssertEqual(DisplayWidth.of("ООО «Ёлка»"), 10)
        XCTAssertEqual(DisplayWidth.of("東京"), 4)                // CJK ideographs: two
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)              // Hangul syllables
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4)               // fullwidth Latin
        XCTAssertEqual(DisplayWidth.of("ｶﾅ"), 2)                 // halfwidth katakana
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)           // combining acute
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}"), 2)  // Hangul from jamo
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)         // zero width space
        XCTAssertEqual(DisplayWidth.of("👍"), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)                // skin tone modifier
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2)                // ZWJ family
        XCTAssertEqual(DisplayWidth.of("🇷🇺"), 2)                 // flag
        XCTAssertEqual(DisplayWidth.of("❤"), 1)                  // text presentation by default
        XCTAssertEqual(DisplayWidth.of("❤\u{FE0F}"), 2)          // ...unless asked for emoji
        XCTAssertEqual(DisplayWidth.of("1\u{FE0F}\u{20E3}"), 2)  // keycap
        XCTAssertEqual(DisplayWidth.of("─│┌…"), 4)
    }

    func testTruncationKeepsWholeCharacters() {
        XCTAssertEqual(CellText.truncated("ООО «Фармация»", to: 8), "ООО «Фа…")
        XCTAssertEqual(CellText.truncated("ООО «Фармация»", to: 14), "ООО «Фармация»")
        XCTAssertEqual(CellText.truncated("Cafe\u{301}s", to: 5), "Cafe\u{301}s")
        XCTAssertEqual(CellText.truncated("Cafe\u{301}s and more", to: 5), "Cafe\u{301}…")
        XCTAssertEqual(CellText.truncated("東京商事", to: 6), "東京…")
        XCTAssertEqual(CellText.truncated("東京商事", to: 4), "東…")
        XCTAssertEqual(CellText.truncated("東京商事", to: 2), "…")
        XCTAssertEqual(CellText.padded("東京", to: 6, .left), "東京  ")
        XCTAssertEqual(CellText.padded("1", to: 3, .right), "  1")
    }

    func testEscapingMakesOneLine() {
        XCTAssertEqual(CellText.escaped("a\nb\r\nc\rd"), "a↵b↵c↵d")
        XCTAssertEqual(CellText.escaped("a\tb\u{0}\u{7F}\u{85}"), "a⇥b␀␡\u{FFFD}")
        XCTAssertEqual(CellText.escaped("\u{202E}evil"), "\u{FFFD}evil")
        XCTAssertEqual(CellText.escaped("a\nb\tc\u{1B}", keepLineBreaks: true), "a\nb\tc␛")
        XCTAssertEqual(CellText.escaped("plain Ёлка"), "plain Ёлка")
    }

    func testFittingCutsWidestTextFirstAndNeverNumbers() {
        // Table width = 1 + Σ(width + 3); natural 1 + 33 + 13 + 13 = 60.
        let natural = [30, 10, 10]
        let fitted = ColumnFitting.fit(natural: natural, shrinkable: [true, true, false], into: 50)
        XCTAssertEqual(fitted, ColumnLayout(widths: [20, 10, 10], truncated: [0], hidden: []))
        // Both text columns down to a common level; the number keeps its 10.
        let tighter = ColumnFitting.fit(natural: natural, shrinkable: [true, true, false], into: 36)
        XCTAssertEqual(tighter, ColumnLayout(widths: [8, 8, 10], truncated: [0, 1], hidden: []))
        // Below the 6-column minimum: the rightmost column goes instead.
        let narrow = ColumnFitting.fit(natural: natural, shrinkable: [true, true, false], into: 25)
        XCTAssertEqual(narrow, ColumnLayout(widths: [9, 9], truncated: [0, 1], hidden: [2]))
        XCTAssertEqual(ColumnFitting.fit(natural: natural, shrinkable: [true, true, false], into: nil),
                       ColumnLayout(widths: natural, truncated: [], hidden: []))
        // A number wider than the terminal is still shown whole.
        XCTAssertEqual(ColumnFitting.fit(natural: [20], shrinkable: [false], into: 10),
                       ColumnLayout(widths: [20], truncated: [], hidden: []))
    }
}
