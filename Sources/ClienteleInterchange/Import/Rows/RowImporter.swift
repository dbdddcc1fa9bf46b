import Foundation
import ClienteleCore

/// What became of one row.
enum RowOutcome { case inserted, updated, rejected }

/// Checks the rows of one target and writes the valid ones.
///
/// Every check uses in-memory indexes (clients, existing keys, keys seen earlier in the
/// file), so a row can be fully checked, and classified as insert or update, without
/// writing: that is how dry runs and the rows after a first error are handled.
protocol RowImporter {
    /// Checks a row (errors go to `check`) and, when `write` is true, stores it.
    mutating func importRow(_ check: inout RowCheck, write: Bool) throws -> RowOutcome
    /// Lines for the summary once every row is read (`dryRun`: what would be).
    func notes(dryRun: Bool) -> [String]
    /// The first checks of a row, those that read nothing the import changes (parsing,
    /// lookups in what the store held when it began), to run on the reader's thread ahead
    /// of the writes; nil when the importer has none.
    var reader: RowReading? { get }
    /// `importRow` for a row whose first checks `reader` ran (its errors are in `check`).
    mutating func importRow(_ check: inout RowCheck, read: ReadValues, write: Bool) throws -> RowOutcome
    /// After the last row (and `notes`): lets go of what only the rows needed (the order
    /// keys), before the store's work at the end of the import (index builds).
    mutating func rowsEnded()
}

extension RowImporter {
    func notes(dryRun: Bool) -> [String] { [] }
    mutating func rowsEnded() {}
    var reader: RowReading? { nil }
    mutating func importRow(_ check: inout RowCheck, read: ReadValues, write: Bool) throws -> RowOutcome {
        try importRow(&check, write: write)
    }
}

/// What a `RowReading` read of a row.
enum ReadValues {
    case none
    case order(OrderRowValues)
}

/// The first checks of a row (`RowImporter.reader`): a pure function of the row and of what
/// the importer captured when it began, safe to run on another thread.
struct RowReading: @unchecked Sendable {
    let read: (inout RowCheck) -> ReadValues
}

/// What every row importer needs.
struct ImportContext {
    let db: any ImportConnection
    let map: HeaderMap
    let parser: ValueParser
    let mode: ImportMode
    /// `create categories`.
    var createCategories = false
    /// Rows the file is expected to hold, to size in-memory indexes once.
    var expectedRows = 0

    /// `first_deal.deferral_days` from the settings: the default payment term of an order.
    func deferralDays() throws -> Int {
        var text: String?
        try db.query("SELECT value FROM settings WHERE key = ?", [.text("first_deal.deferral_days")]) { text = $0[0].string }
        return text.flatMap { Int($0) } ?? 10
    }

    func makeImporter(for target: ImportTarget) throws -> RowImporter {
        switch target {
        case .clients: return try ClientRows(self)
        case .orders: return try OrderRows(self)
        case .payments: return try PaymentRows(self)
        case .contacts: return try ContactRows(self)
        case .categories: return try CategoryRows(self)
        case .holidays: return try HolidayRows(self)
        case .interactions, .contracts, .conflicts, .collections: return try HistoryRows(self, target: target)
        }
    }

    /// Money as the file writes it, for messages: `1234,56` or `1234.56`.
    func show(_ minorUnits: Int64) -> String {
        DecimalText.format(minorUnits, scale: Money.minorDigits, grouping: nil,
                           decimalMark: parser.decimalComma ? "," : ".")
    }
}
