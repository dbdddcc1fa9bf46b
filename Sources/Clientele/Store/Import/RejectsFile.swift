import Foundation
import CSV

/// The rows `keep going` refused, as read, with an `error` column added: fix them in a
/// spreadsheet and import the file again. Same separator as the source; UTF-8, with a BOM
/// when the source had one or was Windows-1251, so Excel opens it in the same locale.
struct RejectsFile {
    private let header: [String]
    private var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    var isEmpty: Bool { rows.isEmpty }

    mutating func add(_ row: SourceRow, errors: [ImportRowError]) {
        var fields = row.fields
        if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
        let text = errors.map { e in (e.column.map { "\($0): " } ?? "") + e.reason }.joined(separator: "; ")
        rows.append(fields + [text])
    }

    func write(to path: String, separator: Character, byteOrderMark: Bool) throws {
        do {
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream, delimiter: String(separator))
            try writer.write(row: header + ["error"])
            for r in rows { try writer.write(row: r) }
            stream.close()
            var data = Data(byteOrderMark ? TextDecoding.utf8BOM : [])
            data.append(stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ImportError.cannotWriteRejects(path: path, reason: ExportError.reason(error))
        }
    }
}
