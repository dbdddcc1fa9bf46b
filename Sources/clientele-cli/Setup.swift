import Clientele
import ClienteleInterchange
import Dispatch
import Foundation

/// Turns the command line into a ready shell: store, engine, parameters, output, init file.
enum Setup {
    static func shell(storePath: String, options: RunOptions, interactive: Bool) throws -> Shell {
        let initPath = options.noInit ? nil : try initFile(options.initFile)
        let today = try todayOption(options.today)
        let engine: Engine
        if StoreArgument.isServer(storePath) {
            let server = try StoreArgument.openServer(storePath, readOnly: options.readOnly)
            if options.cache != .auto {
                Diagnostics.line("clientele: note: --cache is for SQLite stores; on a PostgreSQL store the server computes every measure")
            }
            engine = Engine(backend: server)
        } else {
            if !interactive && !options.readOnly { try refuseMissingStore(storePath) }
            let store = try openStore(storePath, readOnly: options.readOnly, concurrentReads: interactive, interactive: interactive)
            store.facts.currentMode = options.cache.mode
            if options.cache != .off {
                // The persisted order columns (issue 23): read when valid, written after the
                // questions of a batch run, in the background in the REPL.
                store.facts.persisted = ColumnStore(storePath: store.path, readOnly: store.readOnly, residentBytes: interactive ? ColumnMapping.defaultResidentBytes : 0)
                store.facts.interactiveSaves = interactive
            }
            if interactive && options.cache != .off { store.facts.warmInBackground() }
            engine = Engine(store: store)
        }
        if let today { engine.session.today = today }
        for (name, value) in options.parameterValues {
            engine.session.parameters[name] = Session.parameterValue(value)
        }
        let storePath = engine.sqliteStore?.path
        let sink = ResultDestination(storePath: storePath)
        if options.workbook || options.report, let output = options.output {
            do {
                if let storePath { try OutputPath.refuseStore(output, storePath: storePath) }
            } catch {
                Diagnostics.line("error: \(error)")
                throw Exit(.scriptFailed)
            }
        } else if let output = options.output {
            do { try sink.redirect(to: output) } catch {
                // Onto the store: refused like a script's output would be (exit 1); a file
                // that cannot be opened is a usage error (exit 2).
                if case ResultDestination.OpenError.isTheStore = error {
                    Diagnostics.line("error: \(error)")
                    throw Exit(.scriptFailed)
                }
                Diagnostics.line("clientele: \(error)")
                throw Exit(.usage)
            }
        }
        let shell = Shell(engine: engine, sink: sink, format: options.format, forcedWidth: options.width,
                          colorAllowed: !options.noColor && !Terminal.noColorRequested, interactive: interactive)
        if options.workbook, let output = options.output {
            shell.workbook = WorkbookOutput(path: output, storePath: storePath)
        }
        if options.report {
            shell.report = ReportOutput(path: options.output, storePath: storePath)
        }
        Interrupts.install(shell)
        if let initPath {
            guard let text = TextFile.read(initPath) else {
                Diagnostics.line("clientele: cannot read init file '\(initPath)': \(TextFile.unreadable(initPath))")
                throw Exit(.usage)
            }
            shell.quiet = true
            let committedBefore = engine.committedScripts
            let outcome = shell.runMixed(text, origin: initPath)
            shell.quiet = false
            // The init file runs before, and apart from, the script: say when it changed the
            // store, so that a failing script's "nothing was changed" is never misread.
            if engine.committedScripts != committedBefore {
                Diagnostics.line("clientele: the init file '\(initPath)' changed the store; its changes are saved, apart from what runs next")
            }
            if outcome == .quit { throw Exit(.ok) }
            if outcome == .failed && !interactive { throw Exit(.scriptFailed) }
        }
        return shell
    }

    /// `--today`, else `CLIENTELE_TODAY` (both checked: a date that is not one is a usage
    /// error), else nil: the machine's date.
    static func todayOption(_ flag: String?) throws -> CalendarDate? {
        let (text, source) = flag.map { ($0, "--today") } ?? (Terminal.environment("CLIENTELE_TODAY") ?? "", "CLIENTELE_TODAY")
        guard !text.isEmpty else { return nil }
        if let problem = CommonOptions.todayProblem(text, from: source) {
            Diagnostics.line("clientele: \(problem)")
            throw Exit(.usage)
        }
        return CalendarDate(iso: text)
    }

    /// A batch run (`-c`, `run`, a script on stdin) never creates a store: a mistyped path
    /// would otherwise run the script on a new empty store and print zero results. Only
    /// the REPL and `clientele init` create one.
    static func refuseMissingStore(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) != 0, errno == ENOENT else { return }
        // A missing folder: openStore says so, which `init` would not cure.
        let folder = PathText.folder(of: path)
        guard folder.isEmpty || FileManager.default.fileExists(atPath: folder) else { return }
        Diagnostics.line("clientele: no store at \(path); `clientele init \(path)` creates one")
        throw Exit(.usage)
    }

    /// Only the REPL reads beside other work (the order facts load in the background), so
    /// only it opens a pool; a script gets one connection. A file only: a PostgreSQL
    /// address goes through `StoreArgument.openServer`.
    static func openStore(_ path: String, readOnly: Bool, concurrentReads: Bool = true, interactive: Bool = false) throws -> Store {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        do {
            let store = try Store(path: path, readOnly: readOnly, concurrentReads: concurrentReads)
            if store.created {
                if interactive {
                    // The REPL: say plainly that this is a new store, not the one meant by a typo.
                    Diagnostics.line("clientele: no store at \(path), so a new, empty one was created")
                } else {
                    Diagnostics.line(size == 0 ? "clientele: created a new store in the empty file \(path)"
                                               : "clientele: created a new store at \(path)")
                }
            }
            if !store.upgradedInMemory.isEmpty {
                Diagnostics.line("clientele: note: '\(path)' was made by an older version of Clientele; read-only, its file "
                                 + "is left as it is and it is read as an upgraded copy in memory, as it was when opened "
                                 + "(open it once without --read-only to upgrade the file)")
            } else if store.isSnapshot {
                Diagnostics.line("clientele: note: '\(path)' is in a folder this program cannot write to, so it is read "
                                 + "as it was when opened: changes other programs make to it meanwhile are not seen")
            }
            return store
        } catch let e as Store.OpenError {
            Diagnostics.line("clientele: \(e)")
        } catch {
            Diagnostics.line("clientele: cannot open store '\(path)': \(error)")
        }
        throw Exit(.usage)
    }

    /// --init FILE (must exist), else the first default init file that exists.
    static func initFile(_ explicit: String?) throws -> String? {
        let fm = FileManager.default
        if let explicit {
            guard TextFile.read(explicit) != nil else {
                Diagnostics.line("clientele: cannot read init file '\(explicit)': \(TextFile.unreadable(explicit))")
                throw Exit(.usage)
            }
            return explicit
        }
        var candidates: [String] = []
        if let xdg = Terminal.environment("XDG_CONFIG_HOME"), !xdg.isEmpty { candidates.append(xdg + "/clientele/init.clq") }
        if let home = Terminal.environment("HOME"), !home.isEmpty { candidates.append(home + "/.clienteleinit") }
        return candidates.first { fm.isReadableFile(atPath: $0) }
    }

    /// Closes the output (checked, like every write) and leaves with the script's status.
    static func finish(_ shell: Shell, ok: Bool) throws {
        shell.sink.close()
        var ok = ok
        if let failure = shell.sink.takeFailure() {
            Diagnostics.line("error: \(failure)")
            ok = false
        }
        if close(STDOUT_FILENO) != 0 && errno != EBADF && errno != EINTR {
            Diagnostics.line("error: cannot write results to standard output: \(OutputPath.reason(errno: errno))")
            ok = false
        }
        // After the output is complete: bring the column file up to date for the next run
        // (only when a question needed the order facts; never in a read-only store).
        try? shell.engine.sqliteStore?.facts.persist()
        throw Exit(ok ? .ok : .scriptFailed)
    }
}

/// Ctrl-C: while a query runs, interrupt it (the engine reports "interrupted; nothing was
/// changed"); otherwise leave a batch run, and ignore it in the REPL (where the line editor
/// turns Ctrl-C into "cancel this line" itself).
enum Interrupts {
    private static var source: DispatchSourceSignal?

    static func install(_ shell: Shell) {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler { [weak shell] in
            guard let shell else { return }
            if shell.isRunning {
                shell.engine.interrupt()
            } else if !shell.interactive {
                exit(130)
            }
        }
        s.resume()
        source = s
    }
}
