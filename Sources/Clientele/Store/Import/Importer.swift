import Foundation
import GRDB

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
public enum Importer {
    /// Rows read ahead to detect the decimal mark and the date format.
    static let sampleRows = 1000

    private struct Rollback: Error {}

    public static func run(file: String, into target: ImportTarget, options: ImportOptions = ImportOptions(),
                           store: Store) throws -> ImportReport {
        if options.dryRun { return try store.read { try run(file: file, into: target, options: options, in: $0) } }
        return try store.write { try run(file: file, into: target, options: options, in: $0) }
    }

    /// The import on an open connection, inside the caller's transaction (a script's): the
    /// rows are written in a savepoint, released only when the import succeeds.
    static func run(file: String, into target: ImportTarget, options: ImportOptions, in db: Database) throws -> ImportReport {
        let started = Date()
        let data = try readFile(file)
        let decoded = try TextDecoding.decode(data, choice: options.encoding, path: file)
        let separator = options.separator ?? FormatDetection.separator(in: decoded.text)
        var records = try CSVRecords(text: decoded.text, separator: separator)

        var headerRow = records.next()
        while let h = headerRow, h.isBlank { headerRow = records.next() }
        guard let header = headerRow else { throw ImportError.emptyFile(path: file) }
        let map = try HeaderMap(header: header.fields, target: target, mapping: options.mapping)

        var sample: [SourceRow] = []
        while sample.count < sampleRows, let r = records.next() {
            if !r.isBlank { sample.append(r) }
        }
        let (decimalComma, dateFormat) = detect(sample: sample, map: map, target: target,
                                                options: options, separator: separator)

        var report = ImportReport(file: file, target: target, detected: DetectedFormat(
            separator: separator, encoding: decoded.encoding, byteOrderMark: decoded.byteOrderMark,
            decimalComma: decimalComma, dateFormat: dateFormat))
        report.ignoredColumns = map.ignored
        report.dryRun = options.dryRun
        report.keepGoing = options.keepGoing
        let parser = ValueParser(decimalComma: decimalComma, dateFormat: dateFormat)
        let totalBytes = max(decoded.text.utf8.count, 1)
        let rejectsPath = options.rejectsPath ?? file + ".rejected.csv"

        let body = { (db: Database) throws -> Void in
            var ctx = ImportContext(db: db, map: map, parser: parser, mode: options.mode)
            ctx.expectedRows = Int(Double(records.recordsRead) * Double(totalBytes) / Double(max(records.bytesConsumed, 1)))
            // A big page cache for the import: a large transaction otherwise spills pages
            // to the WAL and reads them back.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var importer = try ctx.makeImporter(for: target)
            var rejects = RejectsFile(header: map.headers)

            func handle(_ row: SourceRow) throws {
                report.rowsRead += 1
                var check = RowCheck(row: row, map: map)
                check.checkWidth()
                let write = !options.dryRun && (options.keepGoing || report.rejected == 0)
                var outcome: RowOutcome
                do {
                    outcome = try importer.importRow(&check, write: write)
                } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                    check.fail(nil, "the store refused the row: \(e.message ?? e.resultCode.description)")
                    outcome = .rejected
                }
                if !check.isValid { outcome = .rejected }
                switch outcome {
                case .inserted: report.inserted += 1
                case .updated: report.updated += 1
                case .rejected:
                    report.rejected += 1
                    report.errorCount += check.errors.count
                    let room = ImportReport.errorListLimit - report.errors.count
                    if room > 0 { report.errors += check.errors.prefix(room) }
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
            while let row = records.next() {
                if !row.isBlank { try handle(row) }
            }
            if options.dryRun { return }
            if report.rejected > 0 && !options.keepGoing { throw Rollback() }
            if !rejects.isEmpty {
                try rejects.write(to: rejectsPath, separator: separator,
                                  byteOrderMark: decoded.byteOrderMark || decoded.encoding == .windows1251)
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

    private static func readFile(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.cannotRead(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw ImportError.cannotRead(path: path, reason: "it is a directory") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ImportError.cannotRead(path: path, reason: ExportError.reason(error))
        }
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
