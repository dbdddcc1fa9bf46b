import Foundation
import ClienteleCore

/// Options of `export <pipeline> to "file.csv" [separator ";"] [decimal comma] [bom]`.
///
/// ```swift
/// var options = ExportOptions()
/// options.separator = ";"; options.decimalComma = true; options.byteOrderMark = true
/// try Exporter.write(table, to: "clients.csv", options: options)   // opens in Russian Excel
/// ```
package struct ExportOptions: Sendable {
    /// CSV only.
    package var separator: Character = ","
    /// Money, decimals and percents with a decimal comma (`1234,56`): CSV and Markdown.
    package var decimalComma = false
    /// A UTF-8 byte order mark first, so that Excel reads the file as UTF-8: CSV only.
    package var byteOrderMark = false
    /// nil: from the file's extension.
    package var format: ExportFormat? = nil
    /// CSV only: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// gets a leading `'`, so that a spreadsheet shows it as text instead of running it as
    /// a formula (OWASP "CSV injection"). Numbers, money and dates are never changed.
    package var guardFormulas = true
    /// xlsx only: the store's currency code (`RUB`), for the number format of money cells.
    package var currency = ""
    /// xlsx only: the sheet's name (nil: the file's name without its extension).
    package var sheetName: String? = nil
    /// html only: the page for the table (the engine's report writer; nil: Markdown text).
    package var html: (@Sendable (ClienteleCore.Table) -> String)? = nil

    package init(separator: Character = ",", decimalComma: Bool = false, byteOrderMark: Bool = false,
                format: ExportFormat? = nil) {
        self.separator = separator; self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark; self.format = format
    }
}

package enum ExportError: Error, Equatable, CustomStringConvertible {
    case invalidSeparator(Character)
    case cannotWrite(path: String, reason: String)
    case exists(path: String)
    case cannotPlace(path: String, reason: String)

    package var description: String {
        switch self {
        case .invalidSeparator(let c):
            return "'\(c)' cannot be a separator: use one character other than a quote or a line break, e.g. ';'"
        case .cannotWrite(let p, let r):
            return "cannot write '\(p)': \(r)"
        case .exists(let p):
            return "'\(p)' already exists; add 'replace' to the export to overwrite it, or choose another file name"
        case .cannotPlace(let p, let r):
            return "the script's changes were saved, but '\(p)' could not be put in place: \(r)"
        }
    }

    /// A short reason for a file-system error: "no such directory", "permission denied"...
    package static func reason(_ error: Error) -> String {
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
