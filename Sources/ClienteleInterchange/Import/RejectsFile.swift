import Foundation
import CSV
import ClienteleCore

/// The rows `keep going` refused, as read, with an `error` column added: fix them in a
/// spreadsheet and import the file again. Same separator as the source; UTF-8, with a BOM
/// when the source had one or was Windows-1251, so Excel opens it in the same locale.
package struct RejectsFile {
    private let header: [String]
    private var rows: [[String]] = []

    package init(header: [String]) { self.header = header }

    package var isEmpty: Bool { rows.isEmpty }

    package mutating func add(_ row: SourceRow, errors: [ImportRowError]) {
        var fields = row.fields
        if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
        let text = errors.map { e in (e.column.map { "\($0): " } ?? "") + e.reason }.joined(separator: "; ")
        rows.append(fields + [text])
    }

    /// Staged in `files`: the file gets its name when the import's transaction commits. An
    /// existing rejects file of an earlier run is replaced; the open store never is.
    package func write(to path: String, separator: Character, files: StagedFiles, byteOrderMark: Bool) throws {
        let data: Data
        do {
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream, delimiter: String(separator))
            try writer.write(row: header + ["error"])
            for r in rows { try writer.write(row: r) }
            stream.close()
            var bytes = Data(byteOrderMark ? TextDecoding.utf8BOM : [])
            bytes.append(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
            bytes.append(0x0A)
            data = bytes
        } catch {
            throw ImportError.cannotWriteRejects(path: path, reason: ExportError.reason(error))
        }
        do {
            try files.stage(data, at: path, shown: path, replace: true)
        } catch ExportError.cannotWrite(_, let reason) {
            throw ImportError.cannotWriteRejects(path: path, reason: reason)
        }
    }
}
