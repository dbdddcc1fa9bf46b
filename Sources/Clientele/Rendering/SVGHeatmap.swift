extension SVGCharts {
    /// A heatmap: a grid of numbers with row and column labels, each cell shaded from white
    /// (zero, or the smallest value) to deep blue (the largest), its text written in it. A
    /// nil cell is left blank. Reusable for any matrix: a `movement` (rows: the classes of
    /// the first period; columns: of the second), a cross table or pivot, a retention matrix.
    ///
    /// ```swift
    /// SVGCharts.heatmap(title: "retention", rowLabels: ["2024-01", "2024-02"], columnLabels: ["0", "1", "2"],
    ///                   cells: [[1, 0.4, 0.3], [1, 0.5, nil]],
    ///                   texts: [["100%", "40%", "30%"], ["100%", "50%", ""]])
    /// ```
    ///
    /// `texts` (same shape as `cells`) is what each cell shows; nil shows the numbers as they
    /// are. The picture is `<svg class="chart heatmap">` with a `<rect class="mark cell">` per
    /// cell that has a number.
    public static func heatmap(title: String, rowLabels: [String], columnLabels: [String],
                               cells: [[Double?]], texts: [[String]]? = nil) -> String {
        let labelWidth = 150.0, top = 28.0, rowHeight = 28.0
        let columns = max(columnLabels.count, 1)
        let cellWidth = min(110, (width - labelWidth - 8) / Double(columns))
        let height = top + rowHeight * Double(max(rowLabels.count, 1)) + 8
        let present = cells.flatMap { $0.compactMap { $0 } }
        let low = min(0, present.min() ?? 0), high = present.max() ?? 0
        var body = ""
        for (j, label) in columnLabels.enumerated() {
            body += text(labelWidth + cellWidth * (Double(j) + 0.5), top - 10, CellText.truncated(label, to: 14), anchor: "middle", cls: "label")
        }
        for (i, label) in rowLabels.enumerated() {
            let y = top + rowHeight * Double(i)
            body += text(labelWidth - 8, y + 18, CellText.truncated(label, to: 24), anchor: "end", cls: "label")
            let row = i < cells.count ? cells[i] : []
            for j in 0..<columnLabels.count {
                let x = labelWidth + cellWidth * Double(j)
                guard j < row.count, let v = row[j] else { continue }
                let t = high > low ? (v - low) / (high - low) : 0
                body += rect(x + 1, y + 1, cellWidth - 2, rowHeight - 2, cls: "mark cell", extra: " fill=\"\(shade(t))\"")
                let shownText = texts.flatMap { i < $0.count && j < $0[i].count ? $0[i][j] : nil } ?? HTMLText.number(v)
                body += text(x + cellWidth / 2, y + 18, shownText, anchor: "middle", cls: t > 0.55 ? "cell-text dark" : "cell-text")
            }
        }
        return figure("heatmap", title: title, height: height, body: body)
    }

    /// From #f7fbff (0) to #08519c (1), in steps of the colour's 256 levels.
    static func shade(_ t: Double) -> String {
        let t = min(max(t, 0), 1)
        func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let (r, g, b) = (channel(0xF7, 0x08), channel(0xFB, 0x51), channel(0xFF, 0x9C))
        func hex(_ v: Int) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
