import ClienteleCore

/// The charts of an HTML report, as inline SVG (no script, no external file): bars, a
/// line, a Pareto curve and a waterfall; the heatmap is in `SVGHeatmap.swift`. Every
/// chart is a `<figure>` holding one `<svg class="chart KIND">`; each data mark carries
/// `class="mark"` (a bar, a point, a cell, a step), so a test can count them. Every label
/// is escaped; numbers are written as the tables write them (`12,345.00`).
///
/// ```swift
/// SVGCharts.bars(title: "turnover by abc", labels: ["A", "B"], values: [.money(m1), .money(m2)])
/// ```
public enum SVGCharts {
    static let width = 720.0
    static let font = "font-size=\"12\""

    static func figure(_ kind: String, title: String, height: Double, body: String, caption: String? = nil) -> String {
        var out = "<figure class=\"chart-figure\">\n"
        out += "<svg class=\"chart \(kind)\" viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escaped(title))\">\n"
        out += body
        out += "</svg>\n"
        out += "<figcaption>\(HTMLText.escaped(caption ?? title))</figcaption>\n</figure>\n"
        return out
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", cls: String? = nil) -> String {
        "<text x=\"\(HTMLText.number(x))\" y=\"\(HTMLText.number(y))\" text-anchor=\"\(anchor)\" \(font)"
            + (cls.map { " class=\"\($0)\"" } ?? "") + ">\(HTMLText.escaped(s))</text>\n"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String, extra: String = "") -> String {
        "<rect class=\"\(cls)\" x=\"\(HTMLText.number(x))\" y=\"\(HTMLText.number(y))\" width=\"\(HTMLText.number(max(w, 0)))\" "
            + "height=\"\(HTMLText.number(max(h, 0)))\"\(extra)/>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String) -> String {
        "<line class=\"\(cls)\" x1=\"\(HTMLText.number(x1))\" y1=\"\(HTMLText.number(y1))\" x2=\"\(HTMLText.number(x2))\" y2=\"\(HTMLText.number(y2))\"/>\n"
    }

    static func shown(_ value: Value) -> String { ValueFormatting.human(value, nullText: "") }

    /// A sparkline cell of a table: a small inline line (80×16) from the row's smallest value
    /// at the bottom to its largest at the top, broken where a value is missing; the numbers
    /// are its label (`<title>`) for a screen reader and a hover.
    static func sparkline(_ text: String) -> String {
        let numbers = SparklineText.numbers(text)
        let w = 80.0, h = 16.0, pad = 2.0
        let present = numbers.compactMap { $0 }
        let label = SparklineText.parts(text).map { $0.isEmpty ? "–" : String($0) }.joined(separator: " ")
        var out = "<svg class=\"spark\" width=\"\(HTMLText.number(w))\" height=\"\(HTMLText.number(h))\" "
            + "viewBox=\"0 0 \(HTMLText.number(w)) \(HTMLText.number(h))\" role=\"img\" aria-label=\"\(HTMLText.escaped(label))\">"
            + "<title>\(HTMLText.escaped(label))</title>"
        guard let low = present.min(), let high = present.max() else { return out + "</svg>" }
        let step = numbers.count > 1 ? (w - 2 * pad) / Double(numbers.count - 1) : 0
        func y(_ v: Double) -> Double { high == low ? h / 2 : h - pad - (v - low) / (high - low) * (h - 2 * pad) }
        var runs: [[String]] = [[]]
        for (i, n) in numbers.enumerated() {
            guard let n else { runs.append([]); continue }
            runs[runs.count - 1].append("\(HTMLText.number(pad + step * Double(i))),\(HTMLText.number(y(n)))")
        }
        for run in runs where !run.isEmpty {
            out += run.count == 1
                ? "<circle cx=\"\(run[0].split(separator: ",")[0])\" cy=\"\(run[0].split(separator: ",")[1])\" r=\"1.5\" fill=\"currentColor\"/>"
                : "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>"
        }
        return out + "</svg>"
    }

    /// Horizontal bars, one per label, scaled to the largest magnitude; a negative value is
    /// drawn in the loss colour, a null one has no bar. The exact value is written beside it.
    public static func bars(title: String, labels: [String], values: [Value]) -> String {
        let count = min(labels.count, values.count)
        let rowHeight = 26.0, top = 8.0, labelWidth = 170.0, valueWidth = 120.0
        let height = top * 2 + rowHeight * Double(max(count, 1))
        let magnitudes = values.prefix(count).map { ChartRenderer.magnitude($0) }
        let largest = magnitudes.compactMap { $0.map(abs) }.max() ?? 0
        let barSpace = width - labelWidth - valueWidth - 16
        var body = ""
        for i in 0..<count {
            let y = top + rowHeight * Double(i)
            body += text(labelWidth - 8, y + 17, CellText.truncated(labels[i], to: 28), anchor: "end", cls: "label")
            if let m = magnitudes[i] {
                let w = largest > 0 ? abs(m) / largest * barSpace : 0
                body += rect(labelWidth, y + 4, w, rowHeight - 8, cls: m < 0 ? "mark bar neg" : "mark bar")
            }
            body += text(width - 8, y + 17, shown(values[i]), anchor: "end", cls: "value")
        }
        return figure("bars", title: title, height: height, body: body)
    }

    /// A series left to right in the rows' order: a polyline and a point per value (nulls
    /// break nothing: they have no point), the smallest and largest values on the axis,
    /// every label under its point when they fit (else the first, last and a few between).
    public static func line(title: String, labels: [String], values: [Value]) -> String {
        let count = min(labels.count, values.count)
        let left = 90.0, right = 20.0, top = 16.0, plot = 220.0, height = top + plot + 48
        let numbers = values.prefix(count).map { ChartRenderer.magnitude($0) }
        let present = numbers.compactMap { $0 }
        guard let low = present.min(), let high = present.max(), count > 0 else {
            return figure("line", title: title, height: 40, body: text(10, 24, "(no values)"))
        }
        let span = width - left - right
        func x(_ i: Int) -> Double { count == 1 ? left + span / 2 : left + span * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { high == low ? top + plot / 2 : top + plot - (v - low) / (high - low) * plot }
        var body = line(left, top, left, top + plot, cls: "axis") + line(left, top + plot, width - right, top + plot, cls: "axis")
        let highValue = values[numbers.firstIndex(of: high)!], lowValue = values[numbers.firstIndex(of: low)!]
        body += text(left - 6, y(high) + 4, shown(highValue), anchor: "end", cls: "value")
        if high != low { body += text(left - 6, y(low) + 4, shown(lowValue), anchor: "end", cls: "value") }
        let points = (0..<count).compactMap { i in numbers[i].map { "\(HTMLText.number(x(i))),\(HTMLText.number(y($0)))" } }
        body += "<polyline class=\"series\" fill=\"none\" points=\"\(points.joined(separator: " "))\"/>\n"
        for i in 0..<count {
            guard let v = numbers[i] else { continue }
            body += "<circle class=\"mark point\" cx=\"\(HTMLText.number(x(i)))\" cy=\"\(HTMLText.number(y(v)))\" r=\"3.5\">"
                + "<title>\(HTMLText.escaped(labels[i])): \(HTMLText.escaped(shown(values[i])))</title></circle>\n"
        }
        let every = max(1, Int((Double(count) / 10).rounded(.up)))
        for i in 0..<count where i % every == 0 || i == count - 1 {
            body += text(x(i), top + plot + 18, CellText.truncated(labels[i], to: 12), anchor: "middle", cls: "label")
        }
        return figure("line", title: title, height: height, body: body)
    }

    /// A point of a Pareto curve: a class, its cumulative share of clients and of turnover
    /// (each 0...1, the classes in order from the largest clients).
    public struct ParetoPoint: Sendable {
        public var label: String
        public var clients: Double
        public var turnover: Double
        public init(label: String, clients: Double, turnover: Double) {
            self.label = label; self.clients = clients; self.turnover = turnover
        }
    }

    /// The cumulative share of turnover against the cumulative share of clients, from the
    /// origin through each class's boundary, with dashed lines at the given shares (the
    /// importance thresholds: 20 % and 70 %).
    public static func pareto(title: String, points: [ParetoPoint], lines shares: [Double]) -> String {
        let left = 56.0, right = 24.0, top = 14.0, plot = 240.0, height = top + plot + 44
        let span = width - left - right
        func x(_ v: Double) -> Double { left + span * min(max(v, 0), 1) }
        func y(_ v: Double) -> Double { top + plot - plot * min(max(v, 0), 1) }
        var body = line(left, top, left, top + plot, cls: "axis") + line(left, top + plot, width - right, top + plot, cls: "axis")
        for share in shares {
            body += line(left, y(share), width - right, y(share), cls: "threshold")
            body += text(left - 6, y(share) + 4, "\(Int((share * 100).rounded())) %", anchor: "end", cls: "value")
        }
        body += text(left - 6, y(1) + 4, "100 %", anchor: "end", cls: "value")
        body += text(x(0), top + plot + 18, "0 %", anchor: "middle", cls: "label")
        body += text(x(1), top + plot + 18, "100 %", anchor: "middle", cls: "label")
        body += text(left + span / 2, top + plot + 36, "share of clients → cumulative share of turnover", anchor: "middle", cls: "label")
        let path = ([ParetoPoint(label: "", clients: 0, turnover: 0)] + points)
            .map { "\(HTMLText.number(x($0.clients))),\(HTMLText.number(y($0.turnover)))" }
        body += "<polyline class=\"series\" fill=\"none\" points=\"\(path.joined(separator: " "))\"/>\n"
        for p in points {
            body += "<circle class=\"mark point\" cx=\"\(HTMLText.number(x(p.clients)))\" cy=\"\(HTMLText.number(y(p.turnover)))\" r=\"4\">"
                + "<title>\(HTMLText.escaped(p.label))</title></circle>\n"
            let nearRight = p.clients > 0.85
            body += text(x(p.clients) + (nearRight ? -6 : 6), y(p.turnover) + 14, p.label, anchor: nearRight ? "end" : "start", cls: "label")
        }
        return figure("pareto", title: title, height: height, body: body)
    }

    /// A step of a waterfall: a total (drawn from zero) or a change (drawn from the running total).
    public struct Step: Sendable {
        public var label: String
        public var value: Value
        public var isTotal: Bool
        public init(label: String, value: Value, isTotal: Bool) { self.label = label; self.value = value; self.isTotal = isTotal }
    }

    /// Vertical bars: totals, and each change floating from where the last one ended
    /// (gains and losses in their colours), the exact value over each bar. The axis spans
    /// the values, not zero to the largest (a change of 1 % of the margin would be a
    /// hairline): it starts a quarter of the spread below the lowest, written under it, and
    /// totals rise from there.
    public static func waterfall(title: String, steps: [Step]) -> String {
        let left = 20.0, top = 24.0, plot = 220.0, height = top + plot + 44
        var running = 0.0, low = Double.infinity, high = -Double.infinity
        var spans: [(Double, Double)] = []
        for s in steps {
            let v = ChartRenderer.magnitude(s.value) ?? 0
            let from = s.isTotal ? v : running
            let to = s.isTotal ? v : running + v
            running = to
            spans.append((from, to))
            low = min(low, from, to); high = max(high, from, to)
        }
        if steps.isEmpty { low = 0; high = 1 }
        let spread = high - low == 0 ? max(abs(high), 1) : high - low
        let floor = low >= 0 && low - spread * 0.25 < 0 ? 0 : low - spread * 0.25
        let range = high - floor == 0 ? 1 : high - floor
        func y(_ v: Double) -> Double { top + plot - (v - floor) / range * plot }
        let slot = (width - left * 2) / Double(max(steps.count, 1))
        var body = line(left, top + plot, width - left, top + plot, cls: "axis")
        if floor != 0, floor.magnitude < 9e15 {
            body += text(width - left, top + plot + 36, "axis from " + shown(.integer(Int64(floor.rounded(.down)))), anchor: "end", cls: "label")
        }
        for (i, s) in steps.enumerated() {
            let (from, to) = spans[i]
            let x = left + slot * Double(i) + slot * 0.15
            let cls = s.isTotal ? "mark step total" : to >= from ? "mark step gain" : "mark step loss"
            let (barTop, barBottom) = s.isTotal ? (y(to), top + plot) : (y(max(from, to)), y(min(from, to)))
            body += rect(x, barTop, slot * 0.7, max(barBottom - barTop, 1), cls: cls)
            let sign = !s.isTotal && to > from ? "+" : ""
            body += text(x + slot * 0.35, barTop - 6, sign + shown(s.value), anchor: "middle", cls: "value")
            body += text(x + slot * 0.35, top + plot + 18, CellText.truncated(s.label, to: 18), anchor: "middle", cls: "label")
        }
        return figure("waterfall", title: title, height: height, body: body)
    }
}
