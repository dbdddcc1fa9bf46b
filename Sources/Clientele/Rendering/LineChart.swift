/// `chart line`: a series drawn in the terminal as text, left to right in the rows' order:
/// a plot of 8 levels between the smallest and the largest value (a `•` per point, the axis
/// labelled with both), the first and last labels under it, and a one-line sparkline.
/// Exact values stay in the table the same query gives without the chart.
enum LineChart {
    static let levels = 8
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func text(title: String, labels: [String], values: [Value]) -> String {
        let numbers = values.map(ChartRenderer.magnitude)
        let present = numbers.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return title + "\n(no values)" }
        let shownHigh = ValueFormatting.human(values[numbers.firstIndex(of: high)!], nullText: "")
        let shownLow = ValueFormatting.human(values[numbers.firstIndex(of: low)!], nullText: "")
        // Labels are the user's text: made safe for a terminal, as in every table.
        let labels = labels.map { CellText.truncated(CellText.escaped($0), to: 24) }
        let title = CellText.escaped(title)
        let level: (Double) -> Int = { v in high == low ? levels / 2 : Int(((v - low) / (high - low) * Double(levels - 1)).rounded()) }
        let step = numbers.count <= 30 ? 3 : 1
        let axis = max(shownHigh.count, shownLow.count)
        func pad(_ s: String) -> String { String(repeating: " ", count: axis - s.count) + s }

        var lines = [title]
        for row in stride(from: levels - 1, through: 0, by: -1) {
            var line = row == levels - 1 ? pad(shownHigh) + " ┤" : row == 0 ? pad(shownLow) + " ┤" : String(repeating: " ", count: axis) + " │"
            for n in numbers {
                let mark = n.map { level($0) == row } ?? false
                line += String(repeating: " ", count: step - 1) + (mark ? "•" : " ")
            }
            lines.append(trimmed(line))
        }
        lines.append(String(repeating: " ", count: axis) + " └" + String(repeating: "─", count: numbers.count * step))
        if let first = labels.first, let last = labels.last {
            let gap = max(1, numbers.count * step - first.count - last.count)
            lines.append(String(repeating: " ", count: axis + 2) + (labels.count == 1 ? first : first + String(repeating: " ", count: gap) + last))
        }
        lines.append(String(repeating: " ", count: axis + 2) + String(numbers.map { n in n.map { sparks[level($0)] } ?? " " }))
        return lines.joined(separator: "\n")
    }

    private static func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
