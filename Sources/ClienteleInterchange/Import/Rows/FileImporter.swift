import Foundation
import ClienteleCore

/// Imports a file (CSV or xlsx) into one table of a store, on any backend: detection,
/// header mapping, a check of every row, and the rows written in a savepoint of the
/// caller's transaction, all or none (unless `keep going`). What differs between the
/// backends (statements, savepoints, what a large load does) is the `ImportConnection`.
///
/// Problems with the file as a whole (unreadable, no header, a missing required column, a
/// bad mapping) throw `ImportError`. Problems with rows are in the report: unless
/// `keepGoing` is set, one bad row means nothing is written (`report.written == false`).
package enum FileImporter {
    /// Rows read ahead to detect the decimal mark and the date format.
    static let sampleRows = 1000

    private struct Rollback: Error {}

    /// The import on an open connection, inside the caller's transaction (a script's): the
    /// rows are written in a savepoint, released only when the import succeeds. The rejects
    /// file is staged in `files`: it appears only when the caller's transaction commits.
    package static func run(file: String, into target: ImportTarget, options: ImportOptions, on db: any ImportConnection,
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

        ImportProfile.note("open, detection (the encoding pass), header and sample", Date().timeIntervalSince(started))
        let body = { () throws -> Void in
            var t = ImportProfile.now()
            var ctx = ImportContext(db: db, map: map, parser: parser, mode: options.mode)
            ctx.createCategories = options.createCategories
            ctx.expectedRows = Int(Double(records.recordsRead) * Double(totalBytes) / Double(max(records.bytesConsumed, 1)))
            var importer = try ctx.makeImporter(for: target)
            ImportProfile.note("the importer's lookups (clients, stored order keys)", ImportProfile.now() - t)
            t = ImportProfile.now()
            // The backend's preparations: on SQLite the audit of the load as one row, the
            // indexes of a large orders import, the page cache.
            let load = try db.beginLoad(target: target, source: file, expectedRows: ctx.expectedRows, dryRun: options.dryRun)
            ImportProfile.note("the load prepared (indexes and triggers dropped)", ImportProfile.now() - t)
            defer { load.end() }
            var rejects = RejectsFile(header: map.headers)

            func handle(_ r: inout ReadRow) throws {
                if r.isTotal {
                    report.totalRows.append(r.row.line)
                    return
                }
                report.rowsRead += 1
                // Ctrl-C and the host's progress (RunHandle) for an import inside a script.
                if report.rowsRead & Interruption.mask == 0 {
                    try Interruption.check(.importRows, done: r.bytesConsumed, total: totalBytes)
                }
                // The first checks (the record's problem, its width, the importer's reading)
                // were made with the record (`ReadRow.check`), on the reader's thread.
                var check = RowCheck(row: r.row, map: map, findings: r.findings)
                let write = !options.dryRun && (options.keepGoing || report.rejected == 0)
                var outcome: RowOutcome
                if r.row.problem?.recordIsComplete == false {
                    outcome = .rejected                        // its fields were not read to the end
                } else {
                    do {
                        let values = r.values
                        outcome = write && options.keepGoing
                            ? try db.isolated { try importer.importRow(&check, read: values, write: write) }
                            : try importer.importRow(&check, read: values, write: write)
                    } catch {
                        guard let reason = db.refusal(error) else { throw error }
                        check.fail(nil, "the store refused the row: \(reason)")
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
                    if options.keepGoing { rejects.add(r.row, errors: check.errors) }
                }
                if let progress = options.progress, report.rowsRead % max(options.progressInterval, 1) == 0 {
                    let elapsed = Date().timeIntervalSince(started)
                    let estimate = Int(Double(r.recordsRead) * Double(totalBytes) / Double(max(r.bytesConsumed, 1)))
                    progress(ImportProgress(rowsDone: report.rowsRead, totalEstimate: max(estimate, report.rowsRead),
                                            rowsPerSecond: Double(report.rowsRead) / max(elapsed, 1e-9),
                                            elapsedSeconds: elapsed))
                }
            }

            // The sample, read already, then the rest of the file from the reader's thread.
            let reading = importer.reader
            let (sampleRecords, sampleBytes) = (records.recordsRead, records.bytesConsumed)
            let pipeline = RowPipeline(records: records, map: map, reading: reading, spreadsheet: source.isSpreadsheet)
            defer { pipeline.stop() }
            var first = ReadRow()
            for row in sample {
                first.row = row
                first.check(map: map, reading: reading, spreadsheet: source.isSpreadsheet)
                (first.recordsRead, first.bytesConsumed) = (sampleRecords, sampleBytes)
                try handle(&first)
            }
            sample = []
            let rowsStarted = ImportProfile.now()
            while let batch = try pipeline.next() {
                for i in 0..<batch.count { try handle(&batch.rows[i]) }
                pipeline.recycle(batch)
            }
            ImportProfile.note("writer: checks and writes of the rows", ImportProfile.now() - rowsStarted - pipeline.waitedForReader)
            ImportProfile.note("writer: waiting for the reader", pipeline.waitedForReader)
            report.notes = importer.notes(dryRun: options.dryRun)
            importer.rowsEnded()
            if options.dryRun { return }
            if report.rejected > 0 && !options.keepGoing { throw Rollback() }
            // Every row rejected: keep going has nothing to keep, and the script fails.
            if report.rejected > 0 && report.valid == 0 { throw Rollback() }
            let finishStarted = ImportProfile.now()
            try load.finish(file)
            ImportProfile.note("after the rows (indexes, triggers, audit)", ImportProfile.now() - finishStarted)
            if !rejects.isEmpty {
                try rejects.write(to: rejectsPath, separator: separator, files: files,
                                  byteOrderMark: source.byteOrderMark || source.encoding == .windows1251 || source.isSpreadsheet)
                report.rejectsPath = rejectsPath
            }
            report.written = true
        }

        if options.dryRun {
            try body()
        } else {
            try db.savepoint {
                do { try body() } catch is Rollback { return false }
                return true
            }
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
