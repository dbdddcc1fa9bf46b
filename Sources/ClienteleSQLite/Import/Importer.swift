import Foundation
import GRDB
import ClienteleCore
import ClienteleInterchange
import ClienteleDemo

/// Imports a CSV file into one table of the store: detection, header mapping, a check of
/// every row, and one transaction that writes all rows or none.
///
/// ```swift
/// let store = try Store(path: "clientele.sqlite")
/// let report = try Importer.run(file: "sales.csv", into: .orders, options: ImportOptions(), store: store)
/// print(report.summary())
/// // orders from sales.csv: 1000 rows read, 1000 inserted, 0 updated
/// // detected: Windows-1251, separator ';', decimal comma, dates dd.mm.yyyy
/// ```
///
/// Problems with the file as a whole (unreadable, no header, a missing required column, a
/// bad mapping) throw `ImportError`. Problems with rows are in the report: unless
/// `keepGoing` is set, one bad row means nothing is written (`report.written == false`).
package enum Importer {
    /// Rows read ahead to detect the decimal mark and the date format.
    static let sampleRows = 1000

    private struct Rollback: Error {}

    package static func run(file: String, into target: ImportTarget, options: ImportOptions = ImportOptions(),
                           store: Store) throws -> ImportReport {
        let files = StagedFiles(storePath: store.path)
        if options.dryRun { return try store.read { try run(file: file, into: target, options: options, in: $0, files: files) } }
        let report = try store.write { try run(file: file, into: target, options: options, in: $0, files: files) }
        try files.commit()
        return report
    }

    /// The import on an open connection, inside the caller's transaction (a script's): the
    /// rows are written in a savepoint, released only when the import succeeds. The rejects
    /// file is staged in `files`: it appears only when the caller's transaction commits.
    package static func run(file: String, into target: ImportTarget, options: ImportOptions, in db: Database,
                    files: StagedFiles) throws -> ImportReport {
        let started = Date()
        let source = try RecordSource.open(file: file, options: options)
        let records = source.records
        let separator = source.separator

        let (header, map, titleRows) = try HeaderSearch.find(in: source, file: file, target: target, options: options)

        var sample: [SourceRow] = []
        while sample.count < sampleRows, let r = try records.next() {
            if !r.isBlank { sample.append(r) }
        }
        // A spreadsheet's numbers are written with a point; only its text cells vote.
        let (decimalComma, dateFormat) = detect(sample: sample, map: map, target: target,
                                                options: options, separator: source.isSpreadsheet ? "," : separator)

        var detected = DetectedFormat(
            separator: separator, encoding: source.encoding, byteOrderMark: source.byteOrderMark,
            decimalComma: decimalComma, dateFormat: dateFormat)
        detected.sheet = source.sheet
        detected.system1904 = source.system1904
        if header.line != 1 { detected.headerRow = header.line }
        var report = ImportReport(file: file, target: target, detected: detected)
        report.titleRows = titleRows
        report.ignoredColumns = map.ignored
        report.dryRun = options.dryRun
        report.keepGoing = options.keepGoing
        let parser = ValueParser(decimalComma: decimalComma, dateFormat: dateFormat)
        let totalBytes = max(source.totalBytes, 1)
        let rejectsPath = options.rejectsPath ?? file + ".rejected.csv"

        let body = { (db: Database) throws -> Void in
            var ctx = ImportContext(db: db, map: map, parser: parser, mode: options.mode)
            ctx.createCategories = options.createCategories
            ctx.expectedRows = Int(Double(records.recordsRead) * Double(totalBytes) / Double(max(records.bytesConsumed, 1)))
            var importer = try ctx.makeImporter(for: target)
            // The inserted rows are logged as one audit row (count and id ranges), not one each.
            let audit = options.dryRun ? nil : try AuditLog.BulkLoad(db, table: target.rawValue)
            // Orders only: the payment triggers read the payments indexes.
            let rebuild = target == .orders && !options.dryRun
                ? try IndexRebuild(db, table: "orders", expectedRows: ctx.expectedRows) : nil
            // A big page cache for the import: a large transaction otherwise spills index
            // pages to the WAL and reads them back. Without the indexes the rows are only
            // appended to the table, and a small cache keeps the index builds' sorters small
            // (SQLite sizes them from the cache: 128 MB would double the peak memory).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(rebuild?.isActive == true ? -16384 : -131072)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var rejects = RejectsFile(header: map.headers)

            func handle(_ row: SourceRow) throws {
                if source.isSpreadsheet && HeaderSearch.isTotalRow(row) {
                    report.totalRows.append(row.line)
                    return
                }
                report.rowsRead += 1
                // Ctrl-C and the host's progress (RunHandle) for an import inside a script.
                if report.rowsRead & Interruption.mask == 0 {
                    try Interruption.check(.importRows, done: records.bytesConsumed, total: totalBytes)
                }
                var check = RowCheck(row: row, map: map)
                if let problem = row.problem { check.reject(problem) }
                if row.problem?.recordIsComplete != false { check.checkWidth() }
                let write = !options.dryRun && (options.keepGoing || report.rejected == 0)
                var outcome: RowOutcome
                if row.problem?.recordIsComplete == false {
                    outcome = .rejected                        // its fields were not read to the end
                } else {
                    do {
                        outcome = try importer.importRow(&check, write: write)
                    } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                        check.fail(nil, "the store refused the row: \(e.message ?? e.resultCode.description)")
                        outcome = .rejected
                    }
                }
                if !check.isValid { outcome = .rejected }
                switch outcome {
                case .inserted: report.inserted += 1
                case .updated: report.updated += 1
                case .rejected:
                    report.rejected += 1
                    report.errorCount += check.errors.count
                    let room = ImportReport.errorListLimit - report.errors.count
                    if room > 0 {
                        report.errors += check.errors.prefix(room).map { e in
                            var e = e
                            if source.isSpreadsheet { e.unit = "row" }
                            return e
                        }
                    }
                    if options.keepGoing { rejects.add(row, errors: check.errors) }
                }
                if let progress = options.progress, report.rowsRead % max(options.progressInterval, 1) == 0 {
                    let elapsed = Date().timeIntervalSince(started)
                    let estimate = Int(Double(records.recordsRead) * Double(totalBytes) / Double(max(records.bytesConsumed, 1)))
                    progress(ImportProgress(rowsDone: report.rowsRead, totalEstimate: max(estimate, report.rowsRead),
                                            rowsPerSecond: Double(report.rowsRead) / max(elapsed, 1e-9),
                                            elapsedSeconds: elapsed))
                }
            }

            for row in sample { try handle(row) }
            sample = []
            while let row = try records.next() {
                if !row.isBlank { try handle(row) }
            }
            report.notes = importer.notes(dryRun: options.dryRun)
            if options.dryRun { return }
            if report.rejected > 0 && !options.keepGoing { throw Rollback() }
            // Every row rejected: keep going has nothing to keep, and the script fails.
            if report.rejected > 0 && report.valid == 0 { throw Rollback() }
            try rebuild?.restore(db)
            try audit?.finish(db, action: "import", source: file)
            if !rejects.isEmpty {
                try rejects.write(to: rejectsPath, separator: separator, files: files,
                                  byteOrderMark: source.byteOrderMark || source.encoding == .windows1251 || source.isSpreadsheet)
                report.rejectsPath = rejectsPath
            }
            report.written = true
        }

        if options.dryRun {
            try body(db)
        } else {
            do {
                try db.inSavepoint {
                    try body(db)
                    return .commit
                }
            } catch is Rollback {}
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The decimal mark and date format: forced by the options, or read from the sample's
    /// money, percent and date columns.
    private static func detect(sample: [SourceRow], map: HeaderMap, target: ImportTarget,
                               options: ImportOptions, separator: Character) -> (Bool, DateFormatChoice) {
        func values(_ kinds: Set<ImportValueKind>) -> [String] {
            let columns = target.catalog.fields.filter { kinds.contains($0.kind) }.compactMap { map.column($0.name) }
            return sample.flatMap { row in columns.compactMap { $0 < row.fields.count ? row.fields[$0] : nil } }
        }
        let comma = options.decimalComma
            ?? FormatDetection.decimalComma(samples: values([.money, .percent]), separator: separator)
        let dates = options.dateFormat == .auto
            ? FormatDetection.dateFormat(samples: values([.date])) : options.dateFormat
        return (comma, dates)
    }
}
