import Foundation
import ClienteleCore

extension Engine {
    /// Runs a script: every statement's output in order.
    ///
    /// ```swift
    /// let outputs = try engine.run("clients | where region == \"North\" | count")
    /// ```
    /// Throws `ClienteleError`: `.check` (nothing ran) or a kind of failure (nothing remains).
    @discardableResult
    public func run(_ source: String, origin: String = "<input>", handle: RunHandle? = nil) throws -> [Output] {
        let sink = CollectingSink()
        try run(source, origin: origin, into: sink, handle: handle)
        return sink.outputs
    }

    /// Runs a script, handing outputs to `sink` as they are produced: table rows one at a
    /// time, so memory stays bounded however many rows a query returns. Output already
    /// handed over stays with the sink if a later statement fails; the store is still
    /// rolled back.
    ///
    /// ```swift
    /// let renderer = StreamingRenderer(options: RenderOptions(format: .csv), write: { print($0, terminator: "") })
    /// try engine.run("orders | select number, net", into: renderer)
    /// ```
    public func run(_ source: String, origin: String = "<input>", into sink: OutputSink, handle: RunHandle? = nil) throws {
        do {
            try execute(source, origin: origin, into: sink, interruption: (handle ?? RunHandle()).interruption)
        } catch {
            throw ClienteleError(error)
        }
    }

    /// Runs a script off the caller's task and returns its outputs. Cancelling the task
    /// stops the script (it throws `ClienteleError.interrupted`, nothing remains); other
    /// runs go on.
    ///
    /// ```swift
    /// let task = Task { try await engine.run("segment clients by abc over all") }
    /// task.cancel()
    /// ```
    @discardableResult
    public func run(_ source: String, origin: String = "<input>",
                    progress: (@Sendable (RunProgress) -> Void)? = nil) async throws -> [Output] {
        let handle = RunHandle(progress: progress)
        return try await withTaskCancellationHandler {
            // SQLite blocks its thread: run on a thread of our own, not the cooperative pool.
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Output], Error>) in
                Thread.detachNewThread { [self] in
                    continuation.resume(with: Result { try self.run(source, origin: origin, handle: handle) })
                }
            }
        } onCancel: {
            handle.cancel()
        }
    }

    /// The rows of the last table a script produces, readable by column name and
    /// decodable into a host's types.
    ///
    /// ```swift
    /// let rows = try engine.rows("clients | select name, region")
    /// for row in rows { print(row["name"], row["region"]) }
    /// ```
    /// Throws `ClienteleError.runtime` when the script produces no table.
    public func rows(_ source: String, origin: String = "<input>", handle: RunHandle? = nil) throws -> ResultRows {
        let outputs = try run(source, origin: origin, handle: handle)
        for output in outputs.reversed() {
            if case .table(let table) = output { return ResultRows(table) }
        }
        throw ClienteleError.runtime(.init(message: "the script produced no table"))
    }

    /// Runs a script and decodes each row of its tables into `T` as the row arrives,
    /// without holding the table: for results too large to keep.
    ///
    /// ```swift
    /// struct Client: Decodable { var name: String; var turnover: Money }
    /// try engine.stream("clients | select name, turnover", as: Client.self) { client in
    ///     print(client.name, client.turnover)
    /// }
    /// ```
    /// A row that does not decode stops the script with `ClienteleError.decoding`.
    public func stream<T: Decodable>(_ source: String, as type: T.Type, origin: String = "<input>",
                                     handle: RunHandle? = nil, _ body: @escaping (T) throws -> Void) throws {
        try run(source, origin: origin, into: DecodingSink(body), handle: handle)
    }
}

/// What changes while an engine is shared between threads, behind one lock.
final class EngineState: @unchecked Sendable {
    struct Fields {
        var session: Session
        var catalog = Catalog()
        var plannerOptions = PlannerOptions()
        var committedScripts = 0
        /// The interruptions of the scripts running now (`Engine.interrupt()` stops them).
        var running: [Interruption] = []
    }

    private let lock = NSLock()
    private var fields: Fields

    init(session: Session) { fields = Fields(session: session) }

    func withLock<T>(_ body: (inout Fields) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&fields)
    }
}

/// Decodes table rows into `T` as they arrive; other outputs are ignored.
final class DecodingSink<T: Decodable>: OutputSink {
    private let body: (T) throws -> Void
    private var layout = RowLayout(columns: [])

    init(_ body: @escaping (T) throws -> Void) { self.body = body }

    func emit(_ output: Output) {}
    func beginTable(_ columns: [ClienteleCore.Column]) { layout = RowLayout(columns: columns) }
    func row(_ values: [Value]) throws { try body(ResultRow(layout: layout, values: values).decode(as: T.self)) }
    func endTable() {}
}
