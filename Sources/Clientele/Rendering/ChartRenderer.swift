import Foundation
import ClienteleCore

/// Horizontal bar charts in the terminal:
///
/// ```
/// turnover by abc
/// A  ███████████████████████████████████████████████████████████████  1,234,567.00
/// B  ███████████████████████▎                                           456,789.00
/// C  ██▍                                                                 45,678.00
/// ```
///
/// Labels left-aligned, bars drawn in eighths of a column (`▏▎▍▌▋▊▉█`), values
/// right-aligned as in a table. Bars are scaled to the largest positive value; a negative,
/// zero or null value has an empty bar and still shows its number, so a chart of losses
/// never stretches the others into slivers.
struct ChartRenderer {
    let options: RenderOptions

    static let defaultWidth = 80
    static let minimumBarWidth = 10
    static let partialBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    func render(title: String, labels rawLabels: [String], values rawValues: [Value]) -> [String] {
        var lines: [String] = []
        if !title.isEmpty { lines.append(bold(CellText.escaped(title))) }
        let count = min(rawLabels.count, rawValues.count)
        guard count > 0 else { return lines + ["(no data)"] }

        let width = options.width ?? Self.defaultWidth
        let values = Array(rawValues.prefix(count))
        let numbers = values.map { ValueFormatting.human($0, nullText: options.nullText) }
        let numberWidth = numbers.map(DisplayWidth.of).max() ?? 0
        // Long labels (client names) give up room so that bars stay readable.
        let labelLimit = max(8, width / 3)
        let labels = rawLabels.prefix(count).map { CellText.truncated(CellText.escaped($0), to: labelLimit) }
        let labelWidth = labels.map(DisplayWidth.of).max() ?? 0
        let barWidth = max(Self.minimumBarWidth, width - labelWidth - numberWidth - 4)

        let magnitudes = values.map(Self.magnitude)
        let largest = magnitudes.compactMap { $0 }.filter { $0 > 0 }.max() ?? 0
        for i in 0..<count {
            let bar = Self.bar(magnitudes[i] ?? 0, of: largest, width: barWidth)
            lines.append(CellText.padded(labels[i], to: labelWidth, .left) + "  "
                         + CellText.padded(bar, to: barWidth, .left) + "  "
                         + CellText.padded(numbers[i], to: numberWidth, .right))
        }
        return lines
    }

    /// A bar of `value / largest * width` columns, rounded to the nearest eighth; a positive
    /// value too small to round to one eighth still gets one, so it is not mistaken for zero.
    static func bar(_ value: Double, of largest: Double, width: Int) -> String {
        guard value > 0, largest > 0 else { return "" }
        var eighths = Int((min(value / largest, 1) * Double(width * 8)).rounded())
        eighths = max(eighths, 1)
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar.append(partialBlocks[eighths % 8 - 1]) }
        return bar
    }

    /// The length of a bar needs no exactness; the printed number keeps it.
    static func magnitude(_ value: Value) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d.isNaN ? nil : NSDecimalNumber(decimal: d).doubleValue
        case .money(let m): return Double(m.minorUnits) / Double(Money.scale)
        case .percent(let p): return Double(p.basisPoints) / 100
        default: return nil
        }
    }

    private func bold(_ text: String) -> String {
        options.color ? ANSI.bold + text + ANSI.reset : text
    }
}

/// The only escape sequences Clientele writes, and only when colour is on.
enum ANSI {
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static let reset = "\u{1B}[0m"
}
