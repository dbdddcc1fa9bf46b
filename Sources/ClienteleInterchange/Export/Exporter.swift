import Foundation
import ClienteleCore

/// Writes a result table to a file: CSV (via CSV.swift), JSON, JSON Lines or Markdown.
/// Values are exact: money as plain digits (`1234.56`, or `1234,56` with a decimal
/// comma), dates ISO, nothing cut.
///
/// ```swift
/// try Exporter.write(table, to: "top.csv", options: ExportOptions(separator: ";", decimalComma: true, byteOrderMark: true))
/// let json = try Exporter.render(table, options: ExportOptions(format: .json))
/// ```
package enum Exporter {
    /// Writes the whole file or nothing: a failed write (a full disk) leaves no partial
    /// file. `replace: false` refuses an existing file.
    package static func write(_ table: ClienteleCore.Table, to path: String, options: ExportOptions = ExportOptions(),
                             replace: Bool = true) throws {
        let files = StagedFiles(storePath: nil)
        try write(table, to: path, shown: path, options: options, replace: replace, into: files)
        try files.commit()
    }

    /// Stages the file in `files`: it gets its name when the caller commits them.
    package static func write(_ table: Table, to path: String, shown: String, options: ExportOptions, replace: Bool,
                      into files: StagedFiles) throws {
        var options = options
        if options.format == nil { options.format = ExportFormat.forPath(path) }
        if options.sheetName == nil { options.sheetName = ((PathText.name(of: path)) as NSString).deletingPathExtension }
        let data = try render(table, options: options)
        try files.stage(data, at: path, shown: shown, replace: replace)
    }

    /// The bytes `write` would put in the file (format CSV when `options.format` is nil).
    package static func render(_ table: ClienteleCore.Table, options: ExportOptions = ExportOptions()) throws -> Data {
        switch options.format ?? .csv {
        case .csv: return try CSVExport.render(table, options: options)
        case .json: return Data(JSONExport.document(table).utf8)
        case .jsonl: return Data(JSONExport.lines(table).utf8)
        case .markdown: return Data(MarkdownExport.render(table, decimalComma: options.decimalComma).utf8)
        case .xlsx: return try XLSXWriter.workbook([(options.sheetName ?? "Sheet1", table)], currency: options.currency)
        case .html: return Data((options.html?(table) ?? MarkdownExport.render(table, decimalComma: false)).utf8)
        }
    }
}
