import ClienteleCore

/// Decides how wide each table column is drawn so that the table fits the terminal.
///
/// First the widest shrinkable (text) columns give up room, all cut to one common width
/// ("water level"), never below `minimumWidth`; numbers, dates and booleans are never cut.
/// If that is not enough, columns are left out from the right, and the rest are fitted again.
struct ColumnLayout: Equatable {
    /// Drawn widths of the columns shown: always a prefix of the table's columns.
    var widths: [Int]
    /// Columns (by index) drawn narrower than their content.
    var truncated: [Int]
    /// Columns (by index) left out, from the right.
    var hidden: [Int]
}

enum ColumnFitting {
    /// Narrowest a text column is cut to: "ООО «…" still hints at what is there.
    static let minimumWidth = 6

    /// Width of a box-drawn table with these column widths: `│ a │ b │`.
    static func tableWidth(_ widths: [Int]) -> Int {
        1 + widths.reduce(0) { $0 + $1 + 3 }
    }

    static func fit(natural: [Int], shrinkable: [Bool], into available: Int?) -> ColumnLayout {
        guard let available, !natural.isEmpty, tableWidth(natural) > available else {
            return ColumnLayout(widths: natural, truncated: [], hidden: [])
        }
        var shown = natural.count
        var widths: [Int]? = nil
        while shown > 0 {
            widths = shrink(Array(natural.prefix(shown)), Array(shrinkable.prefix(shown)), into: available)
            if widths != nil { break }
            shown -= 1
        }
        // Not even the first column fits: draw it as narrow as allowed and let it overflow.
        let drawn = widths ?? [floorWidth(natural[0], shrinkable[0])]
        shown = drawn.count
        return ColumnLayout(widths: drawn,
                            truncated: drawn.indices.filter { drawn[$0] < natural[$0] },
                            hidden: Array(shown..<natural.count))
    }

    /// Cuts shrinkable columns to the highest common cap that fits, or nil if even the
    /// minimum does not.
    private static func shrink(_ widths: [Int], _ shrinkable: [Bool], into available: Int) -> [Int]? {
        if tableWidth(widths) <= available { return widths }
        func capped(_ cap: Int) -> [Int] {
            widths.indices.map { shrinkable[$0] ? max(min(widths[$0], cap), floorWidth(widths[$0], true)) : widths[$0] }
        }
        guard tableWidth(capped(minimumWidth)) <= available else { return nil }
        var fits = minimumWidth, tooWide = widths.max()!   // invariant: capped(fits) fits
        while tooWide - fits > 1 {
            let mid = (fits + tooWide) / 2
            if tableWidth(capped(mid)) <= available { fits = mid } else { tooWide = mid }
        }
        var result = capped(fits)
        // The columns left at the cap share what remains, one column each, from the left.
        var spare = available - tableWidth(result)
        for i in result.indices where spare > 0 && shrinkable[i] && widths[i] > fits {
            result[i] += 1
            spare -= 1
        }
        return result
    }

    private static func floorWidth(_ natural: Int, _ shrinkable: Bool) -> Int {
        shrinkable ? min(natural, minimumWidth) : natural
    }
}
