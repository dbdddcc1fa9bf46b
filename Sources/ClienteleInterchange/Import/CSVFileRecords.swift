import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClienteleCore

/// Reads the records of a file in chunks, with the same fields and line numbers as
/// `CSVRecords` (CSV.swift's `CSVReader`) on well-formed input; memory stays at one chunk
/// plus one record whatever the size of the file.
///
/// Why not CSV.swift: its reader decodes the text one `Unicode.Scalar` at a time through
/// an `AnyIterator` and builds every field with `String.UnicodeScalarView.append`, and it
/// reads a `String` (the whole decoded file) or an `InputStream` (UTF-8, UTF-16 or UTF-32
/// only, not Windows-1251). Profiled on 500,000 orders that reader and the per-field
/// line counting around it were 14% of the import, and holding the decoded file made the
/// peak memory grow with the file (642 MiB for 2 million orders). This reader scans bytes
/// (the separator must be ASCII) and makes a `String` per field straight from the buffer.
/// On input CSV.swift reads correctly its behaviour is CSV.swift's, quirks included
/// (property-tested against it in `CSVFileRecordsTests`):
///
/// - a field starting with `"` is quoted: `""` inside is one quote; a quote followed by
///   the separator, a line break or the end of the input ends it; a quote followed by any
///   other character keeps the quote and drops that character;
/// - a quote in an unquoted field is an ordinary character;
/// - `\r\n`, `\n` and a lone `\r` end a record; a separator at the very end of the input
///   gives a last empty field.
///
/// Where CSV.swift silently swallows or cuts, this reader returns the record with a
/// `RecordProblem` (see `CSVLimits`):
///
/// - a quoted field that reaches the end of the file, or grows past `maxFieldBytes`, is
///   an unclosed quote: the record is given with the line where the quote opened, and
///   reading resumes at the line after that one;
/// - an unquoted field past `maxFieldBytes`, or a record past `maxRecordBytes`: the rest of
///   its line is skipped;
/// - a control character (below U+0020 or DEL) other than tab, and line breaks inside
///   quotes, is reported with its field and position (the record is otherwise complete).
///
/// Line numbers are counted as `CSVRecords` counts them: one per record plus the line
/// breaks inside its quoted fields (`\r\n` once).
package final class CSVFileRecords {
    private let file: ImportFile
    private let windows1251: Bool
    private let separator: UInt8
    private let limits: CSVLimits
    /// Decoded UTF-8 bytes of the current chunk.
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let raw: UnsafeMutablePointer<UInt8>?
    private var position = 0, end = 0
    /// File offset of the next chunk, and of the current one (`buffer[0]`).
    private var fileOffset: Int
    private var chunkStart: Int
    private var atEnd = false
    /// For 1251 files: raw bytes per decoded byte of the current chunk (for progress).
    private var rawPerByte = 1.0
    private var field: [UInt8] = []
    private var nextLine = 1
    package private(set) var recordsRead = 0
    private let firstOffset: Int
    /// Bytes of the record being read, and the first bad character found in it.
    private var recordBytes = 0
    private var problem: RecordProblem?

    private let chunkSize: Int

    /// `chunkSize`: bytes read at a time (small in tests, to cross chunk boundaries).
    package init(file: ImportFile, skip: Int, windows1251: Bool, separator: UInt8, limits: CSVLimits = CSVLimits(),
         chunkSize: Int = ImportFile.chunkSize) {
        self.file = file
        self.windows1251 = windows1251
        self.separator = separator
        self.limits = limits
        self.chunkSize = chunkSize
        fileOffset = skip
        chunkStart = skip
        firstOffset = skip
        capacity = windows1251 ? 3 * chunkSize : chunkSize
        buffer = .allocate(capacity: capacity)
        raw = windows1251 ? .allocate(capacity: chunkSize) : nil
        field.reserveCapacity(256)
    }

    deinit {
        buffer.deallocate()
        raw?.deallocate()
    }

    /// Every record of `data` (the bytes after any BOM), read the way an import reads a
    /// file: a pure function of the bytes, for tests and the fuzzer.
    package static func records(in data: Data, separator: UInt8, windows1251: Bool = false,
                        limits: CSVLimits = CSVLimits(), chunkSize: Int = ImportFile.chunkSize) throws -> [SourceRow] {
        let reader = CSVFileRecords(file: ImportFile(name: "<data>", contents: data), skip: 0, windows1251: windows1251,
                                    separator: separator, limits: limits, chunkSize: chunkSize)
        var rows: [SourceRow] = []
        while let r = try reader.next() { rows.append(r) }
        return rows
    }

    /// File bytes (after the BOM) read into records so far, for progress estimates.
    package var bytesConsumed: Int {
        fileOffset - firstOffset - Int(Double(end - position) * rawPerByte)
    }

    /// Refills the buffer; false at the end of the file.
    private func refill() throws -> Bool {
        if atEnd { return false }
        position = 0
        end = 0
        chunkStart = fileOffset
        if let raw {
            let n = try file.read(into: raw, count: chunkSize, at: fileOffset)
            if n == 0 { atEnd = true; return false }
            fileOffset += n
            var out = 0
            for i in 0..<n {
                let b = raw[i]
                if b < 0x80 { buffer[out] = b; out += 1; continue }
                let v = TextDecoding.windows1251High[Int(b) - 0x80]
                if v < 0x800 {
                    buffer[out] = UInt8(0xC0 | (v >> 6)); buffer[out + 1] = UInt8(0x80 | (v & 0x3F)); out += 2
                } else {
                    buffer[out] = UInt8(0xE0 | (v >> 12)); buffer[out + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[out + 2] = UInt8(0x80 | (v & 0x3F)); out += 3
                }
            }
            end = out
            rawPerByte = Double(n) / Double(out)
        } else {
            let n = try file.read(into: buffer, count: capacity, at: fileOffset)
            if n == 0 { atEnd = true; return false }
            fileOffset += n
            end = n
        }
        return true
    }

    /// The file offset of the byte at `index` of the decoded chunk read from `chunkStart`.
    /// In a 1251 file each raw byte decodes to 1 to 3 bytes: the chunk is read again and
    /// counted (only when a quote is given up, so the common path pays nothing).
    private func fileOffset(chunkStart: Int, index: Int) throws -> Int {
        guard let raw else { return chunkStart + index }
        let n = try file.read(into: raw, count: chunkSize, at: chunkStart)
        var decoded = 0, i = 0
        while i < n && decoded < index {
            let b = raw[i]
            decoded += b < 0x80 ? 1 : (TextDecoding.windows1251High[Int(b) - 0x80] < 0x800 ? 2 : 3)
            i += 1
        }
        return chunkStart + i
    }

    /// Reading goes on at `offset` of the file.
    private func seek(to offset: Int) {
        fileOffset = offset
        atEnd = false
        position = 0
        end = 0
    }

    /// The next byte, or nil at the end of the file.
    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position == end, try !refill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Gives back the byte just read (it is still in the buffer).
    @inline(__always)
    private func unread() { position -= 1 }

    package func next() throws -> SourceRow? {
        var row = SourceRow(line: 0, fields: [])
        return try next(into: &row) ? row : nil
    }

    /// The next record into `row`, reusing its field array (no allocation per record when
    /// the caller keeps `row` from one record to the next); false at the end of the file.
    package func next(into row: inout SourceRow) throws -> Bool {
        guard try nextByte() != nil else { return false }
        unread()
        let line = nextLine
        row.fields.removeAll(keepingCapacity: true)
        row.problem = nil
        var breaks = 0
        recordBytes = 0
        problem = nil
        /// A record that could not be read to its end; reading resumes on `resume`.
        func unreadable(_ p: RecordProblem, line: Int, resume: Int) -> Bool {
            nextLine = resume
            recordsRead += 1
            row.line = line
            row.problem = p
            return true
        }
        while true {
            let c = try nextByte()
            let end: Bool
            if c == nil {
                row.fields.append("")
                end = true
            } else if c == 0x22 {
                switch try quotedField(index: row.fields.count) {
                case .value(let f, let e, let b):
                    row.fields.append(f)
                    breaks += b
                    end = e
                case .unreadable(let p, let partial):
                    row.fields.append(partial)
                    return unreadable(p, line: line + breaks, resume: line + breaks + 1)
                }
            } else {
                unread()
                guard let (f, e) = try unquotedField(index: row.fields.count) else {
                    return unreadable(.fieldTooLong(field: row.fields.count, limit: limits.maxFieldBytes),
                                      line: line + breaks, resume: line + breaks + 1)
                }
                row.fields.append(f)
                end = e
            }
            if recordBytes > limits.maxRecordBytes {
                if !end { try skipLine() }
                row.fields.removeAll()
                return unreadable(.recordTooLong(limit: limits.maxRecordBytes), line: line, resume: line + breaks + 1)
            }
            if end { break }
        }
        nextLine += 1 + breaks
        recordsRead += 1
        row.line = line
        row.problem = problem
        return true
    }

    /// After a line break character `c` ended a record: a `\r` takes a following `\n` along.
    @inline(__always)
    private func finishLineBreak(_ c: UInt8) throws {
        if c == 0x0D, let n = try nextByte(), n != 0x0A { unread() }
    }

    /// Skips to the start of the next line (or the end of the file).
    private func skipLine() throws {
        while true {
            if position == end, try !refill() { return }
            while position < end {
                let b = buffer[position]
                position += 1
                if b == 0x0A || b == 0x0D { try finishLineBreak(b); return }
            }
        }
    }

    /// Notes the first control character of the record: `index` is the field, `before`
    /// the field's bytes in the buffer before it (after those already in `field`).
    private func noteControl(_ b: UInt8, field index: Int, before: UnsafeBufferPointer<UInt8>) {
        guard problem == nil else { return }
        var characters = 1
        for x in field where x & 0xC0 != 0x80 { characters += 1 }
        for x in before where x & 0xC0 != 0x80 { characters += 1 }
        problem = .controlCharacter(field: index, byte: b, character: characters)
    }

    /// An unquoted field: its value and whether it ends the record; nil when it is longer
    /// than a field may be (the rest of its line is skipped).
    private func unquotedField(index: Int) throws -> (String, Bool)? {
        field.removeAll(keepingCapacity: true)
        let sep = separator
        let limit = limits.maxFieldBytes
        while true {
            if position == end, try !refill() {
                recordBytes += field.count
                return (string(fromField: ()), true)
            }
            let start = position, stop = end, buffer = self.buffer
            var i = start
            while i < stop {
                let b = buffer[i]
                if b == sep || b == 0x0A || b == 0x0D { break }
                if (b < 0x20 && b != 0x09) || b == 0x7F {
                    noteControl(b, field: index, before: UnsafeBufferPointer(start: buffer + start, count: i - start))
                }
                i += 1
            }
            let length = field.count + (i - start)
            if length > limit {
                position = i
                try skipLine()
                return nil
            }
            if i < stop {
                let b = buffer[i]
                let value: String
                if field.isEmpty {
                    value = String(decoding: UnsafeBufferPointer(start: buffer + start, count: i - start), as: UTF8.self)
                } else {
                    field.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: i - start))
                    value = string(fromField: ())
                }
                recordBytes += length + 1
                position = i + 1
                if b == sep { return (value, false) }
                try finishLineBreak(b)
                return (value, true)
            }
            field.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: i - start))
            position = end
        }
    }

    private enum Quoted {
        /// The value, whether it ends the record, the line breaks inside it.
        case value(String, Bool, Int)
        /// Never closed: the problem, and the field's text up to its first line break.
        case unreadable(RecordProblem, String)
    }

    /// A quoted field, the opening quote read.
    private func quotedField(index: Int) throws -> Quoted {
        field.removeAll(keepingCapacity: true)
        let limit = limits.maxFieldBytes
        var sawBreak = false
        var ends = true
        /// Where reading resumes if the quote is never closed: after the first line break
        /// inside the field (and the `\n` after it when that break is a `\r`).
        var resume: (chunkStart: Int, index: Int, afterCR: Bool)?
        var firstLineLength: Int?

        /// The quote is not closed: the record ends, reading goes on at the next line.
        func giveUp(_ p: RecordProblem) throws -> Quoted {
            let partial = field.prefix(firstLineLength ?? field.count)
            let text = partial.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            if let resume {
                seek(to: try fileOffset(chunkStart: resume.chunkStart, index: resume.index))
                if resume.afterCR, let n = try nextByte(), n != 0x0A { unread() }
            } else {
                try skipLine()
            }
            return .unreadable(p, text)
        }

        loop: while true {
            if position == end, try !refill() { return try giveUp(.unclosedQuote(field: index)) }
            let start = position, stop = end, buffer = self.buffer
            var i = start
            while i < stop {
                let b = buffer[i]
                if b == 0x22 { break }
                if b < 0x20 || b == 0x7F {
                    if b == 0x0A || b == 0x0D {
                        if !sawBreak {
                            sawBreak = true
                            firstLineLength = field.count + (i - start)
                            resume = (chunkStart, i + 1, b == 0x0D)
                        }
                    } else if b != 0x09 {
                        noteControl(b, field: index, before: UnsafeBufferPointer(start: buffer + start, count: i - start))
                    }
                }
                i += 1
            }
            if field.count + (i - start) > limit {
                field.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: max(0, limit - field.count)))
                position = i
                return try giveUp(.quotedFieldTooLong(field: index, limit: limit))
            }
            field.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: i - start))
            position = i
            if i == end { continue }
            position += 1                                      // the quote
            guard let n = try nextByte() else { break loop }   // quote at the end of input
            switch n {
            case 0x0D, 0x0A:
                try finishLineBreak(n)
                break loop
            case separator:
                ends = false
                break loop
            case 0x22:
                field.append(0x22)
            default:
                // CSV.swift keeps the quote and drops the character after it (a whole
                // scalar: its continuation bytes too).
                field.append(0x22)
                let more = n >= 0xF0 ? 3 : n >= 0xE0 ? 2 : n >= 0xC0 ? 1 : 0
                for _ in 0..<more { _ = try nextByte() }
            }
        }
        recordBytes += field.count + 1
        let breaks = sawBreak ? CSVFileRecords.lineBreaks(field) : 0
        return .value(string(fromField: ()), ends, breaks)
    }

    @inline(__always)
    private func string(fromField _: Void) -> String {
        field.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Line breaks in a field's bytes: `\r\n`, `\n` and a lone `\r` count once.
    package static func lineBreaks(_ bytes: [UInt8]) -> Int {
        var breaks = 0
        var previousCR = false
        for b in bytes {
            if b == 0x0A { if !previousCR { breaks += 1 }; previousCR = false }
            else if b == 0x0D { breaks += 1; previousCR = true }
            else { previousCR = false }
        }
        return breaks
    }
}
