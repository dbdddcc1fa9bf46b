import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in chunks, never whole: the import streams its rows through these.
final class ImportFile {
    let path: String
    private let fd: Int32
    /// Bytes of the file, BOM included.
    let size: Int

    static let chunkSize = 1 << 20

    /// Opens a file, with the errors `Importer` has always given: no such file, a directory,
    /// unreadable.
    init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.cannotRead(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw ImportError.cannotRead(path: path, reason: "it is a directory") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImportError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ImportError.cannotRead(path: path, reason: reason)
        }
        self.fd = fd
        if (st.st_mode & S_IFMT) == S_IFREG {
            size = Int(st.st_size)
            memory = nil
        } else {
            // A pipe or a device (`/dev/stdin`) cannot be read twice: held in memory, as
            // every file used to be.
            let data = FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile()
            memory = data
            size = data.count
        }
    }

    /// The content of a file that is not a regular file.
    private let memory: Data?

    /// Bytes held in memory, as if read from a pipe (tests: no disk I/O per case).
    init(name: String, contents: Data) {
        path = name
        fd = -1
        memory = contents
        size = contents.count
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads up to `count` bytes at `offset` into `buffer`; 0 at the end of the file.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws -> Int {
        if let memory {
            let n = max(0, min(count, memory.count - offset))
            if n > 0 { memory.copyBytes(to: buffer, from: offset..<(offset + n)) }
            return n
        }
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ImportError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Calls `body` with the file's bytes from `offset` on, a chunk at a time; `body` returns
    /// false to stop.
    func forEachChunk(from offset: Int = 0, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: ImportFile.chunkSize)
        defer { buffer.deallocate() }
        var at = offset
        while true {
            let n = try read(into: buffer, count: ImportFile.chunkSize, at: at)
            if n == 0 { return }
            at += n
            if try !body(UnsafeBufferPointer(start: buffer, count: n)) { return }
        }
    }

    /// Whether the file starts with the UTF-8 byte order mark.
    func hasByteOrderMark() throws -> Bool {
        var head: [UInt8] = [0, 0, 0]
        let n = try head.withUnsafeMutableBufferPointer { try read(into: $0.baseAddress!, count: 3, at: 0) }
        return n == 3 && head == TextDecoding.utf8BOM
    }

    /// Whether the bytes from `offset` on are valid UTF-8 (one pass, in chunks).
    func isValidUTF8(from offset: Int) throws -> Bool {
        var validator = UTF8Validator()
        var valid = true
        try forEachChunk(from: offset) { chunk in
            valid = validator.feed(chunk)
            return valid
        }
        return valid && validator.finish()
    }

    /// The whole file; only for the rare paths that need it at once (an error's byte
    /// offset, a separator outside ASCII).
    func readAll() throws -> Data {
        if let memory { return memory }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ImportError.cannotRead(path: path, reason: ExportError.reason(error))
        }
    }

    /// The bytes from `offset` on as a lazy sequence (for separator detection, which reads
    /// only the header record).
    func bytes(from offset: Int) -> Bytes { Bytes(file: self, offset: offset) }

    struct Bytes: Sequence {
        let file: ImportFile
        let offset: Int
        func makeIterator() -> Iterator { Iterator(file: file, offset: offset) }

        struct Iterator: IteratorProtocol {
            let file: ImportFile
            var offset: Int
            var chunk: [UInt8] = []
            var index = 0
            init(file: ImportFile, offset: Int) { self.file = file; self.offset = offset }

            mutating func next() -> UInt8? {
                if index == chunk.count {
                    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                    let n = (try? buffer.withUnsafeMutableBufferPointer {
                        try file.read(into: $0.baseAddress!, count: $0.count, at: offset)
                    }) ?? 0
                    if n == 0 { return nil }
                    offset += n
                    buffer.removeSubrange(n...)
                    chunk = buffer
                    index = 0
                }
                defer { index += 1 }
                return chunk[index]
            }
        }
    }
}

/// Checks UTF-8 fed in pieces (a sequence may straddle two pieces): the well-formed byte
/// sequences of the Unicode standard (table 3-7), as `String(validating:)` accepts them.
struct UTF8Validator {
    private var need = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            if need == 0 {
                // Eight ASCII bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                if i == n { break }
                let b = base[i]
                i += 1
                if b < 0x80 { continue }
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; high = 0x9F
                case 0xF0: need = 3; low = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; high = 0x8F
                default: return false
                }
            } else {
                let b = base[i]
                i += 1
                guard b >= low && b <= high else { return false }
                need -= 1
                low = 0x80; high = 0xBF
            }
        }
        return true
    }

    /// At the end of the input: no sequence left unfinished.
    func finish() -> Bool { need == 0 }
}

/// Reads the records of a file in chunks, the way `CSVRecords` (CSV.swift's `CSVReader`)
/// reads them from the whole decoded text, with the same fields and line numbers; memory
/// stays at one chunk plus one record whatever the size of the file.
///
/// Why not CSV.swift: its reader decodes the text one `Unicode.Scalar` at a time through
/// an `AnyIterator` and builds every field with `String.UnicodeScalarView.append`, and it
/// reads a `String` (the whole decoded file) or an `InputStream` (UTF-8, UTF-16 or UTF-32
/// only, not Windows-1251). Profiled on 500,000 orders that reader and the per-field
/// line counting around it were 14% of the import, and holding the decoded file made the
/// peak memory grow with the file (642 MiB for 2 million orders). This reader scans bytes
/// (the separator must be ASCII; `Importer` uses `CSVRecords` for any other separator) and
/// makes a `String` per field straight from the buffer. Its behaviour is CSV.swift's,
/// quirks included (property-tested against it in `CSVFileRecordsTests`):
///
/// - a field starting with `"` is quoted: `""` inside is one quote; a quote followed by
///   the separator, a line break or the end of the input ends it; a quote followed by any
///   other character keeps the quote and drops that character;
/// - a quote in an unquoted field is an ordinary character;
/// - `\r\n`, `\n` and a lone `\r` end a record; a separator at the very end of the input
///   gives a last empty field; the end of the input inside quotes ends the record.
///
/// Line numbers are counted as `CSVRecords` counts them: one per record plus the line
/// breaks inside its quoted fields (`\r\n` once).
final class CSVFileRecords {
    private let file: ImportFile
    private let windows1251: Bool
    private let separator: UInt8
    /// Decoded UTF-8 bytes of the current chunk.
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let raw: UnsafeMutablePointer<UInt8>?
    private var position = 0, end = 0
    private var fileOffset: Int
    private var atEnd = false
    /// For 1251 files: raw bytes per decoded byte of the current chunk (for progress).
    private var rawPerByte = 1.0
    private var field: [UInt8] = []
    private var nextLine = 1
    private(set) var recordsRead = 0
    private let firstOffset: Int

    private let chunkSize: Int

    /// `chunkSize`: bytes read at a time (small in tests, to cross chunk boundaries).
    init(file: ImportFile, skip: Int, windows1251: Bool, separator: UInt8, chunkSize: Int = ImportFile.chunkSize) {
        self.file = file
        self.windows1251 = windows1251
        self.separator = separator
        self.chunkSize = chunkSize
        fileOffset = skip
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

    /// File bytes (after the BOM) read into records so far, for progress estimates.
    var bytesConsumed: Int {
        fileOffset - firstOffset - Int(Double(end - position) * rawPerByte)
    }

    /// Refills the buffer; false at the end of the file.
    private func refill() throws -> Bool {
        if atEnd { return false }
        position = 0
        end = 0
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

    func next() throws -> SourceRow? {
        guard try nextByte() != nil else { return nil }
        unread()
        var fields: [String] = []
        var breaks = 0
        while true {
            let c = try nextByte()
            let end: Bool
            if c == nil {
                fields.append("")
                end = true
            } else if c == 0x22 {
                let (f, e, b) = try quotedField()
                fields.append(f)
                breaks += b
                end = e
            } else {
                unread()
                let (f, e) = try unquotedField()
                fields.append(f)
                end = e
            }
            if end { break }
        }
        let line = nextLine
        nextLine += 1 + breaks
        recordsRead += 1
        return SourceRow(line: line, fields: fields)
    }

    /// After a line break character `c` ended a record: a `\r` takes a following `\n` along.
    @inline(__always)
    private func finishLineBreak(_ c: UInt8) throws {
        if c == 0x0D, let n = try nextByte(), n != 0x0A { unread() }
    }

    private func unquotedField() throws -> (String, Bool) {
        field.removeAll(keepingCapacity: true)
        let sep = separator
        while true {
            if position == end, try !refill() {
                return (string(fromField: ()), true)
            }
            let start = position, stop = end, buffer = self.buffer
            var i = start
            while i < stop {
                let b = buffer[i]
                if b == sep || b == 0x0A || b == 0x0D { break }
                i += 1
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
                position = i + 1
                if b == sep { return (value, false) }
                try finishLineBreak(b)
                return (value, true)
            }
            field.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: i - start))
            position = end
        }
    }

    /// A quoted field, the opening quote read: its value, whether it ends the record, and
    /// the line breaks inside it.
    private func quotedField() throws -> (String, Bool, Int) {
        field.removeAll(keepingCapacity: true)
        var sawBreak = false
        var ends = true
        loop: while true {
            if position == end, try !refill() { break loop }   // end of input inside quotes
            let start = position, stop = end, buffer = self.buffer
            var i = start
            while i < stop {
                let b = buffer[i]
                if b == 0x22 { break }
                if b == 0x0A || b == 0x0D { sawBreak = true }
                i += 1
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
        let breaks = sawBreak ? CSVFileRecords.lineBreaks(field) : 0
        return (string(fromField: ()), ends, breaks)
    }

    @inline(__always)
    private func string(fromField _: Void) -> String {
        field.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Line breaks in a field's bytes: `\r\n`, `\n` and a lone `\r` count once.
    static func lineBreaks(_ bytes: [UInt8]) -> Int {
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
