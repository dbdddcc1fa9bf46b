import Foundation
import ClienteleCore
import ClienteleInterchange

extension CheckedStatement {
    /// Whether running it writes to the store (so the script needs a write transaction).
    var mutates: Bool {
        switch self {
        case .setStore, .reset, .add, .update, .delete: return true
        case .importFile(_, _, let options):
            return !options.contains { if case .dryRun = $0 { return true } else { return false } }
        case .policy(let p): return p.mutates
        case .access(let command): return command.mutates
        case .exportResult(let inner, _, _): return inner.mutates
        default: return false
        }
    }
}

/// Runs checked statements inside the script's transaction.
struct Interpreter {
    let engine: Engine
    var session: Session
    /// The script's file (or `<input>`): relative file names in import, export are resolved against it.
    var origin = "<input>"
    /// Files the script writes, put in place only when its transaction commits.
    var files = StagedFiles(storePath: nil)

    /// Where the statement running computes its per-client measures in Swift (made by the
    /// store for each statement; its columns go when the statement ends); nil: SQL.
    var measures: (any MeasureSource)?
    /// Why the store refused the engine's functions computed in Swift, if it did.
    var swiftFunctionsRefused: StoreError?

    func context(_ tx: any StoreTransaction) throws -> SQLContext {
        let context = try SQLContext(dialect: engine.dialect, today: session.today, defaultPeriod: session.period,
                                     settings: try tx.effectiveSettings()).usePaymentFacts(try paymentFactsAreCurrent(tx))
        context.models = ClientModelFits(context: context, tx: tx)
        context.yoDistinct = session.yoDistinct
        context.monthNames = session.months
        return attachFacts(context)
    }

    /// The store's answer, asked before planning: may the planner read the payment facts
    /// kept on orders for the session's today?
    func paymentFactsAreCurrent(_ tx: any StoreTransaction) throws -> Bool {
        try tx.paymentFactsAreCurrent(today: session.today)
    }

    /// Gives a context the statement's measure source and the engine's planner options.
    @discardableResult
    func attachFacts(_ context: SQLContext) -> SQLContext {
        context.groupsInMemory = engine.plannerOptions.groupsInMemory
        context.measures = measures
        context.swiftFunctionsRefused = swiftFunctionsRefused
        return context
    }

    /// Runs one statement with a fresh measure source; when the source cannot compute what
    /// the plan asked of it (an overflow, a date out of the calendar), plans and runs the
    /// statement again without it, so SQL computes the measures (and reports the problem).
    /// Nothing ran yet when that happens: measures are computed before any SQL reads them.
    mutating func execute(_ statement: CheckedStatement, in tx: any StoreTransaction, sink: OutputSink) throws {
        measures = try engine.backend.measureSource(in: tx)
        defer { measures = nil }
        do {
            try executeOnce(statement, in: tx, sink: sink)
        } catch is MeasuresUnavailable {
            measures = nil
            try Interruption.check(.statement)
            try executeOnce(statement, in: tx, sink: sink)
        }
    }

    private mutating func executeOnce(_ statement: CheckedStatement, in tx: any StoreTransaction, sink: OutputSink) throws {
        if case .query(let p, _) = statement, p.shape == .table {
            let compiled = try PipelineCompiler(context: try context(tx)).compile(p)
            try ResultReader.stream(compiled, in: tx, into: sink)
            for note in compiled.context.modelNotes { try sink.emit(.message(note)) }
            if let note = sessionSettingsNote(p) { try sink.emit(note) }
            return
        }
        for output in try execute(statement, in: tx) { try sink.emit(output) }
    }

    mutating func execute(_ statement: CheckedStatement, in tx: any StoreTransaction) throws -> [Output] {
        switch statement {
        case .query(let p, _):
            let compiled = try PipelineCompiler(context: try context(tx)).compile(p)
            return [try query(p, compiled: compiled, in: tx)] + compiled.context.modelNotes.map { .message($0) } + [sessionSettingsNote(p)].compactMap { $0 }
        case .explain(let p):
            let compiled = try PipelineCompiler(context: try context(tx)).compile(p)
            var text = compiled.sql + "\n"
            if let computed = compiled.context.computedColumns {
                text = "-- computed per client in Swift from \(computed.source): "
                    + computed.tables.map { "\((try? compiled.context.text($0.placeholder)) ?? "") \($0.key)" }.joined(separator: "; ") + "\n" + text
            }
            if let g = compiled.grouping {
                let keys = g.textKeys.count == 1 ? "first column" : "first \(g.textKeys.count) columns"
                text = "-- grouped in memory: the rows below are grouped by their \(keys) in a hash table, not sorted by SQLite\n" + text
            }
            let bound = compiled.context.boundInOrder
            if !bound.isEmpty {
                text += "-- parameters:\n" + bound.map { "--   :\($0.0) = \($0.1.type == .text || $0.1.type == .date ? "'\($0.1.plain)'" : SQLContext.sqlValue($0.1).description)" }.joined(separator: "\n") + "\n"
            }
            return [.message(text)]
        case .letBinding(let name, let p):
            session.lets[name] = p
            return []
        case .setSession(_, let value):
            switch value {
            case .period(let p):
                session.period = p
                return [.message("period = \(p.text) (\(p.resolve(today: session.today)))")]
            case .date(let d):
                session.today = d
                return [.message("today = \(d.iso)")]
            case .yoDistinct(let distinct):
                session.yoDistinct = distinct
                return [.message(distinct ? "yo = distinct: ==, ~ and ~= tell е and ё apart, for this session"
                                          : "yo = same: ==, ~ and ~= take е and ё for one letter, for this session")]
            case .months(let names):
                session.months = names
                return [.message(names == .iso
                    ? "months = iso: months show as 2025-03, for this session"
                    : "months = \(names.rawValue): months show as \(names.name(of: "2025-03")!) in tables, charts and reports, "
                      + "for this session; CSV, JSON and xlsx keep 2025-03")]
            }
        case .setSessionSetting(let key, let value):
            let before = try tx.effectiveSettings().values[key]?.value ?? ""
            let stored = try tx.loadSettings().values[key]?.value ?? ""
            session.settings[key] = value.plain
            SettingsOverlay.current?.values[key] = value.plain
            try refuseContradictions(changed: key, in: tx)
            return [.message("\(key) = \(value.plain) (was \(before)) for this session only; the store keeps \(stored) for everyone "
                             + "(set stored \(key) = \(value.plain) saves it there)")]
        case .setStore(let key, let value, _):
            session.settings[key] = nil
            SettingsOverlay.current?.values[key] = nil
            let old = try tx.fetchOne("SELECT value FROM settings WHERE key = ?", .positional([.text(key)]))?.first?.string ?? ""
            let text = value.plain
            try tx.execute("UPDATE settings SET value = ? WHERE key = ?", .positional([.text(text), .text(key)]))
            try refuseContradictions(changed: key, in: tx)
            // A stored setting changes every session on the store: the message says so.
            return [.message("\(key) = \(text) (was \(old)), saved in the store for everyone")]
        case .resetSession(let key):
            return [.message(try resetSession(key, in: tx))]
        case .reset(let key):
            if let key {
                session.settings[key] = nil
                SettingsOverlay.current?.values[key] = nil
            } else {
                session.settings = [:]
                SettingsOverlay.current?.values = [:]
            }
            if let key {
                try tx.execute("UPDATE settings SET value = default_value WHERE key = ?", .positional([.text(key)]))
                try refuseContradictions(changed: key, in: tx)
                let v = try tx.fetchOne("SELECT value FROM settings WHERE key = ?", .positional([.text(key)]))?.first?.string ?? ""
                return [.message("\(key) = \(v) (the default), saved in the store for everyone")]
            }
            try tx.execute("UPDATE settings SET value = default_value WHERE value <> default_value")
            let changed = tx.changes
            return [.message("\(changed) setting\(changed == 1 ? "" : "s") restored to the defaults in the store, for everyone")]
        case .add(let object, let assignments, let override):
            return [try Mutations(interpreter: self).add(object, assignments, override: override, in: tx)]
        case .update(let p, let assignments):
            return [try Mutations(interpreter: self).update(p, assignments, in: tx)]
        case .delete(let p):
            return [try Mutations(interpreter: self).delete(p, in: tx)]
        case .describe(let object):
            return [Describe.output(object, catalog: engine.catalog)]
        case .help(let topic):
            return [.message(HelpText.text(for: topic, catalog: engine.catalog))]
        case .importFile(let path, let target, let options):
            // Orders imported are history: the first-deal terms their first shipments broke are
            // reported, not enforced (FirstDealTerms).
            let before = target == "orders" ? try tx.fetchOne("SELECT max(id) FROM orders")?.first?.int64 ?? 0 : nil
            let output = try FileCommands.importFile(path: path, target: target, options: options, origin: origin, in: tx, files: files)
            if let before, case .message(let text) = output {
                let started = ImportProfile.now()
                let found = try FirstDealTerms(interpreter: self, context: try context(tx), tx: tx).importedViolations(after: before)
                ImportProfile.note("the first-deal report on the new orders", ImportProfile.now() - started)
                return [.message(text + found)]
            }
            return [output]
        case .export(let p, let path, let options):
            guard case .table(let table) = try query(p, in: tx) else { return [] }
            return [try FileCommands.export(table, path: path, options: options, origin: origin, files: files, currency: storeCurrency(tx))]
        case .exportResult(let inner, let path, let options):
            // The command's first table (segment: the distribution; movement: the matrix;
            // compare: the metrics; sweep: its rows); its other outputs are not written.
            let outputs = try execute(inner, in: tx)
            guard let table = outputs.lazy.compactMap({ if case .table(let t) = $0 { return t } else { return nil } }).first else {
                throw RuntimeError.message("this command gave no table to export")
            }
            return [try FileCommands.export(table, path: path, options: options, origin: origin, files: files, currency: storeCurrency(tx),
                                            outputs: outputs)]
        case .segment(let command):
            return try SegmentCommand(interpreter: self).run(command, in: tx)
        case .movement(let command):
            return try MovementCommand(interpreter: self).run(command, in: tx)
        case .checkShipment(let command):
            return [try ShipmentCheck(interpreter: self).run(command, in: tx)]
        case .model(let command):
            return try ModelCommands(interpreter: self).run(command, in: tx)
        case .policy(let p):
            return try PolicyCommands(interpreter: self).execute(p, in: tx)
        case .access(let command):
            return [try AccessCommands(interpreter: self).run(command, in: tx)]
        }
    }

    /// Settings that must agree (abc.b_min ≤ abc.a_min...) are checked against the store's
    /// other values after a change; the script's transaction undoes a refused one.
    func refuseContradictions(changed key: String, in tx: any StoreTransaction) throws {
        if let problem = SettingRules.contradiction(in: try tx.effectiveSettings(), changed: [key]) {
            throw RuntimeError.message("\(problem); change the other setting first")
        }
    }

    /// The store's currency, for the money formats of an export (empty when unset).
    func storeCurrency(_ tx: any StoreTransaction) -> String {
        (try? tx.effectiveSettings())?.values["currency"]?.value ?? ""
    }

    /// The result of a pipeline, planned in `context` (default: the session's); `rows`
    /// registers, in that context, the rows of a command's result that the pipeline reads
    /// (`compare ... clients | ...`).
    func query(_ p: CheckedPipeline, in tx: any StoreTransaction, context given: SQLContext? = nil,
               rows: (SQLContext) -> Void = { _ in }) throws -> Output {
        let context = try given ?? context(tx)
        rows(context)
        return try query(p, compiled: try PipelineCompiler(context: context).compile(p), in: tx)
    }

    func query(_ p: CheckedPipeline, compiled: CompiledQuery, in tx: any StoreTransaction) throws -> Output {
        let table = try ResultReader.read(compiled, in: tx)
        switch p.shape {
        case .count:
            return .scalar(name: "count", value: table.rows.first?.first ?? .integer(0))
        case .chart:
            return .chart(title: "\(table.columns[1].name) by \(table.columns[0].name)",
                          labels: table.rows.map { Interpreter.label($0[0], table.columns[0]) },
                          values: table.rows.map { $0[1] })
        case .table:
            return .table(table)
        case .lineChart:
            return .lineChart(title: "\(table.columns[1].name) by \(table.columns[0].name)",
                              labels: table.rows.map { Interpreter.label($0[0], table.columns[0]) },
                              values: table.rows.map { $0[1] })
        case .pivot:
            guard case .pivot(let spec)? = p.stages.last else { return .table(table) }
            return .table(try Pivot.table(table, spec, columnLabels: p.columns[spec.columnKey].labels))
        }
    }
}

extension Interpreter {
    /// A chart's label: the value as text, a month by name when the session says so
    /// (a chart is for people: its labels are named in every format).
    static func label(_ value: Value, _ column: Column) -> String {
        if value.isNull { return "(none)" }
        if case .monthNames(let names) = column.display, case .text(let s) = value, let name = names.name(of: s) { return name }
        return value.plain
    }
}

/// Reads typed rows of a compiled query.
enum ResultReader {
    static func read(_ q: CompiledQuery, in tx: any StoreTransaction) throws -> Table {
        let sink = CollectingSink()
        try stream(q, in: tx, into: sink)
        guard case .table(let table)? = sink.outputs.first else { return Table(columns: [], rows: []) }
        return table
    }

    static func columns(_ q: CompiledQuery) -> [Column] {
        q.columns.map {
            Column(name: $0.name, type: $0.type == .label ? .text : $0.type,
                   display: $0.monthBucket && q.context.monthNames != .iso ? .monthNames(q.context.monthNames) : .plain)
        }
    }

    static func stream(_ q: CompiledQuery, in tx: any StoreTransaction, into sink: OutputSink) throws {
        try q.context.computeMeasures()
        if let grouping = q.grouping {
            let rows = try grouping.rows(q, in: tx)
            try sink.beginTable(columns(q))
            for row in rows { try sink.row(try typed(row, q)) }
            try sink.endTable()
            return
        }
        try sink.beginTable(columns(q))
        try tx.stream(q.sql, q.arguments) { cells in try sink.row(try typed(cells, q)) }
        try sink.endTable()
    }

    static func typed(_ cells: [SQLValue], _ q: CompiledQuery) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(q.columns.count)
        for (cell, c) in zip(cells, q.columns) {
            // SQLite turns an integer overflow into a float; exact types never accept one. The
            // same sentence as an overflow the store itself refuses (PostgreSQL's bigint, SQLite's
            // SUM), which cannot say which column it was in.
            if case .real = cell, [.integer, .money, .percent, .decimal].contains(c.type) {
                throw StoreError(.other, "integer overflow")
            }
            values.append(value(cell, type: c.type))
        }
        return values
    }

    static func value(_ cell: SQLValue, type: ValueType) -> Value {
        if cell.isNull { return .null }
        switch type {
        case .integer: return integer(cell).map { .integer($0) } ?? .null
        case .money: return integer(cell).map { .money(Money(minorUnits: $0)) } ?? .null
        case .percent: return integer(cell).map { .percent(Percent(basisPoints: $0)) } ?? .null
        case .decimal: return integer(cell).map { .decimal(Decimal($0) / 100) } ?? .null
        case .date: return text(cell).flatMap(CalendarDate.init(iso:)).map { .date($0) } ?? .null
        case .boolean: return integer(cell).map { .boolean($0 != 0) } ?? .null
        case .text, .label, .null: return .text(text(cell) ?? cell.description)
        }
    }

    /// An integer cell; a real one truncated when it fits; text is not read as a number.
    static func integer(_ cell: SQLValue) -> Int64? {
        switch cell {
        case .integer(let i): return i
        case .real(let d): return d >= Double(Int64.min) && d < Double(Int64.max) ? Int64(d) : nil
        case .null, .text, .blob: return nil
        }
    }

    /// A text cell, or a blob's bytes when they are UTF-8 (as SQLite reads a blob as text).
    static func text(_ cell: SQLValue) -> String? {
        switch cell {
        case .text(let s): return s
        case .blob(let b): return String(bytes: b, encoding: .utf8)
        case .null, .integer, .real: return nil
        }
    }
}
