import Foundation
import ClienteleCore
import PostgresNIO

/// `COPY table (columns) FROM STDIN` in text format on a transaction's connection: what
/// `clientele copy` into a server sends instead of multi-row INSERTs. postgres-nio's
/// `copyFrom` is async; the transaction's thread waits for it, as it waits for a query's
/// future. Rows are sent in chunks (`PostgresCopy.rowsPerCopy`), one COPY each, so memory
/// stays bounded whatever the table's size.
extension PostgresTransaction {
    /// Sends `rows` (each as many values as `columns`) into `table`.
    func copyIn(table: String, columns: [String], text: ByteBuffer) throws {
        if Interruption.current?.isRequested == true { throw StoreError.interrupted }
        let connection = pooled.connection
        let outcome = CopyOutcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()),
                                              logger: PostgresStore.logger) { writer in
                    try await writer.write(text)
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw PostgresErrors.storeError(error, access: store.access) }
    }
}

private final class CopyOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var _error: (any Error)?
    var error: (any Error)? {
        get { lock.withLock { _error } }
        set { lock.withLock { _error = newValue } }
    }
}

/// Rows in COPY's text format: tab between values, a newline after each row, `\N` for NULL,
/// backslash, tab, newline and carriage return escaped; a blob as bytea hex.
struct CopyText {
    private(set) var buffer = ByteBuffer()
    private(set) var rows = 0

    mutating func append(_ row: [SQLValue]) {
        for (i, v) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch v {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let n): buffer.writeString(String(n))
            case .real(let d): buffer.writeString("\(d)")
            case .text(let s): writeEscaped(s)
            case .blob(let b):
                buffer.writeStaticString("\\\\x")
                for byte in b { buffer.writeString(String(format: "%02x", byte)) }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        rows += 1
    }

    private mutating func writeEscaped(_ s: String) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    mutating func reset() {
        buffer.clear()
        rows = 0
    }
}
