import ClienteleCore

/// A source of records with a header, read one record at a time: what an import needs from a
/// file format. The first record that is not blank is the header; every record carries the
/// line (or row) it starts on, for the import's error report, and a `RecordProblem` when it
/// could not be read whole. `CSVFileRecords` reads CSV; a spreadsheet reader (xlsx, issue
/// #18) conforms the same way and `RecordSource.open` chooses between them.
///
/// ```swift
/// let records: any RecordReader = CSVFileRecords(file: file, skip: 0, windows1251: false, separator: 0x2C)
/// while let row = try records.next() { print(row.line, row.fields) }
/// ```
///
/// A class protocol: a reader holds a position in its input, shared by whoever reads it.
package protocol RecordReader: AnyObject {
    /// The next record, nil at the end of the input.
    func next() throws -> SourceRow?
    /// The next record into `row` (its field array reused when no one else holds it);
    /// false at the end of the input.
    func next(into row: inout SourceRow) throws -> Bool
    /// Records returned so far.
    var recordsRead: Int { get }
    /// How much of the input is behind the reader, in the unit of `RecordSource.totalBytes`
    /// (bytes of text for CSV): with `recordsRead`, it estimates the rows of a large file.
    var bytesConsumed: Int { get }
}

extension RecordReader {
    package func next(into row: inout SourceRow) throws -> Bool {
        guard let r = try next() else { return false }
        row = r
        return true
    }
}

extension CSVFileRecords: RecordReader {}
