import Foundation
import Clientele

/// `.edit`: a statement in the user's editor ($VISUAL, else $EDITOR, else vi), as psql's
/// `\e`: written to a temporary `.clq` file, the editor run on the terminal, the file read
/// back. Nil (with the reason on stderr) when the editor failed or left the file empty.
enum StatementEditor {
    static func edit(_ text: String) -> String? {
        let command = [Terminal.environment("VISUAL"), Terminal.environment("EDITOR")]
            .compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("clientele-edit-\(getpid())-\(Int(Date().timeIntervalSince1970 * 1000)).clq").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { try (text.isEmpty ? "" : text + "\n").write(toFile: path, atomically: false, encoding: .utf8) } catch {
            Diagnostics.line("error: .edit cannot write '\(path)': \(error.localizedDescription)")
            return nil
        }
        // Through sh, as git does: EDITOR may hold flags ("code --wait").
        guard let status = Pager.runOnTerminal(["/bin/sh", "-c", command + " \"$1\"", "sh", path]) else {
            Diagnostics.line("error: .edit cannot start the editor '\(command)'")
            return nil
        }
        guard status == 0 else {
            Diagnostics.line("error: the editor '\(command)' failed (exit status \(status)); nothing was run")
            return nil
        }
        guard let edited = try? String(contentsOfFile: path, encoding: .utf8) else {
            Diagnostics.line("error: .edit cannot read back '\(path)'; nothing was run")
            return nil
        }
        return edited
    }
}
