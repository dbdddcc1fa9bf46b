import ClienteleCore

/// A script's results as one self-contained HTML page (`--format html`, `export … to
/// "x.html"`): inline CSS and SVG, no script, no external file or font, so it opens the
/// same offline, prints on A4 landscape and reads on a phone.
///
/// Results become sections in the order they came. A section's title is the message that
/// came just before its result ("clients by abc over 2025-Q4 (2025-10-01..2025-12-31)"; the
/// first line of a longer message, the rest shown under it; earlier messages, such as
/// "scenario … saved", are shown before the section); a result with none is
/// "result N", with the session's period ("period = …") under it. A chart that follows a
/// table (a segmentation's bars, a comparison's) stays in the table's section. Tables get
/// the pictures `ReportCharts` finds for their shape; `chart` is drawn as bars and
/// `chart line` as a line.
///
/// ```swift
/// var report = HTMLReport(title: "monthly report", currency: "RUB")
/// for output in try engine.run(script) { report.add(output) }
/// let page = report.document()
/// ```
public struct HTMLReport: Sendable {
    /// The page's title and first heading.
    public var title: String
    /// The store's currency, named in the footer of tables with money.
    public var currency: String
    /// Rows kept per table; the rest are counted ("… the first 5000 shown").
    public static let rowLimit = 5_000

    private struct Section: Sendable {
        var heading: String
        /// Messages of earlier statements ("scenario … saved"), shown before the heading.
        var lead: [String] = []
        var notes: [String] = []
        var period: String?
        var body = ""
        var hasTable = false
        var trailing: [String] = []
    }

    private var sections: [Section] = []
    private var pending: [String] = []
    private var period: String?

    public init(title: String, currency: String = "") {
        self.title = title
        self.currency = currency
    }

    /// Whether the report has any result yet.
    public var isEmpty: Bool { sections.isEmpty }

    /// Adds one output of a script, in order.
    public mutating func add(_ output: Output) {
        add(output, rowsLeftOut: 0)
    }

    /// Adds a table of which only the first rows were kept (a table is shown with at most
    /// `rowLimit` rows: its footer says how many more there were).
    public mutating func add(_ output: Output, rowsLeftOut: Int) {
        switch output {
        case .message(let text):
            if text.hasPrefix("period = ") {
                period = String(text.dropFirst("period = ".count))
            } else if text.hasPrefix("list the clients of a cell"), !sections.isEmpty, pending.isEmpty {
                // movement's hint belongs to the matrix above it.
                sections[sections.count - 1].trailing.append(text)
            } else {
                pending.append(text)
            }
        case .table(let table):
            let kept = Table(columns: table.columns, rows: Array(table.rows.prefix(Self.rowLimit)))
            let left = rowsLeftOut + max(0, table.rows.count - Self.rowLimit)
            startSection()
            sections[sections.count - 1].hasTable = true
            sections[sections.count - 1].body += HTMLTable.render(kept, currency: currency, rowsLeftOut: left)
            for chart in ReportCharts.charts(for: table) { sections[sections.count - 1].body += chart }
        case .scalar(let name, let value):
            startSection()
            sections[sections.count - 1].body += "<p class=\"scalar\"><span class=\"name\">\(HTMLText.escaped(name))</span> "
                + "<span class=\"num\">\(HTMLText.escaped(ValueFormatting.human(value, nullText: "")))</span></p>\n"
        case .chart(let title, let labels, let values):
            // The bars of a segmentation or comparison stay under their table.
            if !pending.isEmpty || sections.last?.hasTable != true { startSection() }
            sections[sections.count - 1].body += SVGCharts.bars(title: title, labels: labels, values: values)
        case .lineChart(let title, let labels, let values):
            startSection(defaultHeading: title)
            sections[sections.count - 1].body += SVGCharts.line(title: title, labels: labels, values: values)
        }
    }

    private mutating func startSection(defaultHeading: String? = nil) {
        let lead = pending.dropLast().flatMap { $0.split(separator: "\n").map(String.init) }
        var lines = pending.last.map { $0.split(separator: "\n").map(String.init) } ?? []
        // "compare over … (…): orders recomputed …": the title is what comes before the colon.
        if let first = lines.first, let colon = first.range(of: ": "), !first[colon.upperBound...].isEmpty {
            lines[0] = String(first[..<colon.lowerBound])
            lines.insert(String(first[colon.upperBound...]), at: 1)
        }
        pending = []
        var section = Section(heading: lines.first ?? defaultHeading ?? "result \(sections.count + 1)")
        section.lead = lead
        section.notes = Array(lines.dropFirst())
        // A title that names its own period ("over 2025-Q4 (2025-10-01..2025-12-31)") needs no other.
        if !section.heading.contains(".."), let period { section.period = period }
        sections.append(section)
    }

    /// The whole page.
    public func document() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="ru">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <style>
        \(HTMLReport.style)
        </style>
        </head>
        <body>
        <main>
        <h1>\(HTMLText.escaped(title))</h1>

        """
        if let period { out += "<p class=\"period\">period: \(HTMLText.escaped(period))</p>\n" }
        for s in sections {
            for n in s.lead { out += "<p class=\"note log\">\(HTMLText.escaped(n))</p>\n" }
            out += "<section>\n<h2>\(HTMLText.escaped(s.heading))</h2>\n"
            if let p = s.period { out += "<p class=\"period\">period: \(HTMLText.escaped(p))</p>\n" }
            for n in s.notes { out += "<p class=\"note\">\(HTMLText.escaped(n))</p>\n" }
            out += s.body
            for n in s.trailing { out += "<p class=\"note\">\(HTMLText.escaped(n))</p>\n" }
            out += "</section>\n"
        }
        let rest = pending.flatMap { $0.split(separator: "\n").map(String.init) }
        if !rest.isEmpty {
            out += "<section class=\"notes\">\n"
            for n in rest { out += "<p class=\"note\">\(HTMLText.escaped(n))</p>\n" }
            out += "</section>\n"
        }
        if sections.isEmpty && rest.isEmpty { out += "<p class=\"note\">(no results)</p>\n" }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static let style = """
    @page { size: A4 landscape; margin: 12mm; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.45 "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2733; background: #fff; }
    main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
    h1 { font-size: 22px; margin: 8px 0 4px; }
    h2 { font-size: 17px; margin: 0 0 4px; }
    section { margin: 22px 0; padding-top: 12px; border-top: 1px solid #d9dee5; break-inside: avoid; page-break-inside: avoid; }
    .period, .note, .table-footer, figcaption { color: #5b6675; font-size: 12.5px; margin: 2px 0; }
    .table-wrap { overflow-x: auto; margin: 8px 0 2px; }
    table { border-collapse: collapse; min-width: 40%; }
    th, td { padding: 4px 10px; border-bottom: 1px solid #e3e7ec; text-align: left; white-space: nowrap; }
    th { background: #f2f4f7; font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.total td { font-weight: 700; border-top: 2px solid #9aa5b1; }
    .scalar .name { color: #5b6675; margin-right: 8px; }
    .scalar .num { font-size: 20px; font-weight: 700; }
    figure { margin: 10px 0; }
    svg.chart { width: 100%; max-width: 760px; height: auto; display: block; }
    svg text { fill: #1d2733; font-family: inherit; }
    svg .bar { fill: #3d7cc9; }
    svg .bar.neg, svg .step.loss { fill: #d0533f; }
    svg .step.gain { fill: #3b9a5a; }
    svg .step.total { fill: #3d7cc9; }
    svg .axis { stroke: #9aa5b1; stroke-width: 1; }
    svg .threshold { stroke: #d08a3f; stroke-width: 1; stroke-dasharray: 5 4; }
    svg .series { stroke: #3d7cc9; stroke-width: 2; }
    svg .point { fill: #1d4f8c; }
    svg .cell-text.dark { fill: #fff; }
    @media (max-width: 640px) {
      body { font-size: 13px; }
      main { padding: 10px; }
      th, td { padding: 3px 6px; }
    }
    @media print {
      main { max-width: none; padding: 0; }
      section { break-inside: avoid; }
      .table-wrap { overflow: visible; }
    }
    """
}
