#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClienteleCore

/// Zero-filled flat memory for per-client tables. Large tables (a million clients and up)
/// are read and written at random positions, once per order: from 2 MiB up they are
/// mapped on their own and, on Linux, asked for transparent huge pages, so that the
/// lookups do not also miss the TLB on every order (4 KiB pages: one miss per order).
struct ZeroedMemory<T> {
    let pointer: UnsafeMutablePointer<T>
    private let mapping: (base: UnsafeMutableRawPointer, bytes: Int)?

    private static var huge: Int { 2 << 20 }

    init(count: Int) {
        let bytes = max(count, 1) * MemoryLayout<T>.stride
        if bytes >= ZeroedMemory.huge,
           let base = mmap(nil, bytes + ZeroedMemory.huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           base != MAP_FAILED {
            // Start on a 2 MiB boundary, so whole huge pages cover the table.
            let address = (Int(bitPattern: base) + ZeroedMemory.huge - 1) & ~(ZeroedMemory.huge - 1)
            let aligned = UnsafeMutableRawPointer(bitPattern: address)!
            #if os(Linux)
            _ = madvise(aligned, bytes, MADV_HUGEPAGE)
            #endif
            mapping = (base, bytes + ZeroedMemory.huge)
            pointer = aligned.bindMemory(to: T.self, capacity: max(count, 1))
        } else {
            mapping = nil
            let raw = calloc(max(count, 1), MemoryLayout<T>.stride)!
            pointer = raw.bindMemory(to: T.self, capacity: max(count, 1))
        }
    }

    /// Releases the memory (call once).
    func release() {
        if let mapping { munmap(mapping.base, mapping.bytes) } else { free(pointer) }
    }
}
