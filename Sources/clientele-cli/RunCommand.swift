import ArgumentParser
import Clientele
import ClienteleInterchange
import Foundation

/// `clientele run SCRIPT...`: each file is checked as a whole, then runs in one
/// transaction; the first failing file stops the run.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run script files (.clq).",
        discussion: """
        Each script is checked completely before it runs and runs all-or-nothing; the first \
        error stops everything after it, reported as file:line:column. \
        A script can start with '#!/usr/bin/env -S clientele run'. \
        Exit codes: 0 success, 1 a script failed, 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("Script files to run, in order; a last argument that is a store (.sqlite, .db, a postgres:// address, an existing Clientele store) is the store.", valueName: "script"))
    var scripts: [String]

    @Option(name: [.customShort("s"), .long], help: ArgumentHelp("The store (default ./clientele.sqlite); it must exist: `clientele init` creates one.", valueName: "file"))
    var store: String?

    @OptionGroup var options: CommonOptions

    mutating func validate() throws {
        if scripts.isEmpty { throw ValidationError("give at least one script file") }
        if store == nil, scripts.count > 1, let last = scripts.last, RunCommand.looksLikeStore(last) {
            store = scripts.removeLast()
        }
    }

    /// `clientele run x.clq store.sqlite`: the last argument is the store when it names
    /// one: a PostgreSQL address, a .sqlite/.sqlite3/.db file, or a file that starts as an
    /// SQLite database does. A script is text, so the two are never confused.
    static func looksLikeStore(_ argument: String) -> Bool {
        if StoreArgument.isServer(argument) { return true }
        let lowered = argument.lowercased()
        if [".sqlite", ".sqlite3", ".db"].contains(where: { lowered.hasSuffix($0) }) { return true }
        guard let handle = FileHandle(forReadingAtPath: argument) else { return false }
        defer { try? handle.close() }
        return handle.readData(ofLength: 16) == Data("SQLite format 3\0".utf8)
    }

    mutating func run() throws {
        let store = self.store ?? "clientele.sqlite"
        var texts: [(path: String, text: String)] = []
        for path in scripts {
            // A regular file of at most 16 MiB: `run /dev/zero` must not read for ever.
            guard let text = TextFile.read(path) else {
                Diagnostics.line("clientele: cannot read script '\(path)': \(TextFile.unreadable(path))")
                throw Exit(.usage)
            }
            texts.append((path, text))
        }
        let shell = try Setup.shell(storePath: store, options: options.values, interactive: false)
        for (path, text) in texts where !shell.runBatch(text, origin: path) {
            try Setup.finish(shell, ok: false)
        }
        try Setup.finish(shell, ok: true)
    }
}
