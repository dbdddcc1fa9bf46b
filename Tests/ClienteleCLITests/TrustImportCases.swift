import Foundation
import ClienteleTestSupport

/// Bad files for `import` (issue 15: unclosed quotes, unbounded reads, control characters,
/// files that are not files, exit codes of dry runs and keep going). Each case writes its
/// files and its script into the scratch folder and runs `clientele run script.clq --store
/// STORE`, so that file names in the script are relative to it and the transcript does not
/// depend on where the scratch folder is.
extension BadInputCase {
    static func importing(_ name: String, files: [String: Data] = [:], options: [String] = [],
                          prepare: ((URL) throws -> Void)? = nil, _ script: String) -> BadInputCase {
        BadInputCase(name: name, arguments: { store, scratch in
            for (file, data) in files { try data.write(to: scratch.appendingPathComponent(file)) }
            try prepare?(scratch)
            let path = scratch.appendingPathComponent("script.clq")
            try Data((script + "\n").utf8).write(to: path)
            return ["run", path.path, "--store", store] + options
        }, needsRealCLI: true)
    }

    /// A clients file of `rows` data rows; `edit` changes the text of some rows (by their
    /// 1-based number).
    static func clientsCSV(rows: Int, separator: String = ",", lineEnd: String = "\n",
                           _ edit: (Int, String) -> String = { $1 }) -> Data {
        var text = "name\(separator)region\(lineEnd)"
        for i in 1...rows { text += edit(i, "Trust Co \(i)\(separator)North") + lineEnd }
        return Data(text.utf8)
    }

    /// An orders file of `rows` rows for the fixture's client 1.
    static func ordersCSV(rows: Int, _ edit: (Int, String) -> String = { $1 }) -> Data {
        var text = "Дата;Номер;ИНН;Сумма\n"
        for i in 1...rows { text += edit(i, "\(i % 28 + 1).01.2025;T-\(i);7701000001;\(i),50") + "\n" }
        return Data(text.utf8)
    }

    static let importCases: [BadInputCase] = {
        var random = SeededRandom(seed: 15)
        let binary = Data((0..<3000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let long = String(repeating: "x", count: 70_000)
        return [
            // Bug 2: an unclosed quote swallowed the rest of the file.
            importing("i01-unclosed-quote-clients-row-11-of-1000",
                      files: ["c.csv": clientsCSV(rows: 1000) { $0 == 11 ? "\"Broken Co,North" : $1 }],
                      "import \"c.csv\" into clients"),
            importing("i02-unclosed-quote-orders-row-11-of-1000",
                      files: ["o.csv": ordersCSV(rows: 1000) { $0 == 11 ? "12.01.2025;\"T-11;7701000001;11,50" : $1 }],
                      "import \"o.csv\" into orders"),
            importing("i03-unclosed-quote-on-the-last-line",
                      files: ["c.csv": clientsCSV(rows: 5) { $0 == 5 ? "\"Last Co,North" : $1 }],
                      "import \"c.csv\" into clients"),
            importing("i04-lone-quote-at-the-end-of-the-file",
                      files: ["c.csv": Data("name,region\nA Co,North\n\"".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i05-unclosed-quote-in-the-header",
                      files: ["c.csv": Data("name,\"region\nA Co,North\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i06-quoted-field-over-64-kib",
                      files: ["c.csv": Data("name,region\n\"\(long)\",North\nB Co,South\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i07-unquoted-field-over-64-kib",
                      files: ["c.csv": Data("name,region\nA Co,\(long)\nB Co,South\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i08-row-over-1-mib",
                      files: ["c.csv": Data(("name,region\nA Co," + Array(repeating: String(repeating: "y", count: 60_000), count: 20)
                        .joined(separator: ",") + "\nB Co,South\n").utf8)],
                      "import \"c.csv\" into clients"),
            importing("i09-one-line-of-3-megabytes",
                      files: ["c.csv": Data(String(repeating: "a", count: 3 << 20).utf8)],
                      "import \"c.csv\" into clients"),
            // Bug 10: a NUL cut the field.
            importing("i10-nul-in-a-field",
                      files: ["c.csv": Data("name,region\nK\u{0}null,North\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i11-escape-sequence-in-a-field",
                      files: ["c.csv": Data("name,region\nA Co,\u{1B}[31mNorth\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i12-bell-in-a-quoted-field-with-a-line-break",
                      files: ["c.csv": Data("name,region\n\"Two\nLines\u{7}\",North\n".utf8)],
                      "import \"c.csv\" into clients"),
            importing("i13-nul-in-an-order-number",
                      files: ["o.csv": ordersCSV(rows: 3) { $0 == 2 ? "03.01.2025;T\u{0}2;7701000001;2,50" : $1 }],
                      "import \"o.csv\" into orders"),
            importing("i14-control-character-in-the-header",
                      files: ["c.csv": Data("name,reg\u{8}ion\nA Co,North\n".utf8)],
                      "import \"c.csv\" into clients"),
            // Bug 5: /dev/zero was read into memory without end; and files that are not files.
            importing("i15-dev-zero", "import \"/dev/zero\" into clients"),
            importing("i16-a-directory", prepare: { try FileManager.default.createDirectory(
                at: $0.appendingPathComponent("folder.csv"), withIntermediateDirectories: false) },
                      "import \"folder.csv\" into clients"),
            importing("i17-a-fifo", prepare: { scratch in
                guard mkfifo(scratch.appendingPathComponent("fifo.csv").path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }, "import \"fifo.csv\" into clients"),
            importing("i18-missing-file", "import \"absent.csv\" into clients"),
            importing("i19-missing-folder", "import \"absent/c.csv\" into clients"),
            importing("i20-path-through-a-file", files: ["c.csv": clientsCSV(rows: 1)],
                      "import \"c.csv/inner.csv\" into clients"),
            importing("i21-binary-file", files: ["b.csv": binary], "import \"b.csv\" into clients"),
            importing("i22-invalid-utf8-claimed-as-utf8",
                      files: ["c.csv": Data("name,region\nA Co,North\nB ".utf8) + Data([0xC3, 0x28]) + Data(",South\n".utf8)],
                      "import \"c.csv\" into clients encoding \"utf-8\""),
            importing("i23-separator-outside-ascii", files: ["c.csv": Data("name¦region\nA Co¦North\n".utf8)],
                      "import \"c.csv\" into clients separator \"¦\""),
            // Exit codes: a dry run with errors and keep going with every row rejected fail.
            importing("i24-dry-run-with-errors-fails",
                      files: ["o.csv": ordersCSV(rows: 5) { $0 == 4 ? "30.02.2025;T-4;7701000001;4,50" : $1 }],
                      "import \"o.csv\" into orders dry run"),
            importing("i25-keep-going-with-every-row-rejected-fails",
                      files: ["o.csv": ordersCSV(rows: 3) { i, _ in "3\(i).02.2025;T-\(i);7701000001;1,00" }],
                      "import \"o.csv\" into orders keep going"),
            // A dry run is reading: it runs on a read-only store (here it reports its errors).
            importing("i26-read-only-dry-run-runs",
                      files: ["c.csv": clientsCSV(rows: 3) { $0 == 2 ? "\"Broken Co,North" : $1 }],
                      options: ["--read-only"], "import \"c.csv\" into clients dry run"),
            importing("i27-read-only-import-is-still-refused", files: ["c.csv": clientsCSV(rows: 3)],
                      options: ["--read-only"], "import \"c.csv\" into clients"),
        ]
    }()

    /// Keep going with one unreadable record: that record is rejected (to the rejects
    /// file), reading goes on at the next line, the rest is imported and the script
    /// succeeds; the queries after the import show what the store holds.
    static let importKeepGoingCases: [BadInputCase] = [
        importing("k01-unclosed-quote-keep-going-rejects-that-row-and-imports-the-rest",
                  files: ["c.csv": clientsCSV(rows: 20) { $0 == 11 ? "\"Broken Co,North" : $1 }],
                  "import \"c.csv\" into clients keep going\nclients | where name ~ \"Trust Co\" | count"
                    + "\nclients | where name ~ \"Broken\" | count"),
        importing("k02-unclosed-quote-orders-keep-going",
                  files: ["o.csv": ordersCSV(rows: 30) { $0 == 11 ? "12.01.2025;\"T-11;7701000001;11,50" : $1 }],
                  "import \"o.csv\" into orders keep going\norders | where number ~ \"T-\" | count"),
        importing("k03-unclosed-quote-crlf-keep-going",
                  files: ["c.csv": clientsCSV(rows: 6, lineEnd: "\r\n") { $0 == 3 ? "\"Broken Co,North" : $1 }],
                  "import \"c.csv\" into clients keep going\nclients | where name ~ \"Trust Co\" | select name"),
        importing("k04-unclosed-quote-windows-1251-keep-going",
                  files: ["c.csv": Data(TextDecoding1251.encode("name;region\nОдин;Север\n\"Сломан;Юг\nТри;Запад\nЧетыре;Восток\n"))],
                  "import \"c.csv\" into clients keep going\nclients | where region in [\"Запад\", \"Восток\"] | select name, region"
                   ),
        importing("k05-del-character-keep-going",
                  files: ["c.csv": Data("name,region\nA Co,No\u{7F}rth\nB Co,South\n".utf8)],
                  "import \"c.csv\" into clients keep going\nclients | where name == \"B Co\" | count"),
    ]
}

/// Windows-1251 bytes of test text (the letters used here).
enum TextDecoding1251 {
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { s in
            switch s.value {
            case 0..<0x80: return UInt8(s.value)
            case 0x0410...0x044F: return UInt8(s.value - 0x0410 + 0xC0)
            case 0x0401: return 0xA8
            case 0x0451: return 0xB8
            default: return 0x3F
            }
        }
    }
}
