import Foundation
import GRDB
import GRDBSQLite
import ClienteleCore

/// How SQL reads per-client results computed in Swift from an `OrderFacts` snapshot
/// (`ClientColumns`), so the planner's SQL can use them like the CTEs it would otherwise run
/// over the orders:
///
///     clientele_columns(id)              -> client_id, c0, c1, c2, c3   (a table of the
///                                           clients that have a row; unused columns NULL)
///     CLIENTELE_COLUMN(id, k, client_id) -> column k for that client, NULL without a row
///
/// `id` names a `ClientColumns` in the store's `ColumnsRegistry` (bound by the planner,
/// whose lease keeps it there for the statement's life); the connection finds the
/// registry through the user data of the function and of the module. Date columns come back as ISO text, like the stored dates. The table
/// is an eponymous read-only virtual table; the function is a plain scalar function, which
/// spares SQLite a join (materialise, index, probe) for each measure.
package enum FactsTable {
    package static let tableName = "clientele_columns"
    package static let functionName = "CLIENTELE_COLUMN"
    static let width: Int32 = 4

    static func register(in db: Database, registry: ColumnsRegistry) {
        guard let connection = db.sqliteConnection else { return }
        // Each registration holds the registry until SQLite drops it (the connection closes).
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { p in
            if let p { Unmanaged<ColumnsRegistry>.fromOpaque(p).release() }
        }
        sqlite3_create_module_v2(connection, tableName, module.pointer, Unmanaged.passRetained(registry).toOpaque(), release)
        sqlite3_create_function_v2(connection, functionName, 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   Unmanaged.passRetained(registry).toOpaque(), { ctx, argc, argv in
            guard argc == 3, let argv else { return }
            let k = Int(sqlite3_value_int64(argv[1]))
            // The id is a bound parameter, constant for the statement: SQLite keeps what we
            // attach to it between calls, which spares a registry lookup per row.
            var aux = sqlite3_get_auxdata(ctx, 0)
            if aux == nil {
                guard let found = FactsTable.registry(at: sqlite3_user_data(ctx))?.columns(id: sqlite3_value_int64(argv[0])) else {
                    sqlite3_result_error(ctx, "the order facts this query was planned on are gone; run it again", -1)
                    return
                }
                let retained = Unmanaged.passRetained(found.fast).toOpaque()
                sqlite3_set_auxdata(ctx, 0, retained) { p in
                    if let p { Unmanaged<FastColumns>.fromOpaque(p).release() }
                }
                // SQLite may drop it at once (when the id is not constant): hold it for this call.
                aux = sqlite3_get_auxdata(ctx, 0)
                if aux == nil {
                    FactsTable.result(ctx, found.fast, k, argv[2])
                    return
                }
            }
            Unmanaged<FastColumns>.fromOpaque(aux!)._withUnsafeGuaranteedRef { FactsTable.result(ctx, $0, k, argv[2]) }
        }, nil, nil, release)
    }

    private static func registry(at p: UnsafeMutableRawPointer?) -> ColumnsRegistry? {
        p.map { Unmanaged<ColumnsRegistry>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Column k for the client id in `client` (NULL when the client has no row).
    @inline(__always)
    static func result(_ ctx: OpaquePointer?, _ c: FastColumns, _ k: Int, _ client: OpaquePointer?) {
        guard sqlite3_value_type(client) != SQLITE_NULL, k >= 0, k < c.width,
              let p = c.position(of: sqlite3_value_int64(client)) else {
            sqlite3_result_null(ctx)
            return
        }
        value(ctx, c, k, p)
    }

    @inline(__always)
    static func value(_ ctx: OpaquePointer?, _ c: FastColumns, _ k: Int, _ p: Int) {
        let v = c.column(k)[p]
        switch c.kinds[k] {
        case 0:
            sqlite3_result_int64(ctx, v)
        case 2:
            sqlite3_result_text(ctx, c.labels[k][Int(v)], -1, transient)
        default:
            var bytes = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
            withUnsafeMutableBytes(of: &bytes) { b in
                let ptr = b.baseAddress!.assumingMemoryBound(to: UInt8.self)
                DayText.write(Int32(v), into: ptr)
                sqlite3_result_text(ctx, UnsafeRawPointer(ptr).assumingMemoryBound(to: CChar.self), 10, transient)
            }
        }
    }

    // MARK: The module

    /// What a cursor walks: the positions of the clients that have a row.
    final class Cursor {
        var columns: ClientColumns?
        /// The id the columns were asked for (the hidden column).
        var id: Int64 = 0
        var rows: [Int32] = []
        var row = 0
    }

    private static let vtabSize = MemoryLayout<sqlite3_vtab>.stride
    private static let cursorSize = MemoryLayout<sqlite3_vtab_cursor>.stride

    private static func cursor(_ c: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> Cursor {
        Unmanaged<Cursor>.fromOpaque(UnsafeMutableRawPointer(c).load(fromByteOffset: cursorSize, as: UnsafeRawPointer.self)).takeUnretainedValue()
    }

    private static func fail(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ message: String) -> Int32 {
        guard let vtab else { return SQLITE_ERROR }
        if let old = vtab.pointee.zErrMsg { sqlite3_free(old) }
        let bytes = Array(message.utf8) + [0]
        let p = sqlite3_malloc(Int32(bytes.count))!.assumingMemoryBound(to: CChar.self)
        bytes.withUnsafeBufferPointer { b in
            for (i, x) in b.enumerated() { p[i] = CChar(bitPattern: x) }
        }
        vtab.pointee.zErrMsg = p
        return SQLITE_ERROR
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The module's C struct: made once, never changed afterwards, read by SQLite from any
    /// connection's thread.
    struct Module: @unchecked Sendable { let pointer: UnsafeMutablePointer<sqlite3_module> }

    static let module = Module(pointer: {
        let m = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        m.initialize(to: sqlite3_module())
        m.pointee.iVersion = 1
        // xCreate nil: eponymous-only, usable as a table-valued function without CREATE.
        m.pointee.xConnect = { db, aux, _, _, ppVTab, _ in
            let rc = sqlite3_declare_vtab(db, "CREATE TABLE x(client_id INTEGER, c0, c1, c2, c3, columns_id HIDDEN)")
            if rc != SQLITE_OK { return rc }
            // The table's struct, then the registry (the module's user data, unretained: the
            // module's registration holds it longer than any table of the connection).
            let raw = UnsafeMutableRawPointer.allocate(byteCount: vtabSize + MemoryLayout<UnsafeMutableRawPointer?>.stride, alignment: 16)
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: vtabSize)
            raw.storeBytes(of: aux, toByteOffset: vtabSize, as: UnsafeMutableRawPointer?.self)
            ppVTab?.pointee = raw.assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        m.pointee.xDisconnect = { vtab in
            if let vtab {
                if let msg = vtab.pointee.zErrMsg { sqlite3_free(msg) }
                UnsafeMutableRawPointer(vtab).deallocate()
            }
            return SQLITE_OK
        }
        m.pointee.xBestIndex = { vtab, info in
            guard let vtab, let info else { return SQLITE_ERROR }
            _ = vtab
            var found = false
            for i in 0..<Int(info.pointee.nConstraint) {
                let c = info.pointee.aConstraint[i]
                guard c.iColumn == width + 1, !found, c.usable != 0, Int32(c.op) == SQLITE_INDEX_CONSTRAINT_EQ else { continue }
                found = true
                info.pointee.aConstraintUsage[i].argvIndex = 1
                info.pointee.aConstraintUsage[i].omit = 1
            }
            // The id is required: a plan without it is not a plan.
            if !found { return SQLITE_CONSTRAINT }
            info.pointee.estimatedCost = 1000
            info.pointee.estimatedRows = 100_000
            return SQLITE_OK
        }
        m.pointee.xOpen = { vtab, ppCursor in
            guard let vtab else { return SQLITE_ERROR }
            let raw = UnsafeMutableRawPointer.allocate(byteCount: cursorSize + MemoryLayout<UnsafeRawPointer>.stride, alignment: 16)
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: cursorSize)
            _ = vtab
            let state = Unmanaged.passRetained(Cursor())
            raw.storeBytes(of: UnsafeRawPointer(state.toOpaque()), toByteOffset: cursorSize, as: UnsafeRawPointer.self)
            ppCursor?.pointee = raw.assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        m.pointee.xClose = { c in
            guard let c else { return SQLITE_OK }
            let p = UnsafeMutableRawPointer(c).load(fromByteOffset: cursorSize, as: UnsafeRawPointer.self)
            Unmanaged<Cursor>.fromOpaque(p).release()
            UnsafeMutableRawPointer(c).deallocate()
            return SQLITE_OK
        }
        m.pointee.xFilter = { c, _, _, argc, argv in
            guard let c, let argv, argc == 1 else { return SQLITE_ERROR }
            let state = cursor(c)
            let aux = c.pointee.pVtab.map { UnsafeMutableRawPointer($0).load(fromByteOffset: vtabSize, as: UnsafeMutableRawPointer?.self) } ?? nil
            guard let columns = FactsTable.registry(at: aux)?.columns(id: sqlite3_value_int64(argv[0])) else {
                return fail(c.pointee.pVtab, "the order facts this query was planned on are gone; run it again")
            }
            state.columns = columns
            state.id = sqlite3_value_int64(argv[0])
            state.rows = (0..<columns.fast.count).compactMap { columns.has($0) ? Int32($0) : nil }
            state.row = 0
            return SQLITE_OK
        }
        m.pointee.xNext = { c in
            guard let c else { return SQLITE_ERROR }
            cursor(c).row += 1
            return SQLITE_OK
        }
        m.pointee.xEof = { c in
            guard let c else { return 1 }
            let s = cursor(c)
            return s.row >= s.rows.count ? 1 : 0
        }
        m.pointee.xRowid = { c, rowid in
            guard let c else { return SQLITE_ERROR }
            rowid?.pointee = Int64(cursor(c).row)
            return SQLITE_OK
        }
        m.pointee.xColumn = { c, ctx, column in
            guard let c else { return SQLITE_ERROR }
            let s = cursor(c)
            guard let columns = s.columns else { sqlite3_result_null(ctx); return SQLITE_OK }
            let p = Int(s.rows[s.row])
            switch column {
            case 0: sqlite3_result_int64(ctx, columns.clients.ids[p])
            case width + 1: sqlite3_result_int64(ctx, s.id)
            default:
                let k = Int(column) - 1
                if k < columns.names.count { value(ctx, columns.fast, k, p) } else { sqlite3_result_null(ctx) }
            }
            return SQLITE_OK
        }
        return m
    }())
}
