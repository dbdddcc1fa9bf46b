import ArgumentParser
import Clientele
import Foundation

/// Exit codes, documented in docs/cli.md: distinct so that scripts calling clientele can
/// tell a failed script from a wrong invocation.
enum ExitStatus: Int32 {
    case ok = 0
    /// A script did not check or failed while running (nothing was changed).
    case scriptFailed = 1
    /// Bad flags, a missing file, a store that cannot be opened.
    case usage = 2
}

/// Thrown after the message has been printed, to leave with a status.
struct Exit: Error {
    var status: ExitStatus
    init(_ status: ExitStatus) { self.status = status }
}

@main
struct ClienteleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clientele",
        abstract: "Ask questions about clients, orders and payments.",
        discussion: """
        'clientele [STORE]' opens the interactive shell; with -c or a script on stdin it runs \
        that instead (see 'clientele shell --help' for all flags). 'clientele run SCRIPT...' \
        runs script files.

        Exit codes: 0 success; 1 a script did not check or failed while running (nothing was \
        changed); 2 usage error (bad flag, missing file, a store that cannot be opened).
        """,
        version: "clientele 0.1.0",
        subcommands: [ShellCommand.self, RunCommand.self, DemoCommand.self, InitCommand.self, CopyCommand.self],
        defaultSubcommand: ShellCommand.self
    )

    /// ArgumentParser exits usage errors with 64; this program promises 2.
    static func main() {
        do {
            if let fast = FastArguments.parse(Array(CommandLine.arguments.dropFirst())) {
                try ShellCommand.run(store: fast.store, commands: fast.commands, options: fast.options)
                Foundation.exit(ExitStatus.ok.rawValue)
            }
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(ExitStatus.ok.rawValue)
        } catch let e as Exit {
            Foundation.exit(e.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Diagnostics.line(fullMessage(for: error))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
