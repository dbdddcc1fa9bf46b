/// Splitting a file path as text. Foundation's `NSString.deletingLastPathComponent` traps
/// on a one-character path ("S") on Linux, so paths are split here instead, by the last
/// `/`, the way the shell's `dirname` and `basename` do.
///
/// ```swift
/// PathText.folder(of: "S")            // "."
/// PathText.folder(of: "/data/s.db")   // "/data"
/// PathText.name(of: "/data/s.db")     // "s.db"
/// ```
package enum PathText {
    /// The folder holding `path`: "." for a bare name, "/" for a name in the root.
    package static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last component of `path`, without trailing slashes.
    package static func name(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        let name = trimmed[trimmed.index(after: slash)...]
        return name.isEmpty ? "/" : String(name)
    }

    /// The extension of the last component ("csv" for "a.b.csv"), or "" when it has none.
    package static func fileExtension(of path: String) -> String {
        let name = name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
