import Clientele

/// The plain invocation `clientele [flags] STORE -c LINE...` (what scripts and benchmarks
/// run) read without ArgumentParser, whose reflection over the command types costs a few
/// milliseconds at every start. It accepts only what ArgumentParser would read the same
/// way: known flags with ordinary values, at most one store. Anything else (help, version,
/// subcommands, `--flag=value`, a value that starts with '-', a repeated flag, a value that
/// does not validate) returns nil, and ArgumentParser parses the line as before, with its
/// own messages.
enum FastArguments {
    struct Invocation {
        var store = "clientele.sqlite"
        var commands: [String] = []
        var options = RunOptions()
    }

    // Arrays, not sets: a Set<String> is the first hashed collection of the run and its
    // set-up shows in the start-up time.
    static let subcommands = ["shell", "run", "demo", "init", "help"]

    static func parse(_ arguments: [String]) -> Invocation? {
        var result = Invocation()
        var store: String?
        var seen: [String] = []
        var i = 0
        func value() -> String? {
            i += 1
            guard i < arguments.count, !arguments[i].isEmpty, !arguments[i].hasPrefix("-") else { return nil }
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            guard !a.isEmpty else { return nil }
            if !a.hasPrefix("-") {
                // The store; a second positional, or a subcommand name first, is ArgumentParser's.
                guard store == nil, !(subcommands.contains(a)) else { return nil }
                store = a
                i += 1
                continue
            }
            // Flags that may appear once; -c and --param repeat.
            if a != "-c" && a != "--param" {
                guard !seen.contains(a) else { return nil }
                seen.append(a)
            }
            switch a {
            case "-c":
                guard let v = value() else { return nil }
                result.commands.append(v)
            case "--param":
                guard let v = value(), CommonOptions.parameterProblem(v) == nil else { return nil }
                result.options.parameters.append(v)
            case "--read-only": result.options.readOnly = true
            case "--no-color": result.options.noColor = true
            case "--no-init": result.options.noInit = true
            case "--format":
                guard let v = value(), let f = ResultFormat(argument: v) else { return nil }
                result.options.format = f.outputFormat
                result.options.workbook = f.isWorkbook
                result.options.report = f.isReport
            case "-o", "--output":
                guard !seen.contains(a == "-o" ? "--output" : "-o"), let v = value() else { return nil }
                result.options.output = v
            case "--width":
                guard let v = value(), let w = Int(v), w >= 20 else { return nil }
                result.options.width = w
            case "--cache":
                guard let v = value(), let c = CacheChoice(rawValue: v) else { return nil }
                result.options.cache = c
            case "--today":
                guard let v = value(), CommonOptions.todayProblem(v, from: "--today") == nil else { return nil }
                result.options.today = v
            case "--init":
                guard let v = value() else { return nil }
                result.options.initFile = v
            default:
                return nil
            }
            i += 1
        }
        // Only -c runs take the fast path: the shell and stdin scripts are not start-up bound.
        guard !result.commands.isEmpty else { return nil }
        // --format xlsx without -o: ArgumentParser says why.
        if result.options.workbook && result.options.output == nil { return nil }
        if let store { result.store = store }
        return result
    }
}
