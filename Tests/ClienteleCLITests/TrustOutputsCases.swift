import Foundation

/// Issue 15, every file the program writes: output onto the open store however it is
/// spelled, write errors, files of a rolled-back script, export onto an existing file.
/// Each runs through the real program against its own copy of the fixture store, whose
/// checksum must not change; `afterRun` checks which files remain in the case's folder.
extension BadInputCase {
    /// `clientele STORE <flags> -c TEXT`, with files made first in the case's folder.
    static func outputs(_ name: String, flags: @escaping (_ store: String, _ scratch: URL) throws -> [String],
                        _ text: String, expectation: Expectation = .checkOrRuntimeError,
                        after: ((_ store: String, _ scratch: URL) -> [String])? = nil) -> BadInputCase {
        var c = BadInputCase(name: name, arguments: { store, scratch in
            try [store] + flags(store, scratch) + ["-c", text]
        }, expectation: expectation, needsRealCLI: true)
        c.afterRun = after
        return c
    }

    /// `clientele run SCRIPT --store STORE`, the script written in the case's folder (so
    /// file names in it are relative to that folder).
    static func script(_ name: String, _ text: String, prepare: ((_ store: String, _ scratch: URL) throws -> Void)? = nil,
                       after: ((_ store: String, _ scratch: URL) -> [String])? = nil) -> BadInputCase {
        var c = BadInputCase(name: name, arguments: { store, scratch in
            try prepare?(store, scratch)
            let path = scratch.appendingPathComponent("script.clq")
            try Data(text.utf8).write(to: path)
            return ["run", path.path, "--store", store]
        }, needsRealCLI: true)
        c.afterRun = after
        return c
    }

    /// The names in the case's folder other than the store, its companions and the script.
    static func leftovers(_ scratch: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        return names.filter { !$0.hasPrefix("store.sqlite") && $0 != "script.clq" && !$0.hasPrefix("stdin-") }.sorted()
    }

    /// Fails unless the case's folder holds exactly `expected` besides the store and script.
    static func only(_ expected: [String]) -> (String, URL) -> [String] {
        { _, scratch in
            let found = leftovers(scratch)
            return found == expected.sorted() ? [] : ["files left: \(found), expected \(expected.sorted())"]
        }
    }

    static func link(_ scratch: URL, _ name: String, to target: String, hard: Bool = false) throws -> String {
        let path = scratch.appendingPathComponent(name).path
        if hard {
            try FileManager.default.linkItem(atPath: target, toPath: path)
        } else {
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }
        return path
    }

    /// Renames the store to `name` in its folder and leaves a symlink at the store's path
    /// (which the harness checksums), so that the open store's own name is `name`.
    static func renameStore(_ store: String, _ scratch: URL, to name: String) throws -> String {
        let renamed = scratch.appendingPathComponent(name).path
        try FileManager.default.moveItem(atPath: store, toPath: renamed)
        try FileManager.default.createSymbolicLink(atPath: store, withDestinationPath: renamed)
        return renamed
    }

    static let outputs: [BadInputCase] = [
        // Bug 1: no output onto the store, however spelled.
        outputs("o01-output-flag-onto-the-store-read-only", flags: { store, _ in ["--read-only", "-o", store] },
                "clients | take 1", after: only([])),
        outputs("o02-output-flag-onto-the-store-writable", flags: { store, _ in ["-o", store] },
                "clients | take 1", after: only([])),
        outputs("o03-output-flag-dot-slash", flags: { _, scratch in ["-o", scratch.path + "/./store.sqlite"] },
                "clients | take 1", after: only([])),
        outputs("o04-output-flag-dot-dot", flags: { _, scratch in
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent("sub"), withIntermediateDirectories: false)
            return ["-o", scratch.path + "/sub/../store.sqlite"]
        }, "clients | take 1", after: only(["sub"])),
        outputs("o05-output-flag-symlink-to-the-store", flags: { store, scratch in
            ["-o", try link(scratch, "alias.csv", to: store)]
        }, "clients | take 1", after: only(["alias.csv"])),
        outputs("o06-output-flag-hard-link-to-the-store", flags: { store, scratch in
            ["-o", try link(scratch, "hard.csv", to: store, hard: true)]
        }, "clients | take 1", after: only(["hard.csv"])),
        outputs("o07-output-flag-onto-the-wal", flags: { store, _ in ["-o", store + "-wal"] },
                "clients | take 1", after: only([])),
        outputs("o08-output-flag-onto-the-shm", flags: { store, _ in ["-o", store + "-shm"] },
                "clients | take 1", after: only([])),
        outputs("o09-output-flag-onto-the-journal-not-there-yet", flags: { store, _ in ["-o", store + "-journal"] },
                "clients | take 1", after: only([])),
        outputs("o10-output-flag-dangling-symlink-to-the-journal", flags: { store, scratch in
            ["-o", try link(scratch, "later.csv", to: "store.sqlite-journal")]
        }, "clients | take 1", after: only(["later.csv"])),
        stdinScript("o11-dot-output-onto-the-store-in-a-script-on-stdin") { store in ".output \(store)\nclients | count\n" },
        stdinScript("o12-dot-once-onto-the-wal-in-a-script-on-stdin") { store in ".once \(store)-wal\nclients | count\n" },
        outputs("o13-dot-once-onto-the-store-in-a-command", flags: { _, _ in [] }, "clients | count",
                after: only([])).withCommandPrefix { store in ".once \(store)" },
        script("o14-export-onto-the-store-named-s-csv", "export clients | take 1 to \"s.csv\" replace\n",
               prepare: { store, scratch in
                   _ = try renameStore(store, scratch, to: "s.csv")
               }, after: { _, scratch in
                   let found = leftovers(scratch).filter { !$0.hasPrefix("s.csv") }
                   return found.isEmpty ? [] : ["files left: \(found)"]
               }).storeAt("s.csv"),
        script("o15-export-onto-a-symlink-to-the-store", "export clients to \"alias.csv\" replace\n",
               prepare: { store, scratch in _ = try link(scratch, "alias.csv", to: store) },
               after: only(["alias.csv"])),
        script("o16-rejects-file-onto-the-store",
               "import \"bad.csv\" into clients keep going\n",
               prepare: { store, scratch in
                   try Data("name,region,outlets\nGood Co,North,1\nBad Co,North,many\n".utf8)
                       .write(to: scratch.appendingPathComponent("bad.csv"))
                   _ = try renameStore(store, scratch, to: "bad.csv.rejected.csv")
               }, after: { _, scratch in
                   let found = leftovers(scratch).filter { !$0.hasPrefix("bad.csv.rejected.csv") }
                   return found == ["bad.csv"] ? [] : ["files left: \(found)"]
               }).storeAt("bad.csv.rejected.csv"),

        // Bug 3: a failed write is a failed command, and leaves no partial file.
        outputs("o17-output-flag-to-dev-full", flags: { _, _ in ["--format", "csv", "-o", "/dev/full"] },
                "orders", after: only([])),
        script("o18-export-to-a-link-to-dev-full", "export orders to \"full.csv\" replace\n", prepare: { _, scratch in
            _ = try link(scratch, "full.csv", to: "/dev/full")
        }, after: only(["full.csv"])),
        stdinScript("o19-dot-once-to-dev-full-then-a-change") { _ in ".once /dev/full\nadd clients name: \"Lost\"\nclients | count\n" },

        // Bug 7: files written by a rolled-back script do not remain.
        script("o20-export-in-a-rolled-back-script", """
            add clients name: "Ghost"
            export clients | where name == "Ghost" to "g.csv"
            update orders | where id == 1 set gross = gross * 1500000000000000
            """, after: only([])),
        script("o21-rejects-file-in-a-rolled-back-script", """
            import "bad.csv" into clients keep going
            update orders | where id == 1 set gross = gross * 1500000000000000
            """, prepare: { _, scratch in
                try Data("name,region,outlets\nGood Co,North,1\nBad Co,North,many\n".utf8)
                    .write(to: scratch.appendingPathComponent("bad.csv"))
            }, after: only(["bad.csv"])),
        script("o22-second-export-fails-first-is-not-left", """
            export clients to "first.csv"
            export orders to "taken.csv"
            """, prepare: { _, scratch in
                try Data("keep me\n".utf8).write(to: scratch.appendingPathComponent("taken.csv"))
            }, after: { store, scratch in
                var failures = only(["taken.csv"])(store, scratch)
                let kept = (try? String(contentsOf: scratch.appendingPathComponent("taken.csv"), encoding: .utf8)) ?? ""
                if kept != "keep me\n" { failures.append("taken.csv was changed: \(kept.prefix(40))") }
                return failures
            }),

        // Item 4: export onto an existing file needs `replace`.
        script("o23-export-onto-an-existing-file", "export clients to \"clients.csv\"\n", prepare: { _, scratch in
            try Data("yesterday's export\n".utf8).write(to: scratch.appendingPathComponent("clients.csv"))
        }, after: { store, scratch in
            var failures = only(["clients.csv"])(store, scratch)
            let kept = (try? String(contentsOf: scratch.appendingPathComponent("clients.csv"), encoding: .utf8)) ?? ""
            if kept != "yesterday's export\n" { failures.append("clients.csv was changed") }
            return failures
        }),
        script("o24-export-onto-a-folder", "export clients to \"folder.csv\" replace\n", prepare: { _, scratch in
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent("folder.csv"), withIntermediateDirectories: false)
        }, after: only(["folder.csv"])),
        script("o25-export-into-a-missing-folder", "export clients to \"missing/clients.csv\"\n", after: only([])),
        script("o26-keep-formulas-on-json", "export clients to \"clients.json\" keep formulas\n", after: only([])),
        script("o27-unknown-export-option", "export clients to \"clients.csv\" overwrite\n", after: only([])),
        script("o28-keep-without-formulas", "export clients to \"clients.csv\" keep going\n", after: only([])),
    ]
}

extension BadInputCase {
    /// A script on stdin that names the store: written when the case runs, to a file named
    /// for this test process and case, which becomes the program's stdin.
    static func stdinScript(_ name: String, _ text: @escaping (_ store: String) -> String) -> BadInputCase {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("clientele-trust-outputs-\(getpid())-\(name).clq").path
        var c = BadInputCase(name: name, arguments: { store, _ in
            try Data(text(store).utf8).write(to: URL(fileURLWithPath: path))
            return [store]
        }, input: .file(path), needsRealCLI: true)
        c.afterRun = { store, scratch in
            try? FileManager.default.removeItem(atPath: path)
            return only([])(store, scratch)
        }
        return c
    }

    /// The same `-c` case with a first `-c` line that needs the store's path.
    func withCommandPrefix(_ prefix: @escaping (String) -> String) -> BadInputCase {
        var c = self
        let arguments = self.arguments
        c.arguments = { store, scratch in
            var args = try arguments(store, scratch)
            args.insert(contentsOf: ["-c", prefix(store)], at: 1)
            return args
        }
        return c
    }

    /// The same `run` case with `--store` pointing at the renamed store in its folder.
    func storeAt(_ name: String) -> BadInputCase {
        var c = self
        let arguments = self.arguments
        c.arguments = { store, scratch in
            var args = try arguments(store, scratch)
            if let i = args.firstIndex(of: "--store") { args[i + 1] = scratch.appendingPathComponent(name).path }
            return args
        }
        return c
    }
}
