import GRDB

/// import and export statements, on top of the Store's importer and exporter.
enum FileCommands {
    static func importFile(path: String, target: String, options: [ImportClause], store: Store, db: Database) throws -> Output {
        throw RuntimeError.message("import is not available in this build yet")
    }
    static func export(_ table: Table, path: String, options: [ExportClause]) throws -> Output {
        throw RuntimeError.message("export is not available in this build yet")
    }
}
