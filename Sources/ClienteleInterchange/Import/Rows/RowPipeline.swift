import Foundation
import ClienteleCore

/// A record read and given its first checks, ready for the row's writes.
struct ReadRow {
    var row = SourceRow(line: 0, fields: [])
    var findings = RowCheck.Findings()
    var values = ReadValues.none
    /// A total row of a spreadsheet report («Итого»): skipped and reported.
    var isTotal = false
    /// The reader's `recordsRead` and `bytesConsumed` after this record (for progress).
    var recordsRead = 0
    var bytesConsumed = 0

    /// Gives `row` its first checks: what `FileImporter` does before `importRow`, then the
    /// importer's `reading`, for a record read whole.
    mutating func check(map: HeaderMap, reading: RowReading?, spreadsheet: Bool) {
        values = .none
        isTotal = spreadsheet && HeaderSearch.isTotalRow(row)
        var check = RowCheck(row: row, map: map)
        if !isTotal {
            if let problem = row.problem { check.reject(problem) }
            if row.problem?.recordIsComplete != false {
                check.checkWidth()
                if let reading { values = reading.read(&check) }
            }
        }
        findings = check.findings
    }
}

/// Reads the records of an import on a thread of its own, ahead of the checks that need the
/// import's state and of the writes, which stay on the caller's thread (the store's
/// connection is not shared): the file's bytes decoded, split into fields, and each row's
/// first checks (`RowImporter.reader`: parsing, client lookup), in parallel with SQLite.
///
/// Memory stays bounded: a fixed pool of batches goes round between the two threads (the
/// reader fills a free one, the writer takes full ones in order and gives them back), and a
/// batch's rows keep their field arrays from one use to the next (`RecordReader.next(into:)`),
/// so reading allocates nothing per row. A reader error reaches the writer after the rows
/// read before it, as when the rows were read inline. `stop()` (always called) ends the
/// reader and waits for it, so the file is never read after the import returns.
final class RowPipeline: @unchecked Sendable {
    /// Rows handed over at a time, and batches in the pool.
    static let batchSize = 512
    static let batches = 4

    final class Batch {
        var rows: [ReadRow] = Array(repeating: ReadRow(), count: RowPipeline.batchSize)
        var count = 0
    }

    private let records: any RecordReader
    private let map: HeaderMap
    private let reading: RowReading?
    private let spreadsheet: Bool

    private let condition = NSCondition()
    private var free: [Batch] = []
    private var full: [Batch] = []
    /// Set by the reader when it is done (end of input or `failure`).
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    private var readerExited = false
    /// Seconds the writer waited for rows (with `ImportProfile`).
    private(set) var waitedForReader = 0.0

    /// Starts reading `records` from where they are.
    init(records: any RecordReader, map: HeaderMap, reading: RowReading?, spreadsheet: Bool) {
        self.records = records
        // The reader's own copy of the map's arrays: copies of one array from two threads
        // would make both retain and release the same buffer for every row.
        self.map = map.separateCopy()
        self.reading = reading
        self.spreadsheet = spreadsheet
        free = (0..<RowPipeline.batches).map { _ in Batch() }
        let thread = Thread { [self] in self.readAll() }
        thread.stackSize = 8 << 20
        thread.name = "clientele import reader"
        thread.start()
    }

    private func readAll() {
        let started = ImportProfile.now()
        var waited = 0.0
        defer {
            ImportProfile.note("reader thread: reading, parsing and first checks", ImportProfile.now() - started - waited)
            ImportProfile.note("reader thread: waiting for the writer", waited)
            condition.lock()
            readerExited = true
            condition.broadcast()
            condition.unlock()
        }
        var failure: (any Error)?
        var atEnd = false
        while !atEnd && failure == nil {
            condition.lock()
            if free.isEmpty && !stopped {
                let t = ImportProfile.enabled ? ImportProfile.now() : 0
                while free.isEmpty && !stopped { condition.wait() }
                if ImportProfile.enabled { waited += ImportProfile.now() - t }
            }
            if stopped { condition.unlock(); return }
            let batch = free.removeLast()
            condition.unlock()

            batch.count = 0
            do {
                while batch.count < RowPipeline.batchSize {
                    guard try records.next(into: &batch.rows[batch.count].row) else { atEnd = true; break }
                    if batch.rows[batch.count].row.isBlank { continue }
                    batch.rows[batch.count].check(map: map, reading: reading, spreadsheet: spreadsheet)
                    batch.rows[batch.count].recordsRead = records.recordsRead
                    batch.rows[batch.count].bytesConsumed = records.bytesConsumed
                    batch.count += 1
                }
            } catch {
                failure = error
            }
            condition.lock()
            full.append(batch)
            if atEnd || failure != nil {
                finished = true
                self.failure = failure
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next batch of rows in file order, nil after the last; throws the reader's error
    /// after the rows read before it. Give each batch back with `recycle` once its rows are handled.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        if full.isEmpty && !finished {
            let t = ImportProfile.enabled ? ImportProfile.now() : 0
            while full.isEmpty && !finished { condition.wait() }
            if ImportProfile.enabled { waitedForReader += ImportProfile.now() - t }
        }
        if !full.isEmpty { return full.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    func recycle(_ batch: Batch) {
        condition.lock()
        free.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the reader (if it is still reading) and waits until it has.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !readerExited { condition.wait() }
        condition.unlock()
    }
}
