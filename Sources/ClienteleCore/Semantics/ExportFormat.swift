/// The file formats of `export <pipeline> to "file"`, and the one list of their file
/// extensions: the checker reads it to accept a script's file name, the exporter to choose
/// the format.
///
/// ```swift
/// ExportFormat.forPath("top.ndjson")    // .jsonl
/// ExportFormat.scriptExtensions         // ["csv", "json", "jsonl", "md", "xlsx", "html"]
/// ```
public enum ExportFormat: String, CaseIterable, Sendable {
    /// `html`: the result as a report page (the engine's `HTMLReport`), not a data file.
    case csv, json, jsonl, markdown, xlsx, html

    /// The extensions of the format, lower case; the first is the one a script writes.
    public var fileExtensions: [String] {
        switch self {
        case .csv: return ["csv"]
        case .json: return ["json"]
        case .jsonl: return ["jsonl", "ndjson"]
        case .markdown: return ["md", "markdown"]
        case .xlsx: return ["xlsx"]
        case .html: return ["html", "htm"]
        }
    }

    /// The extensions `export` accepts in a script: each format's first one.
    public static var scriptExtensions: [String] { allCases.map { $0.fileExtensions[0] } }

    /// The format of an extension (any case); nil when it is none of them.
    ///
    /// ```swift
    /// ExportFormat.forExtension("JSONL")   // .jsonl
    /// ```
    public static func forExtension(_ fileExtension: String) -> ExportFormat? {
        let lowered = fileExtension.lowercased()
        return allCases.first { $0.fileExtensions.contains(lowered) }
    }

    /// From the file's extension: `.json`, `.jsonl`/`.ndjson`, `.md`/`.markdown`, `.xlsx`, `.html`/`.htm`; anything else is CSV.
    ///
    /// ```swift
    /// ExportFormat.forPath("top.md")   // .markdown
    /// ```
    public static func forPath(_ path: String) -> ExportFormat {
        forExtension(PathText.fileExtension(of: path)) ?? .csv
    }
}
