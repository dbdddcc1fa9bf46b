import ArgumentParser
import Clientele
import Foundation

/// `clientele [STORE]`: the interactive shell, or one script from -c or stdin.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Open the interactive shell on STORE, or run -c lines or a script on stdin (the default).",
        discussion: """
        With no -c and a terminal on stdin, opens the interactive shell. With -c, runs the \
        given lines as one script; with a script on stdin (not a terminal), runs it. A script \
        is checked completely before it runs, and runs all-or-nothing.

        Exit codes: 0 success; 1 a script did not check or failed while running (nothing was \
        changed); 2 usage error (bad flag, missing file, a store that cannot be opened).
        """
    )

    @Argument(help: "The store file or postgres:// address; the shell creates a missing one, a batch run (-c, stdin) refuses it (clientele init creates one).")
    var store: String = "clientele.sqlite"

    @Option(name: .customShort("c"), help: ArgumentHelp("Run this line (repeat -c: all run as one script).", valueName: "pipeline"))
    var commands: [String] = []

    @OptionGroup var options: CommonOptions

    mutating func run() throws {
        try ShellCommand.run(store: store, commands: commands, options: options.values)
    }

    static func run(store: String, commands: [String], options: RunOptions) throws {
        let interactive = commands.isEmpty && Terminal.isTerminal(STDIN_FILENO)
        let shell = try Setup.shell(storePath: store, options: options, interactive: interactive)
        if !commands.isEmpty {
            try Setup.finish(shell, ok: shell.runBatch(commands.joined(separator: "\n"), origin: "<command line>"))
        } else if !interactive {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else {
                Diagnostics.line("clientele: the script on stdin is not UTF-8 text")
                throw Exit(.usage)
            }
            try Setup.finish(shell, ok: shell.runBatch(text, origin: "<stdin>"))
        } else {
            Repl(shell: shell).run()
            shell.sink.close()
        }
    }
}
