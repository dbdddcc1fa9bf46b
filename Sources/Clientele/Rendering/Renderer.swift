import ClienteleCore

/// The shapes a result can be printed in, named as the shell's `.mode` command names them.
///
/// ```swift
/// let options = RenderOptions(format: OutputFormat(rawValue: "csv") ?? .table)
/// ```
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Box-drawn table for the terminal, fitted to its width, with a row count.
    case table
    /// RFC 4180 comma-separated values (separator and decimal mark configurable).
    case csv
    /// One JSON array of objects, keys in column order.
    case json
    /// One JSON object per line.
    case jsonl
    /// GitHub-flavoured Markdown pipe table; messages as paragraphs, a blank line after each.
    case markdown
    /// A record per row, `name = value` lines (sqlite3's `.mode line`, psql's `\x`).
    case line
    /// Values separated by `|`, one row per line (sqlite3's `.mode list`).
    case list
    /// Values separated by tabs (sqlite3's `.mode tabs`; TSV).
    case tabs
    /// An HTML `<table>` fragment.
    case html

    /// The format a name stands for: its own name, or the other shells' name for it
    /// (`box` → table, `md` → markdown, `tsv` → tabs); case does not matter.
    ///
    /// ```swift
    /// OutputFormat(name: "box")   // .table
    /// ```
    public init?(name: String) {
        let lowered = name.lowercased()
        if let alias = OutputFormat.aliases.first(where: { $0.alias == lowered }) { self = alias.format; return }
        self.init(rawValue: lowered)
    }

    static let aliases: [(alias: String, format: OutputFormat)] = [("box", .table), ("md", .markdown), ("tsv", .tabs)]

    /// Every name `init(name:)` takes, for usage messages.
    public static var allNames: [String] {
        var names: [String] = []
        for f in allCases {
            names.append(f.rawValue)
            names += aliases.filter { $0.format == f }.map(\.alias)
        }
        return names
    }

    /// Whether messages ("3 clients updated.", a segment's heading and period) belong in
    /// the output: in the formats for people, yes; in the data formats they go to stderr.
    public var keepsMessages: Bool { self == .table || self == .line || self == .markdown }
}

/// How to render: format and the few knobs a user can set in the shell.
///
/// ```swift
/// let options = RenderOptions(format: .table, width: 100, maxRows: nil, currency: engine.currency)
/// ```
public struct RenderOptions: Sendable, Equatable {
    /// Table, CSV, JSON, JSONL or Markdown.
    public var format: OutputFormat
    /// Terminal columns for tables and charts; `nil` means unlimited (charts then use 80).
    public var width: Int?
    /// Rows shown in table mode before "… N more rows"; `nil` shows all. Other formats
    /// always write every row.
    public var maxRows: Int?
    /// ANSI styling (dim borders, bold headers) in table and chart output. When false no
    /// escape sequence is ever written, and data cannot smuggle one in (see `CellText`).
    public var color: Bool
    /// CSV field separator: `,` by default, `;` for spreadsheets in comma-decimal locales.
    public var csvSeparator: Character
    /// CSV only: write `1234,56` instead of `1234.56` for money, decimals and percents.
    public var decimalComma: Bool
    /// What a null shows as in table, chart, Markdown and CSV output (JSON writes `null`).
    public var nullText: String
    /// The header line of csv, list, tabs and html (`.headers off` leaves it out).
    public var headers: Bool = true
    /// The store's currency code; a table with money columns names it in its footer
    /// ("8 rows · money in RUB"). Empty: not shown.
    public var currency: String

    /// Options; every one has the shell's default.
    ///
    /// ```swift
    /// RenderOptions(format: .csv, csvSeparator: ";", decimalComma: true)
    /// ```
    public init(format: OutputFormat = .table, width: Int? = nil, maxRows: Int? = 40,
                color: Bool = false, csvSeparator: Character = ",", decimalComma: Bool = false,
                nullText: String = "", currency: String = "") {
        self.currency = currency
        self.format = format
        self.width = width
        self.maxRows = maxRows
        self.color = color
        self.csvSeparator = csvSeparator
        self.decimalComma = decimalComma
        self.nullText = nullText
    }
}

/// Turns what a statement produced into text.
///
/// ```swift
/// let table = Table(columns: [Column(name: "name", type: .text), Column(name: "turnover", type: .money)],
///                   rows: [[.text("ООО «Фармация»"), .money(Money(minorUnits: 1234500))]])
/// print(Renderer(options: RenderOptions(width: 80)).render(.table(table)), terminator: "")
/// // ┌────────────────┬───────────┐
/// // │ name           │  turnover │
/// // ├────────────────┼───────────┤
/// // │ ООО «Фармация» │ 12,345.00 │
/// // └────────────────┴───────────┘
/// // 1 row
/// ```
///
/// The result is complete lines, each ending in `\n` (so print it with `terminator: ""`);
/// JSONL of an empty table is the empty string.
public struct Renderer: Sendable {
    /// How this renderer writes.
    public var options: RenderOptions

    /// A renderer with these options.
    ///
    /// ```swift
    /// let renderer = Renderer(options: RenderOptions(format: .markdown))
    /// ```
    public init(options: RenderOptions = RenderOptions()) { self.options = options }

    /// The output as text: complete lines, each ending in a newline.
    ///
    /// ```swift
    /// for output in try engine.run(script) { print(renderer.render(output), terminator: "") }
    /// ```
    public func render(_ output: Output) -> String {
        let lines: [String]
        switch (options.format, output) {
        case (.json, _), (.jsonl, _):
            lines = JSONRenderer(lines: options.format == .jsonl).render(output)
        case (.markdown, .message(let text)):
            // A paragraph of its own: the blank line keeps it from running into a table.
            lines = [MarkdownRenderer.escaped(text), ""]
        case (_, .message(let text)):
            lines = [MessageText.escaped(text)]
        case (.table, .table(let table)):
            lines = TableRenderer(options: options).render(table)
        case (.table, .scalar(_, let value)):
            lines = [CellText.escaped(ValueFormatting.human(value, nullText: options.nullText), keepLineBreaks: true)]
        case (.table, .chart(let title, let labels, let values)):
            lines = ChartRenderer(options: options).render(title: title, labels: labels, values: values)
        case (.table, .lineChart(let title, let labels, let values)):
            lines = [MessageText.escaped(LineChart.text(title: title, labels: labels, values: values))]
        case (.csv, _):
            lines = DelimitedRenderer(options: options).render(Renderer.tabular(output))
        case (.markdown, _):
            lines = MarkdownRenderer(options: options).render(Renderer.tabular(output)) + [""]
        case (.line, _):
            lines = LineRenderer(options: options).render(Renderer.tabular(output)) + [""]
        case (.list, _), (.tabs, _):
            lines = SeparatedRenderer(options: options).render(Renderer.tabular(output))
        case (.html, _):
            lines = HTMLRenderer(options: options).render(Renderer.tabular(output))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Scalars and charts as the table of data they stand for, for the data formats.
    static func tabular(_ output: Output) -> Table {
        switch output {
        case .table(let table): return table
        case .scalar(let name, let value):
            return Table(columns: [Column(name: name, type: value.type)], rows: [[value]])
        case .chart(_, let labels, let values), .lineChart(_, let labels, let values):
            return Chart.table(labels: labels, values: values)
        case .message(let text):
            return Table(columns: [Column(name: "message", type: .text)], rows: [[.text(text)]])
        }
    }
}
