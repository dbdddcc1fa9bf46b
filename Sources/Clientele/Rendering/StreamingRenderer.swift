import ClienteleCore

/// Receives a script's outputs as they are produced, rows one at a time, so that a result
/// of millions of rows never has to be held in memory.
///
/// ```swift
/// final class RowCounter: OutputSink {
///     var rows = 0
///     func emit(_ output: Output) {}
///     func beginTable(_ columns: [Column]) {}
///     func row(_ values: [Value]) { rows += 1 }
///     func endTable() {}
/// }
/// try engine.run("orders | select id", into: RowCounter())
/// ```
public protocol OutputSink: AnyObject {
    /// A whole output: a message, a scalar, a chart, or a small table.
    func emit(_ output: Output) throws
    func beginTable(_ columns: [ClienteleCore.Column]) throws
    func row(_ values: [Value]) throws
    func endTable() throws
    /// The script ran to its end and its transaction is about to commit: a host that held
    /// output back writes it now and throws if it cannot (the script is then rolled back).
    func willCommit() throws
}

extension OutputSink {
    /// Nothing held back: nothing to write.
    ///
    /// ```swift
    /// try sink.willCommit()   // a sink that writes as it goes has nothing left
    /// ```
    public func willCommit() throws {}
}

/// Collects outputs into values (what `Engine.run` returns).
final class CollectingSink: OutputSink {
    var outputs: [Output] = []
    private var columns: [Column] = []
    private var rows: [[Value]] = []
    func emit(_ output: Output) { outputs.append(output) }
    func beginTable(_ columns: [Column]) { self.columns = columns; rows = [] }
    func row(_ values: [Value]) { rows.append(values) }
    func endTable() { outputs.append(.table(Table(columns: columns, rows: rows))) }
}

/// Renders outputs as text while rows arrive: CSV and JSON(L) rows are written as they
/// come; a terminal table keeps only the rows it will show (and counts the rest);
/// Markdown, which pads columns to the widest cell, keeps the whole table.
///
/// ```swift
/// let csv = StreamingRenderer(options: RenderOptions(format: .csv)) { text in
///     FileHandle.standardOutput.write(Data(text.utf8))
/// }
/// try engine.run("orders | select number, net", into: csv)
/// ```
public final class StreamingRenderer: OutputSink {
    /// How the outputs are written.
    public let options: RenderOptions
    private let write: (String) -> Void
    private var columns: [Column] = []
    private var kept: [[Value]] = []
    private var total = 0
    private var csvBatch: [[String]] = []
    private var jsonKeys: [String] = []
    private var pendingJSON: String?
    /// `mode line`: records written so far (a blank line goes between two).
    private var records = 0

    /// `write` receives complete lines, each ending in a newline.
    ///
    /// ```swift
    /// let r = StreamingRenderer(options: RenderOptions(format: .csv)) { print($0, terminator: "") }
    /// try engine.run("clients | take 3", into: r)
    /// ```
    public init(options: RenderOptions, write: @escaping (String) -> Void) {
        self.options = options
        self.write = write
    }

    /// Writes a whole output.
    ///
    /// ```swift
    /// r.emit(.message("period = last 12 months"))
    /// ```
    public func emit(_ output: Output) { write(Renderer(options: options).render(output)) }

    /// Starts a table (CSV and JSON write the header now).
    ///
    /// ```swift
    /// r.beginTable([Column(name: "name", type: .text)])
    /// ```
    public func beginTable(_ columns: [ClienteleCore.Column]) {
        self.columns = columns
        kept = []; total = 0; csvBatch = []; pendingJSON = nil; records = 0
        jsonKeys = JSONRenderer.uniqueKeys(columns.map(\.name))
        switch options.format {
        case .csv where options.headers:
            write(DelimitedRenderer(options: options).records([columns.map(\.name)]) + "\n")
        case .list, .tabs:
            write(SeparatedRenderer(options: options).header(columns).map { $0 + "\n" }.joined())
        case .html:
            write(HTMLRenderer(options: options).begin(columns).map { $0 + "\n" }.joined())
        default:
            break
        }
    }

    /// One row: written now, or kept for a table that must measure its columns.
    ///
    /// ```swift
    /// r.row([.text("ООО «Север»")])
    /// ```
    public func row(_ values: [Value]) {
        total += 1
        switch options.format {
        case .table:
            if options.maxRows.map({ kept.count < $0 }) ?? true { kept.append(values) }
        case .markdown:
            kept.append(values)
        case .line:
            guard options.maxRows.map({ records < $0 }) ?? true else { return }
            write(LineRenderer(options: options).render(Table(columns: columns, rows: [values]), first: records == 0)
                    .map { $0 + "\n" }.joined())
            records += 1
        case .list, .tabs:
            write(SeparatedRenderer(options: options).row(values, columns: columns.count) + "\n")
        case .html:
            write(HTMLRenderer(options: options).row(values, columns: columns) + "\n")
        case .csv:
            csvBatch.append(DelimitedRenderer(options: options).record(values, columns: columns.count))
            if csvBatch.count >= 1000 { flushCSV() }
        case .jsonl:
            write(JSONRenderer(lines: true).object(jsonKeys, padded(values)) + "\n")
        case .json:
            let object = JSONRenderer(lines: false).object(jsonKeys, padded(values))
            if let pending = pendingJSON { write("  " + pending + ",\n") } else { write("[\n") }
            pendingJSON = object
        }
    }

    /// Ends the table (a terminal table is written now, with its row count).
    ///
    /// ```swift
    /// r.endTable()
    /// ```
    public func endTable() {
        switch options.format {
        case .table:
            let lines = TableRenderer(options: options).render(Table(columns: columns, rows: kept), totalRows: total)
            write(lines.map { $0 + "\n" }.joined())
        case .markdown:
            write(Renderer(options: options).render(.table(Table(columns: columns, rows: kept))))
        case .line:
            var lines: [String] = []
            if records < total {
                lines.append("… \(TableRenderer.count(total - records, "more row")) (.last shows them; .maxrows 0 shows every row)")
            }
            write((lines + [""]).map { $0 + "\n" }.joined())
        case .list, .tabs:
            break
        case .html:
            write("</table>\n")
        case .csv:
            flushCSV()
        case .jsonl:
            break
        case .json:
            if let pending = pendingJSON { write("  " + pending + "\n]\n") } else { write("[]\n") }
        }
        kept = []
    }

    private func padded(_ values: [Value]) -> [Value] {
        values.count >= jsonKeys.count ? values : values + Array(repeating: .null, count: jsonKeys.count - values.count)
    }

    private func flushCSV() {
        if csvBatch.isEmpty { return }
        write(DelimitedRenderer(options: options).records(csvBatch) + "\n")
        csvBatch = []
    }
}
