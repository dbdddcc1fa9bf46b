/// The shared strings of a workbook, in order. An array of `String`s: a cell's text is then
/// the shared string itself (one more reference, no copy), and what the import keeps of it
/// (an order number in the order keys) shares its storage. One UTF-8 buffer with the end of
/// each string, decoded when a cell uses it, was tried and measured (docs/performance.md,
/// "Import memory and the xlsx reader"): the same memory for short strings, and 35 MiB more
/// for a million 43-byte order numbers, each decoded into a string of its own for the keys.
/// The count is bounded by `XLSXLimits.maxSharedStrings`, the text by the part's size.
///
/// ```swift
/// var strings = XLSXSharedStrings()
/// strings.append("ООО «Ромашка»")
/// strings.append("")
/// print(strings.count, strings[0])   // 2 ООО «Ромашка»
/// ```
package struct XLSXSharedStrings: Equatable {
    private var strings: [String] = []
    /// Bytes of UTF-8 text held.
    package private(set) var byteCount = 0

    package init() {}

    /// Room for `count` strings, made once (an array that outgrows its room is copied into
    /// one twice its size); pages of the room never written cost no memory.
    package mutating func reserve(strings count: Int) {
        strings.reserveCapacity(count)
    }

    package var count: Int { strings.count }

    package mutating func append(_ s: String) {
        byteCount += s.utf8.count
        strings.append(s)
    }

    package subscript(i: Int) -> String { strings[i] }

    /// Every string, in order.
    package var all: [String] { strings }
}
