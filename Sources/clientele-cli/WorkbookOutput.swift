import Foundation
import Clientele

/// `--format xlsx -o FILE`: a script's results as one Excel workbook, a sheet per result
/// (tables; a chart as its labels and values; a scalar as a one-cell table). The workbook
/// is staged before the script's transaction commits (a failed write rolls the script
/// back) and gets its name only when the script succeeded: a failed script leaves the
/// earlier file as it was. Each script (each REPL line) writes the file anew.
final class WorkbookOutput {
    let path: String
    private let storePath: String?
    private var sheets: [(name: String, table: Table)] = []
    private var columns: [Column] = []
    private var rows: [[Value]] = []
    private var staged: StagedFiles?

    /// Excel's rows per sheet, the header included.
    static let maxRows = 1_048_576

    init(path: String, storePath: String?) {
        self.path = path
        self.storePath = storePath
    }

    func begin() { sheets = []; staged?.discard(); staged = nil }

    func add(_ output: Output) throws {
        switch output {
        case .table(let t): try append(t, name: nil)
        case .scalar(let name, let value):
            try append(Table(columns: [Column(name: name, type: value.type)], rows: [[value]]), name: name)
        case .chart(let title, let labels, let values), .lineChart(let title, let labels, let values):
            let type = values.first(where: { !$0.isNull })?.type ?? .integer
            try append(Table(columns: [Column(name: "label", type: .text), Column(name: "value", type: type)],
                             rows: zip(labels, values).map { [.text($0), $1] }), name: title)
        case .message: break
        }
    }

    func beginTable(_ columns: [Column]) { self.columns = columns; rows = [] }
    func row(_ values: [Value]) throws {
        guard rows.count + 1 < WorkbookOutput.maxRows else {
            throw OutputWriteFailure(description: "cannot write '\(path)': a sheet holds at most \(WorkbookOutput.maxRows - 1) rows; narrow the query or export CSV")
        }
        rows.append(values)
    }
    func endTable() throws {
        try append(Table(columns: columns, rows: rows), name: nil)
        rows = []
    }

    private func append(_ table: Table, name: String?) throws {
        guard table.rows.count < WorkbookOutput.maxRows else {
            throw OutputWriteFailure(description: "cannot write '\(path)': a sheet holds at most \(WorkbookOutput.maxRows - 1) rows; narrow the query or export CSV")
        }
        sheets.append((name ?? "result \(sheets.count + 1)", table))
    }

    /// Before the commit: the workbook written in full, without its name yet.
    func stage(currency: String) throws {
        guard !sheets.isEmpty else { return }
        var named = sheets
        if named.count == 1 { named[0].name = (PathText.name(of: path) as NSString).deletingPathExtension }
        let files = StagedFiles(storePath: storePath)
        do {
            try files.stage(try XLSXWriter.workbook(named, currency: currency), at: path, shown: path, replace: true)
        } catch {
            throw OutputWriteFailure(description: "\(error)")
        }
        staged = files
    }

    /// After the script succeeded: the file gets its name. False (with the message
    /// written) when it could not.
    func commit() -> String? {
        defer { staged = nil; sheets = [] }
        guard let staged else { return nil }
        do { try staged.commit() } catch { return "\(error)" }
        return nil
    }

    func discard() { staged?.discard(); staged = nil; sheets = [] }
}
