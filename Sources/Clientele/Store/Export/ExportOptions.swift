import Foundation

/// The file formats of `export <pipeline> to "file"`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json, jsonl, markdown

    /// From the file's extension: `.json`, `.jsonl`/`.ndjson`, `.md`/`.markdown`; anything else is CSV.
    public static func forPath(_ path: String) -> ExportFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        case "md", "markdown": return .markdown
        default: return .csv
        }
    }
}

/// Options of `export <pipeline> to "file.csv" [separator ";"] [decimal comma] [bom]`.
///
/// ```swift
/// var options = ExportOptions()
/// options.separator = ";"; options.decimalComma = true; options.byteOrderMark = true
/// try Exporter.write(table, to: "clients.csv", options: options)   // opens in Russian Excel
/// ```
public struct ExportOptions: Sendable {
    /// CSV only.
    public var separator: Character = ","
    /// Money, decimals and percents with a decimal comma (`1234,56`): CSV and Markdown.
    public var decimalComma = false
    /// A UTF-8 byte order mark first, so that Excel reads the file as UTF-8: CSV only.
    public var byteOrderMark = false
    /// nil: from the file's extension.
    public var format: ExportFormat? = nil

    public init(separator: Character = ",", decimalComma: Bool = false, byteOrderMark: Bool = false,
                format: ExportFormat? = nil) {
        self.separator = separator; self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark; self.format = format
    }
}

public enum ExportError: Error, Equatable, CustomStringConvertible {
    case invalidSeparator(Character)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSeparator(let c):
            return "'\(c)' cannot be a separator: use one character other than a quote or a line break, e.g. ';'"
        case .cannotWrite(let p, let r):
            return "cannot write '\(p)': \(r)"
        }
    }

    /// A short reason for a file-system error: "no such directory", "permission denied"...
    static func reason(_ error: Error) -> String {
        if let e = error as? CocoaError {
            switch e.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "the disk is full"
            case .fileWriteVolumeReadOnly: return "the volume is read-only"
            default: break
            }
            if let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlying.code))).lowercased()
            }
        }
        return error.localizedDescription
    }
}
