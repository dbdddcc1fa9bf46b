import Foundation
import ClienteleInterchange
import ClienteleCore

/// The embeddable engine: opens nothing itself, runs source text against a store.
///
/// ```swift
/// let store = try Store(path: "clientele.sqlite")
/// let engine = Engine(store: store)
/// for output in try engine.run("clients | where region == \"North\" | count") {
///     print(Renderer().render(output), terminator: "")
/// }
/// ```
/// A script is checked completely before anything runs, then runs in one transaction:
/// if any statement fails, nothing it did remains.
///
/// An engine may be shared between threads and tasks (its session and its list of running
/// scripts are behind a lock); see `EngineRun.swift` for `async` runs and `RunHandle`.
public final class Engine: Sendable {
    /// The store the engine runs against (an engine made with `Engine(store:)`, the only
    /// public way to make one, always has it).
    ///
    /// ```swift
    /// print(engine.store.path)
    /// ```
    public var store: Store {
        guard let sqliteStore else {
            preconditionFailure("engine.store asked of an engine made with Engine(backend:): use sqliteStore")
        }
        return sqliteStore
    }
    /// The SQLite store, or nil when the engine runs on another backend (the `clientele`
    /// program's PostgreSQL team store, through `Engine(backend:)`): what the program asks
    /// before anything SQLite-only (the order facts in memory).
    package let sqliteStore: Store?
    /// Where the store is, for banners and messages: the file's path, or a server's
    /// address without its password.
    ///
    /// ```swift
    /// print("clientele on \(engine.location)")
    /// ```
    public var location: String { backend.location }
    /// True when the store cannot be written (asked for, or the file cannot be written).
    ///
    /// ```swift
    /// if engine.isReadOnly { disableEditing() }
    /// ```
    public var isReadOnly: Bool { backend.isReadOnly }
    /// The session's settings, lets and parameters, as the last committed script left them.
    public var session: Session {
        get { state.withLock { $0.session } }
        set { state.withLock { $0.session = newValue } }
    }
    /// The objects and functions of this engine's language (see `register(function:)`).
    package var catalog: Catalog { state.withLock { $0.catalog } }
    /// Hooks for tests (`onCheck`), copied into each run's own interruption. Never requested
    /// itself: `interrupt()` stops the runs in `state.running`.
    let interruption = Interruption()
    /// The store as the engine sees it: everything below a run goes through this protocol.
    let backend: any StorageBackend
    /// The store's SQL dialect: the planner prints its statements with it.
    var dialect: SQLDialect { backend.dialect }
    /// How the planner computes (never what): per engine, tests compare the ways.
    package var plannerOptions: PlannerOptions {
        get { state.withLock { $0.plannerOptions } }
        set { state.withLock { $0.plannerOptions = newValue } }
    }
    /// What changes while the engine is shared: the session, the catalog, the runs in progress.
    let state: EngineState
    /// The period's order lines the last what-if evaluation read, for the next one.
    let policyLines = PolicyLinesCache()
    /// The cache to hand a what-if evaluation: none when the store's facts cache is off
    /// (`--cache off` bypasses everything kept in memory).
    var whatIfLines: PolicyLinesCache? {
        if let sqliteStore, sqliteStore.facts.currentMode == .off { policyLines.clear(); return nil }
        policyLines.files = sqliteStore?.facts.persisted
        return policyLines
    }

    /// An engine on `store`, with a session (today's date, the default period, parameters).
    ///
    /// ```swift
    /// let engine = Engine(store: try Store(path: "clientele.sqlite"), session: Session(today: .today()))
    /// ```
    public init(store: Store, session: Session = Session()) {
        self.sqliteStore = store
        self.backend = store
        self.state = EngineState(session: session)
    }

    /// An engine whose scripts run through `backend` rather than the store's own
    /// transactions (tests: a backend with only what the protocol requires).
    package init(store: Store, backend: any StorageBackend, session: Session = Session()) {
        self.sqliteStore = store
        self.backend = backend
        self.state = EngineState(session: session)
    }

    /// An engine on any store behind the storage protocols (the CLI's PostgreSQL team
    /// store); `sqliteStore` is the backend when it is an SQLite `Store`, else nil, and
    /// `store` must not be asked.
    package init(backend: any StorageBackend, session: Session = Session()) {
        self.sqliteStore = backend as? Store
        self.backend = backend
        self.state = EngineState(session: session)
    }

    /// Parses and checks without running. Empty when the script is valid.
    ///
    /// ```swift
    /// let problems = engine.check(editor.text)   // [] when the script would run
    /// ```
    public func check(_ source: String, origin: String = "<input>") -> [Diagnostic] {
        do {
            _ = try prepare(source, origin: origin)
            return []
        } catch let f as CheckFailure {
            return f.diagnostics
        } catch {
            return [Diagnostic(message: "\(error)", span: SourceSpan(line: 1, column: 1, length: 1, offset: 0))]
        }
    }

    /// Runs a script, handing outputs to `sink` as they are produced: table rows one at a
    /// time, straight from the SQLite cursor, so memory stays bounded however many rows a
    /// query returns. Output already handed over stays printed if a later statement
    /// fails; the store is still rolled back. `interruption` is this run's own (RunHandle):
    /// cancelling it stops this script and no other.
    func execute(_ source: String, origin: String, into sink: OutputSink, interruption: Interruption) throws {
        interruption.onCheck = interruption.onCheck ?? self.interruption.onCheck
        state.withLock { $0.running.append(interruption) }
        defer { state.withLock { $0.running.removeAll { $0 === interruption } } }
        let (statements, spans) = try prepare(source, origin: origin)
        let mutates = statements.contains { $0.mutates }
        let hostFunctions = catalog.hostFunctions
        // A script that changes the store holds its output back until it commits, where the
        // store may run it again after a conflict (ConflictRetry.swift).
        try retryingConflicts(sink, holding: mutates) { sink in
            var interpreter = Interpreter(engine: self, session: session)
            interpreter.origin = origin
            let files = StagedFiles(storePath: backend.filePath)
            interpreter.files = files
            var index = 0
            /// When the script's statements ended (`CLIENTELE_IMPORT_PROFILE`: the commit's time).
            var bodyEnded = 0.0
            do {
                let backend = self.backend
                let body: (any StoreTransaction) throws -> Void = { [interruption] tx in
                    // A store that cannot call Swift refuses only the statements that call one.
                    do { try HostFunctions.install(hostFunctions, in: tx) } catch let e as StoreError { interpreter.swiftFunctionsRefused = e }
                    try backend.watching(interruption, in: tx) {
                        for (i, s) in statements.enumerated() {
                            index = i
                            try Interruption.check(.statement)
                            try interpreter.execute(s, in: tx, sink: sink)
                            // A pass whose error fell back to another way may have swallowed it.
                            try Interruption.check(.statement)
                        }
                    }
                    // The host writes what it held back while the transaction can still roll back.
                    try sink.willCommit()
                    if ImportProfile.enabled { bodyEnded = ImportProfile.now() }
                }
                // The session's own setting values, laid over the store's for this run.
                try SettingsOverlay.$current.withValue(SettingsOverlay(interpreter.session.settings)) {
                    if mutates { try backend.writeTransaction(body) } else { try backend.readTransaction(body) }
                }
                if ImportProfile.enabled && mutates {
                    ImportProfile.note("commit (SQLite: with its checkpoint of the WAL into the store)", ImportProfile.now() - bodyEnded)
                }
            } catch {
                files.discard()
                throw ExecutionFailure(error: backend.storeError(error) ?? error, span: spans[index], source: source, origin: origin,
                                       statements: spans)
            }
            state.withLock {
                if mutates { $0.committedScripts += 1 }
                $0.session = interpreter.session
            }
            // Exports and rejects files get their names only now that the transaction committed.
            try files.commit()
        }
    }

    /// How many scripts that change the store have committed through this engine (an init
    /// file's changes are reported apart from the script's).
    package var committedScripts: Int { state.withLock { $0.committedScripts } }

    /// The store's currency code (the `currency` setting), for renderers.
    ///
    /// ```swift
    /// let options = RenderOptions(currency: engine.currency)   // "RUB"
    /// ```
    public var currency: String {
        if let code = session.settings["currency"] { return code }
        let code = try? backend.readTransaction { try $0.fetchOne("SELECT value FROM settings WHERE key = 'currency'")?.first?.string }
        return code.flatMap { $0 } ?? ""
    }

    /// Stops the scripts this engine is running, from another thread (Ctrl-C in the REPL):
    /// the statement running now and every later one of the same script, SQL or Swift.
    /// Other engines on the same store go on; to stop one run of several, cancel its
    /// `RunHandle` instead.
    ///
    /// ```swift
    /// signal.setEventHandler { engine.interrupt() }   // Ctrl-C
    /// ```
    public func interrupt() {
        for run in state.withLock({ $0.running }) { run.request() }
    }

    func prepare(_ source: String, origin: String) throws -> ([CheckedStatement], [SourceSpan]) {
        if source.contains("\u{0}") {
            throw CheckFailure(diagnostics: [Diagnostic(message: "the script contains a NUL byte; is it a binary file?",
                                                        span: Engine.span(of: "\u{0}", in: source))], source: source, origin: origin)
        }
        var (script, diagnostics) = Parser.parse(source)
        // SQL typed by habit: one diagnostic with the pipeline instead of the parser's confusion.
        let sqlLines = diagnostics.isEmpty ? [] : SQLHint.diagnostics(source)
        if !sqlLines.isEmpty {
            let lines = Set(sqlLines.map(\.span.line))
            diagnostics = (sqlLines + diagnostics.filter { !lines.contains($0.span.line) }).sorted { $0.span.offset < $1.span.offset }
        }
        // include "file": its statements come first, checked and run with the rest.
        var included: [StatementSyntax] = []
        var remaining: [StatementSyntax] = []
        for s in script.statements {
            if case .include(let path, let span) = s {
                if !remaining.isEmpty {
                    diagnostics.append(Diagnostic(message: "include must come before other statements", span: span))
                    continue
                }
                let full = Engine.resolve(path, relativeTo: origin)
                guard let text = TextFile.read(full) else {
                    diagnostics.append(Diagnostic(message: "cannot read included file '\(path)': \(TextFile.unreadable(full))", span: span))
                    continue
                }
                let (inner, innerDiagnostics) = Parser.parse(text)
                if !innerDiagnostics.isEmpty { throw CheckFailure(diagnostics: innerDiagnostics, source: text, origin: full) }
                if inner.statements.contains(where: { if case .include = $0 { return true } else { return false } }) {
                    diagnostics.append(Diagnostic(message: "an included file cannot include others", span: span))
                }
                included.append(contentsOf: inner.statements)
            } else {
                remaining.append(s)
            }
        }
        script.statements = included + remaining
        let settings = try backend.readTransaction { try $0.loadSettings() }
        var checker = Checker(catalog: catalog, storeSettings: settings.types, lets: session.lets,
                              params: session.parameters, readOnly: backend.isReadOnly)
        checker.readOnlyReason = backend.readOnlyReason
        checker.policyNames = try backend.readTransaction { try PolicyNames.load($0) }
        let checked = checker.check(script)
        diagnostics += checker.diagnostics
        if !diagnostics.isEmpty {
            throw CheckFailure(diagnostics: diagnostics.sorted { ($0.span.line, $0.span.column) < ($1.span.line, $1.span.column) },
                               source: source, origin: origin)
        }
        return (checked, script.statements.map(\.span))
    }

    /// Why a script file cannot be read, in the user's terms.

    /// The checked form of a single query (for tests and tools inside the library).
    func checkedPipeline(_ source: String) throws -> CheckedPipeline {
        let (statements, _) = try prepare(source, origin: "<query>")
        guard statements.count == 1, case .query(let p, _) = statements[0] else {
            throw RuntimeError.message("expected one query")
        }
        return p
    }

    static func resolve(_ path: String, relativeTo origin: String) -> String {
        if path.hasPrefix("/") || origin.hasPrefix("<") { return path }
        return URL(fileURLWithPath: origin).deletingLastPathComponent().appendingPathComponent(path).path
    }

    static func span(of needle: Character, in source: String) -> SourceSpan {
        var line = 1, column = 1, offset = 0
        for c in source {
            if c == needle { break }
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            offset += 1
        }
        return SourceSpan(line: line, column: column, length: 1, offset: offset)
    }
}

/// A statement failed while running; the transaction was rolled back.
package struct ExecutionFailure: Error, CustomStringConvertible {
    package var message: String
    package var span: SourceSpan
    package var source: String
    package var origin: String
    /// What kind of failure it was, for `ClienteleError`.
    var kind: ClienteleError.Kind
    /// Another session changed the same rows at the same time: the script may run again.
    var isConflict = false

    /// `statements`: the script's statement spans, given to narrow the caret to the part
    /// of the failing statement the message is about (FailurePlace).
    init(error: Error, span: SourceSpan, source: String, origin: String, statements: [SourceSpan]? = nil) {
        self.source = source; self.origin = origin
        let message = ExecutionFailure.explain(error)
        self.message = message
        if let statements {
            self.span = FailurePlace.narrow(span, message: message, source: source, statements: statements)
        } else {
            self.span = span
        }
        self.kind = ExecutionFailure.kind(of: error)
        self.isConflict = (error as? StoreError)?.kind == .conflict
    }

    static func explain(_ error: Error) -> String {
        guard let e = error as? StoreError else {
            if let e = error as? ClienteleError { return e.message }
            return "\(error)"
        }
        switch e.kind {
        case .interrupted: return "interrupted; nothing was changed"
        case .busy: return "the store is busy: another program is writing to it; try again in a moment"
        case .conflict: return "another session changed the same data at the same time; nothing was changed: run the script again"
        case .readOnly: return "the store cannot be written (read-only file or --read-only)"
        case .diskFull: return "the disk is full; nothing was changed"
        case .constraint: return e.message
        case .other:
            let m = e.message
            if m.contains("division by zero") { return "division by zero" }
            if m.contains("integer overflow") { return "a number became too large (integer overflow)" }
            if m.contains("parser stack overflow") || m.contains("maximum depth") || m.contains("too many") {
                return "this query is too complex for SQLite to run (\(m)); use fewer stages, columns or conditions"
            }
            return m
        }
    }

    package var description: String { rendered() }
    package func rendered() -> String {
        Diagnostic(message: message, span: span).rendered(source: source, origin: origin) + "nothing was changed by this script.\n"
    }
}
