import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZIPFoundation
import ClienteleCore

/// How much an .xlsx file may unpack to: a zip bomb (a few KiB that inflate to gigabytes)
/// is refused once it passes these, however its headers lie, and memory stays bounded.
package struct XLSXLimits: Sendable, Equatable {
    /// The sheet's XML, unpacked to a nameless temporary file (not to memory): 2 GiB.
    package var maxSheetBytes: Int = 2 << 30
    /// Each other part: 256 MiB. The workbook, styles and relationships are read into
    /// memory; the shared strings are unpacked to a nameless temporary file like a sheet and
    /// read a chunk at a time, and only the strings are kept (`XLSXSharedStrings`).
    package var maxPartBytes: Int = 256 << 20
    /// Shared strings held in memory: 8 million (Excel keeps every text cell there, so a
    /// workbook at Excel's row limit with a few text columns holds millions; a short string
    /// takes 16 bytes, so 128 MiB at the limit, a long one its text besides).
    package var maxSharedStrings = 8_000_000
    /// Columns of a row: Excel's own limit (XFD).
    package var maxColumns = 16_384

    package init() {}
}

/// The parts of an .xlsx workbook an import needs: the sheets by name, the date system,
/// which styles are dates or percents, the shared strings. Parts are read with
/// ZIPFoundation and parsed by `XMLPullParser`.
///
/// ```swift
/// let book = try XLSXWorkbook(file: ImportFile(path: "sales.xlsx"), limits: XLSXLimits())
/// print(book.sheets.map(\.name))      // ["Лист1", "Лист2"]
/// ```
package final class XLSXWorkbook {
    package struct Sheet { package var name: String; package var part: String }

    package let path: String
    private let archive: Archive
    package private(set) var sheets: [Sheet] = []
    package private(set) var system1904 = false
    /// The kind of number format of each cell style (`s="3"` is index 3).
    package private(set) var styleKinds: [NumberFormatKind] = []
    package private(set) var sharedStrings = XLSXSharedStrings()
    package let limits: XLSXLimits

    /// Lets go of the shared strings, once the reader of the one sheet to be read holds them
    /// (`XLSXSheetRecords` keeps its own reference and drops it at the sheet's end): they are
    /// then freed when the last row is read, before the import builds its indexes.
    package func releaseSharedStrings() {
        sharedStrings = XLSXSharedStrings()
    }

    package init(file: ImportFile, limits: XLSXLimits) throws {
        path = file.path
        self.limits = limits
        do {
            if let data = file.inMemory {
                archive = try Archive(data: data, accessMode: .read)
            } else {
                archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
            }
        } catch {
            throw ImportError.badSpreadsheet(path: file.path, reason: "it is not a zip archive, so not an .xlsx workbook (a damaged or cut file?)")
        }
        guard let workbookPart = try relationshipTarget(of: "", type: "officeDocument") ?? (archive["xl/workbook.xml"] != nil ? "xl/workbook.xml" : nil) else {
            throw ImportError.badSpreadsheet(path: path, reason: "it holds no workbook (xl/workbook.xml): is it an .xlsx file?")
        }
        var part = workbookPart
        do {
            try readWorkbook(workbookPart)
            let styles = try relationshipTarget(of: workbookPart, type: "styles") ?? folder(of: workbookPart) + "styles.xml"
            part = styles
            try readStyles(styles)
            let strings = try relationshipTarget(of: workbookPart, type: "sharedStrings") ?? folder(of: workbookPart) + "sharedStrings.xml"
            part = strings
            try readSharedStrings(strings)
        } catch let e as XMLMalformed {
            throw ImportError.badSpreadsheet(path: path, reason: "\(part) is not well-formed XML (byte \(e.offset): \(e.reason))")
        }
    }

    private func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// The target of a relationship of a part (`""`: the package) whose type ends in `type`, or with the id.
    private func relationshipTarget(of part: String, type: String? = nil, id: String? = nil) throws -> String? {
        let relsPath = folder(of: part) + "_rels/" + (part.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        guard let xml = try parser(relsPath, required: false) else { return nil }
        while let event = try xml.next() {
            guard case .start("Relationship", let a) = event, var target = a["Target"] else { continue }
            if let type, a["Type"]?.hasSuffix("/" + type) != true { continue }
            if let id, a["Id"] != id { continue }
            if target.hasPrefix("/") { target.removeFirst() } else { target = folder(of: part) + target }
            return normalizePath(target)
        }
        return nil
    }

    private func normalizePath(_ p: String) -> String {
        var parts: [Substring] = []
        for c in p.split(separator: "/") {
            if c == ".." { _ = parts.popLast() } else if c != "." { parts.append(c) }
        }
        return parts.joined(separator: "/")
    }

    private func readWorkbook(_ part: String) throws {
        guard let xml = try parser(part, required: true) else { return }
        var ids: [(String, String)] = []
        while let event = try xml.next() {
            switch event {
            case .start("workbookPr", let a):
                system1904 = a["date1904"] == "1" || a["date1904"]?.lowercased() == "true"
            case .start("sheet", let a):
                if let name = a["name"], let id = a["id"] { ids.append((name, id)) }
            default: break
            }
        }
        for (name, id) in ids {
            if let target = try relationshipTarget(of: part, id: id) { sheets.append(Sheet(name: name, part: target)) }
        }
        guard !sheets.isEmpty else { throw ImportError.badSpreadsheet(path: path, reason: "the workbook has no sheets") }
    }

    private func readStyles(_ part: String) throws {
        guard let xml = try parser(part, required: false) else { return }
        var custom: [Int: NumberFormatKind] = [:]
        var inCellXfs = false
        while let event = try xml.next() {
            switch event {
            case .start("numFmt", let a):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = NumberFormatKind.custom(code) }
            case .start("cellXfs", _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                guard styleKinds.count < 1 << 20 else { throw ImportError.badSpreadsheet(path: path, reason: "more than a million cell styles") }
                styleKinds.append(custom[id] ?? NumberFormatKind.builtIn(id))
            default: break
            }
        }
    }

    private func readSharedStrings(_ part: String) throws {
        guard let entry = archive[part] else { return }
        let xml = XMLPullParser(try unpacked(entry, limit: limits.maxPartBytes, what: part).reader)
        var current = ""
        var depthInPhonetic = 0
        var inText = false
        while let event = try xml.next() {
            switch event {
            case .start("sst", let a):
                // The count the part declares, if any (never more than the limit).
                let declared = a["uniqueCount"].flatMap { Int($0) } ?? a["count"].flatMap { Int($0) } ?? 0
                sharedStrings.reserve(strings: min(max(declared, 0), limits.maxSharedStrings))
            case .start("si", _): current = ""
            case .end("si"):
                guard sharedStrings.count < limits.maxSharedStrings else {
                    throw ImportError.badSpreadsheet(path: path, reason: "more than \(limits.maxSharedStrings) shared strings")
                }
                sharedStrings.append(XLSXWorkbook.unescape(current))
            case .start("rPh", _): depthInPhonetic += 1           // phonetic hints are not the text
            case .end("rPh"): depthInPhonetic -= 1
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let s) where inText && depthInPhonetic == 0: current += s
            default: break
            }
        }
    }

    /// `_x000D_` and the other `_xHHHH_` escapes of ECMA-376 (22.9.2.19) in cell text.
    package static func unescape(_ s: String) -> String {
        // (Looked for in the bytes: `String.contains` of a string goes through Foundation.)
        var underscore = false, escaped = false
        for b in s.utf8 {
            if underscore && b == 0x78 { escaped = true; break }
            underscore = b == 0x5F
        }
        guard escaped else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            if after.count >= 5, after.dropFirst(4).first == "_", let code = UInt32(after.prefix(4), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    /// The sheet to import: by name (case-insensitively), or the first one.
    package func sheet(named name: String?) throws -> Sheet {
        guard let name else { return sheets[0] }
        if let s = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return s
        }
        throw ImportError.noSuchSheet(path: path, sheet: name, sheets: sheets.map(\.name))
    }

    /// A part's XML read into memory (bounded by `maxPartBytes`); nil when the part is
    /// missing and not required.
    private func parser(_ part: String, required: Bool) throws -> XMLPullParser? {
        guard let entry = archive[part] else {
            if required { throw ImportError.badSpreadsheet(path: path, reason: "the part \(part) is missing") }
            return nil
        }
        var data = Data()
        try extract(entry, limit: limits.maxPartBytes, what: part) { data.append($0) }
        return XMLPullParser(ByteReader(data: data))
    }

    /// Unpacks an entry chunk by chunk, stopping (with an error) past `limit` bytes whatever
    /// the zip's headers claim.
    private func extract(_ entry: Entry, limit: Int, what: String, _ consume: (Data) throws -> Void) throws {
        if entry.uncompressedSize > UInt64(limit) {
            throw ImportError.badSpreadsheet(path: path, reason: "\(what) would unpack to \(entry.uncompressedSize) bytes, more than the \(CSVLimits.size(limit)) an import reads (a zip bomb?)")
        }
        var total = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                total += chunk.count
                if total > limit { throw TooBig() }
                try consume(chunk)
            }
        } catch is TooBig {
            throw ImportError.badSpreadsheet(path: path, reason: "\(what) unpacks to more than the \(CSVLimits.size(limit)) an import reads (a zip bomb?)")
        } catch let e as ImportError {
            throw e
        } catch let e as XMLMalformed {
            throw e
        } catch {
            throw ImportError.badSpreadsheet(path: path, reason: "\(what) cannot be unpacked (\(error)); the file is damaged")
        }
    }

    private struct TooBig: Error {}

    /// The sheet's XML unpacked to a nameless temporary file, read back a chunk at a time:
    /// memory stays one chunk however large the sheet.
    package func sheetReader(_ sheet: Sheet) throws -> (ByteReader, Int) {
        guard let entry = archive[sheet.part] else {
            throw ImportError.badSpreadsheet(path: path, reason: "the sheet \"\(sheet.name)\" (\(sheet.part)) is missing")
        }
        return try unpacked(entry, limit: limits.maxSheetBytes, what: "the sheet \"\(sheet.name)\"")
    }

    /// A part unpacked to a nameless temporary file (at most `limit` bytes), and a reader of
    /// it a chunk at a time, with its size.
    private func unpacked(_ entry: Entry, limit: Int, what: String) throws -> (reader: ByteReader, size: Int) {
        let fd = try XLSXWorkbook.temporaryFile()
        let holder = DescriptorHolder(fd)
        try extract(entry, limit: limit, what: what) { chunk in
            try chunk.withUnsafeBytes { raw in
                var at = 0
                while at < raw.count {
                    let n = write(fd, raw.baseAddress! + at, raw.count - at)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ImportError.badSpreadsheet(path: path, reason: "cannot unpack \(what) to a temporary file: \(ExportError.reason(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)))")
                    }
                    at += n
                }
            }
        }
        var size = 0
        let unpacked = lseek(fd, 0, SEEK_END)
        if unpacked > 0 { size = Int(unpacked) }
        var offset = 0
        return (ByteReader { buffer in
            let n = buffer.withUnsafeMutableBytes { pread(holder.fd, $0.baseAddress!, $0.count, off_t(offset)) }
            guard n >= 0 else { throw ImportError.cannotRead(path: "\(what), unpacked", reason: ImportFile.reason(errno)) }
            offset += n
            return n
        }, size)
    }

    private final class DescriptorHolder {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    private static func temporaryFile() throws -> Int32 {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        #if os(Linux)
        let fd = open(dir, StagedFiles.nameless | O_RDWR, 0o600)
        if fd >= 0 { return fd }
        #endif
        var template = Array((dir + "/clientele-xlsx-XXXXXX").utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard named >= 0 else { throw ImportError.cannotRead(path: dir, reason: "cannot make a temporary file to unpack the workbook's XML into: " + ImportFile.reason(errno)) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return named
    }
}
