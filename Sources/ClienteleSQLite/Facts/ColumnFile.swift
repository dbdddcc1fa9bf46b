#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The persisted order columns of a store: one file holding what `OrderFacts` holds, in
/// aligned sections after a 4 KiB header, memory-mapped read-only when opened.
///
/// Header (little-endian, native on every platform Clientele runs on):
///
///     0   magic "CLNTCOLS"            104 sections: 8 × (offset, bytes), Int64
///     8   format (UInt32), header size      client ids (Int64 × clients), day, client,
///     16  store token (32 ASCII hex)        due, last paid (Int32 × orders), net, paid
///     48  facts counter (Int64)             (Int64 × orders), block checksums (UInt64 ×
///     56  rewrites, 64 top (Int64)          6 × blocks); each on a 64-byte boundary
///     72  orders, 80 clients (Int64)    232 checksum of bytes 0..<232 (UInt64)
///     88  file size (Int64)
///     96  checksum of the client ids and the block checksums (UInt64)
///
/// The orders' sections are cut in blocks of `blockOrders` orders; each block of each
/// column has its checksum in the last section (column by column, block by block).
///
/// A file is used only when all of it holds: magic, format, header checksum, the file's
/// size as recorded, sections inside the file and of the sizes the counts give, the
/// checksum of the client ids and of the block checksums, and (ColumnStore) the store's
/// token and counters; then each block of orders is checked against its checksum the
/// first time a question reads it (ColumnMapping), so opening the file costs no pass over
/// it and a damaged block is never read.
struct ColumnFile {
    static let magic = Array("CLNTCOLS".utf8)
    static let format: UInt32 = 2
    static let headerSize = 4096
    static let headerChecked = 232
    /// Orders in a checked block.
    static let blockOrders = 65_536

    struct Header: Equatable {
        var token: String
        var stamp: FactsStamp
        var orders: Int
        var clients: Int
        var fileBytes: Int
        var tableChecksum: UInt64
        var sections: [(offset: Int, bytes: Int)]

        static func == (a: Header, b: Header) -> Bool {
            a.token == b.token && a.stamp == b.stamp && a.orders == b.orders && a.clients == b.clients
                && a.fileBytes == b.fileBytes && a.tableChecksum == b.tableChecksum
                && a.sections.map(\.offset) == b.sections.map(\.offset) && a.sections.map(\.bytes) == b.sections.map(\.bytes)
        }
    }

    /// Why a file is not used.
    struct Rejected: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// A block of the file's orders does not match its checksum.
    struct Damaged: Error, CustomStringConvertible {
        let description: String
    }

    /// Section widths: client ids, day, client, due, last paid, net, paid, block checksums.
    static let widths = [8, 4, 4, 4, 4, 8, 8, 8]

    static func blocks(_ orders: Int) -> Int { (orders + blockOrders - 1) / blockOrders }

    static func layout(orders: Int, clients: Int) -> (sections: [(offset: Int, bytes: Int)], fileBytes: Int) {
        var offset = headerSize
        var sections: [(offset: Int, bytes: Int)] = []
        for (k, w) in widths.enumerated() {
            let bytes = (k == 0 ? clients : k == 7 ? 6 * blocks(orders) : orders) * w
            sections.append((offset, bytes))
            offset = (offset + bytes + 63) & ~63
        }
        // The file ends with the block checksums (no padding after them: every byte from
        // the header to the last section's end but the alignment gaps is checked).
        return (sections, sections[7].offset + sections[7].bytes)
    }

    /// The header as bytes.
    static func encode(_ h: Header) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: headerSize)
        func put<T: FixedWidthInteger>(_ v: T, at: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, x) in $0.enumerated() { b[at + i] = x } }
        }
        for (i, x) in magic.enumerated() { b[i] = x }
        put(format, at: 8); put(UInt32(headerSize), at: 12)
        for (i, x) in Array(h.token.utf8.prefix(32)).enumerated() { b[16 + i] = x }
        put(h.stamp.version, at: 48); put(h.stamp.rewrites ?? -1, at: 56); put(h.stamp.top ?? -1, at: 64)
        put(Int64(h.orders), at: 72); put(Int64(h.clients), at: 80); put(Int64(h.fileBytes), at: 88)
        put(h.tableChecksum, at: 96)
        for (k, s) in h.sections.enumerated() { put(Int64(s.offset), at: 104 + 16 * k); put(Int64(s.bytes), at: 112 + 16 * k) }
        let sum = b.withUnsafeBytes { ColumnChecksum.hash(UnsafeRawBufferPointer(rebasing: $0[0..<headerChecked])) }
        put(sum, at: headerChecked)
        return b
    }

    /// The header of `bytes` (at least `headerSize` of them), checked on its own: magic,
    /// format, checksum, and sections that fit the counts and the recorded size.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Header {
        guard bytes.count >= headerSize else { throw Rejected("is truncated (shorter than its header)") }
        guard Array(bytes[0..<8]) == magic else { throw Rejected("is not a column file") }
        func get<T: FixedWidthInteger>(_: T.Type, _ at: Int) -> T {
            var v: T = 0
            withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[at..<at + MemoryLayout<T>.size])) }
            return T(littleEndian: v)
        }
        guard get(UInt32.self, 8) == format, get(UInt32.self, 12) == UInt32(headerSize) else { throw Rejected("has another format version") }
        guard ColumnChecksum.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<headerChecked])) == get(UInt64.self, headerChecked) else {
            throw Rejected("has a damaged header (checksum)")
        }
        let token = String(decoding: bytes[16..<48], as: UTF8.self)
        let rewrites = get(Int64.self, 56), top = get(Int64.self, 64)
        let stamp = FactsStamp(version: get(Int64.self, 48), rewrites: rewrites < 0 ? nil : rewrites, top: top < 0 ? nil : top)
        let orders = get(Int64.self, 72), clients = get(Int64.self, 80), fileBytes = get(Int64.self, 88)
        guard orders >= 0, clients >= 0, orders < Int64(Int32.max), clients < Int64(Int32.max) else { throw Rejected("has impossible counts") }
        let sections = (0..<widths.count).map { k in (offset: Int(get(Int64.self, 104 + 16 * k)), bytes: Int(get(Int64.self, 112 + 16 * k))) }
        let expected = layout(orders: Int(orders), clients: Int(clients))
        guard expected.fileBytes == Int(fileBytes), zip(expected.sections, sections).allSatisfy({ $0.offset == $1.offset && $0.bytes == $1.bytes }) else {
            throw Rejected("has sections that do not match its counts")
        }
        return Header(token: token, stamp: stamp, orders: Int(orders), clients: Int(clients), fileBytes: Int(fileBytes),
                      tableChecksum: get(UInt64.self, 96), sections: sections)
    }

    /// Writes `facts` for the store `token` to `path` (ColumnFileWriter: a temporary file
    /// renamed into place).
    static func write(_ facts: OrderFacts, token: String, to path: String) throws {
        // Orders copied from a mapped file are checked first: a new file must not vouch for
        // a damaged block with a fresh checksum.
        for s in facts.segments { try s.file?.checkAll() }
        let writer = try ColumnFileWriter(path: path, token: token, stamp: facts.stamp, clientIDs: facts.clientIDs, orders: facts.count)
        for s in facts.segments {
            for i in 0..<s.count {
                try writer.append(day: s.day[i], client: s.client[i], net: s.net[i], due: s.due[i], paid: s.paid[i], lastPaid: s.lastPaid[i])
            }
            s.file?.release(0..<s.count, .all)
        }
        try writer.finish()
    }
}

extension ColumnFile {
    /// Removes the temporary files a writer of `path` left when it died before its rename
    /// (`<name>.tmp-<pid>-<random>` whose process no longer exists); a live writer's file,
    /// or one named otherwise, is left alone.
    static func removeAbandoned(beside path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, let pid = Int32(rest[0]), pid > 0, UInt32(rest[1]) != nil else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.isEmpty ? name : folder + "/" + name)
            }
        }
    }

    /// The checksum of block `b` of section `section` (1–6) as the bytes are now.
    static func blockChecksum(_ h: Header, _ base: UnsafeRawPointer, section k: Int, block b: Int) -> UInt64 {
        let w = widths[k]
        let lo = b * blockOrders, hi = min(h.orders, lo + blockOrders)
        return ColumnChecksum.hash(UnsafeRawBufferPointer(start: base + h.sections[k].offset + lo * w, count: (hi - lo) * w))
    }

    /// The checksum of block `b` of section `section` recorded in the file.
    static func storedChecksum(_ h: Header, _ base: UnsafeRawPointer, section k: Int, block b: Int) -> UInt64 {
        let at = h.sections[7].offset + ((k - 1) * blocks(h.orders) + b) * 8
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// The checksum of the client ids and the block checksums (the header holds it).
    static func tableChecksum(_ h: Header, _ base: UnsafeRawPointer) -> UInt64 {
        func hash(_ k: Int) -> UInt64 { ColumnChecksum.hash(UnsafeRawBufferPointer(start: base + h.sections[k].offset, count: h.sections[k].bytes)) }
        return tableChecksum(ids: hash(0), table: hash(7))
    }

    static func tableChecksum(ids: UInt64, table: UInt64) -> UInt64 { ids &* 0x9E37_79B9_7F4A_7C15 ^ table }
}

/// A fast 64-bit checksum of memory (four independent multiply-xor lanes over 8-byte words,
/// then the tail bytes): not cryptographic, made to catch truncation, bit flips and stray
/// writes at memory speed.
package enum ColumnChecksum {
    package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        var c: UInt64 = 0xA409_3822_299F_31D0, d: UInt64 = 0x082E_FA98_EC4E_6C89
        let words = bytes.count / 8
        var i = 0
        if let p = bytes.baseAddress {
            while i + 4 <= words {
                a = (a ^ p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* k; a ^= a >> 29
                b = (b ^ p.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self)) &* k; b ^= b >> 29
                c = (c ^ p.loadUnaligned(fromByteOffset: i * 8 + 16, as: UInt64.self)) &* k; c ^= c >> 29
                d = (d ^ p.loadUnaligned(fromByteOffset: i * 8 + 24, as: UInt64.self)) &* k; d ^= d >> 29
                i += 4
            }
            while i < words { a = (a ^ p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* k; a ^= a >> 29; i += 1 }
        }
        var h = a ^ (b &* 3) ^ (c &* 5) ^ (d &* 7) ^ UInt64(bytes.count)
        for j in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[j])) &* k }
        h ^= h >> 31; h = h &* k; h ^= h >> 29
        return h
    }
}
