import Foundation
import ClienteleCore

/// The `import` and `export` statements, on top of the Store's importer and exporter.
enum FileCommands {
    struct ImportFailed: Error, CustomStringConvertible {
        var description: String
    }

    static func importOptions(_ clauses: [ImportClause]) throws -> ImportOptions {
        var options = ImportOptions()
        for clause in clauses {
            switch clause {
            case .map(let column, let field): options.mapping[column] = field.text
            case .append: options.mode = .append
            case .dryRun: options.dryRun = true
            case .keepGoing: options.keepGoing = true
            case .separator(let s):
                let sep = s == "\\t" ? "\t" : s
                guard sep.count == 1, let c = sep.first else {
                    throw RuntimeError.message("a separator is one character, e.g. separator \";\"")
                }
                options.separator = c
            case .encoding(let e):
                switch e.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
                case "utf8": options.encoding = .utf8
                case "windows1251", "cp1251", "win1251": options.encoding = .windows1251
                default: throw RuntimeError.message("unknown encoding '\(e)': use \"utf-8\" or \"windows-1251\"")
                }
            case .decimalComma: options.decimalComma = true
            case .sheet(let name): options.sheet = name
            case .headerRow(let n): options.headerRow = n
            case .createCategories: options.createCategories = true
            }
        }
        return options
    }

    /// Runs inside the script's transaction. A file with bad rows imports nothing (unless
    /// `keep going`) and fails the script, so nothing else in it remains either.
    static func importFile(path: String, target: String, options clauses: [ImportClause], origin: String,
                           in tx: any StoreTransaction, files: StagedFiles) throws -> Output {
        guard let into = ImportTarget(rawValue: target) else { throw RuntimeError.message("cannot import into \(target)") }
        let options = try importOptions(clauses)
        let file = Engine.resolve(path, relativeTo: origin)
        guard let importing = tx as? any ImportingTransaction else {
            throw RuntimeError.message("this store cannot import files yet")
        }
        let report = try importing.importFile(file, into: into, options: options, files: files)
        // A refused import, and a dry run that found errors, fail the script (exit 1).
        if report.dryRun ? report.rejected > 0 : !report.written {
            throw ImportFailed(description: report.summary())
        }
        return .message(report.summary())
    }

    /// The file is staged in `files`: it gets its name only when the script commits.
    /// An `.html` file is a report page (`HTMLReport`) of `outputs` (a command's headings,
    /// tables and charts), or of the table alone.
    static func export(_ table: Table, path: String, options clauses: [ExportClause], origin: String,
                       files: StagedFiles, currency: String = "", outputs: [Output]? = nil) throws -> Output {
        var options = ExportOptions()
        options.currency = currency
        let title = (PathText.name(of: path) as NSString).deletingPathExtension
        options.html = { table in
            var report = HTMLReport(title: title, currency: currency)
            for output in outputs ?? [.table(table)] { report.add(output) }
            return report.document()
        }
        var replace = false
        for clause in clauses {
            switch clause {
            case .separator(let s):
                let sep = s == "\\t" ? "\t" : s
                guard sep.count == 1, let c = sep.first else {
                    throw RuntimeError.message("a separator is one character, e.g. separator \";\"")
                }
                options.separator = c
            case .decimalComma: options.decimalComma = true
            case .bom: options.byteOrderMark = true
            case .replace: replace = true
            case .keepFormulas: options.guardFormulas = false
            }
        }
        let file = Engine.resolve(path, relativeTo: origin)
        try Exporter.write(table, to: file, shown: path, options: options, replace: replace, into: files)
        return .message("\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") written to \(path)")
    }
}
