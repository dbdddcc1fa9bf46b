/// The shared strings of a workbook, as one buffer of UTF-8 bytes and where each string
/// ends in it: a string is made (`String(decoding:)`) when a cell uses it. A `[String]` held
/// a 16-byte value per string and, for each longer than 15 bytes of UTF-8 (most Cyrillic
/// names), a heap object besides; here a string costs its bytes and 4 more. The bytes are
/// bounded by the part's (`XLSXLimits.maxPartBytes`), the count by `maxSharedStrings`.
///
/// ```swift
/// var strings = XLSXSharedStrings()
/// strings.append("ООО «Ромашка»")
/// strings.append("")
/// print(strings.count, strings[0])   // 2 ООО «Ромашка»
/// ```
package struct XLSXSharedStrings: Equatable {
    private var bytes: [UInt8] = []
    /// The end of string `i` in `bytes` (its start is the end of `i - 1`, or 0).
    private var ends: [UInt32] = []

    package init() {}

    package var count: Int { ends.count }

    /// Bytes of text held.
    package var byteCount: Int { bytes.count }

    package mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        precondition(bytes.count <= Int(UInt32.max), "shared strings past 4 GiB")   // bounded by maxPartBytes
        ends.append(UInt32(bytes.count))
    }

    package subscript(i: Int) -> String {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        let end = Int(ends[i])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// Every string, in order (for tests and small workbooks).
    package var all: [String] { (0..<count).map { self[$0] } }
}
