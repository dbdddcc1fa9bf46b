import XCTest
@testable import Clientele
import ClienteleTestSupport

/// Per-run cancellation, `async` runs and progress, on InterruptionTests' store (40,000 more
/// orders, scanned in Swift). Where a cancel happens is fixed by the check hooks and the
/// progress callback, not by timing.
extension InterruptionTests {
    static let scan = "segment clients by abc, risk over all"

    func scanningEngine() throws -> Engine {
        let engine = try engine()
        engine.store.facts.scansOrders = true
        return engine
    }

    func testCancellingOneRunLeavesAnotherRunOfTheSameEngineGoing() throws {
        let engine = try scanningEngine()
        let first = RunHandle(), second = RunHandle()
        var checks = 0
        let secondResult = Box<Result<[Output], Error>>()
        first.interruption.onCheck = { pass in
            guard pass == .orderScan else { return }
            checks += 1
            guard checks == 3 else { return }
            first.cancel()
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                secondResult.value = Result { try engine.run("clients | where id == 1 | count", handle: second) }
                done.signal()
            }
            done.wait()
        }
        XCTAssertThrowsError(try engine.run(InterruptionTests.scan, handle: first)) { error in
            guard case .interrupted(let d)? = error as? ClienteleError else { return XCTFail("\(error)") }
            XCTAssertEqual(d.message, "interrupted; nothing was changed")
        }
        XCTAssertEqual(checks, 3, "the first run stops at the check after its cancel")
        XCTAssertEqual(try secondResult.value?.get(), [.scalar(name: "count", value: .integer(1))])
        XCTAssertTrue(first.isCancelled)
        XCTAssertFalse(second.isCancelled)
    }

    func testInterruptStopsThisEnginesRunsOnlyNotAnotherEngineOnTheSameStore() throws {
        let engine = try scanningEngine()
        let other = Engine(store: engine.store, session: engine.session)
        let first = RunHandle(), second = RunHandle()
        var firstChecks = 0, secondChecks = 0
        let secondResult = Box<Result<[Output], Error>>()
        // The second engine's scan calls the first engine's interrupt() from inside itself.
        second.interruption.onCheck = { pass in
            guard pass == .orderScan else { return }
            secondChecks += 1
            if secondChecks == 3 { engine.interrupt() }
        }
        first.interruption.onCheck = { pass in
            guard pass == .orderScan else { return }
            firstChecks += 1
            guard firstChecks == 3 else { return }
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                secondResult.value = Result { try other.run(InterruptionTests.scan, handle: second) }
                done.signal()
            }
            done.wait()
        }
        XCTAssertThrowsError(try engine.run(InterruptionTests.scan, handle: first)) { error in
            guard case .interrupted? = error as? ClienteleError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(firstChecks, 3)
        XCTAssertGreaterThan(secondChecks, 3, "the other engine's scan ran to its end")
        XCTAssertNoThrow(try secondResult.value?.get())
        XCTAssertEqual(try engine.run("clients | where id == 1 | count"), [.scalar(name: "count", value: .integer(1))])
    }

    func testProgressReportsTheScanAndCancellingTheTaskStopsIt() async throws {
        let engine = try scanningEngine()
        // The task is cancelled from inside its own run, at the first progress report.
        let reports = Reports()
        let task = Task {
            try await engine.run(InterruptionTests.scan, progress: { p in
                reports.add(p)
                reports.cancelTask()
            })
        }
        reports.setTask(task)
        let result = await task.result
        guard case .failure(let error) = result, case .interrupted? = error as? ClienteleError else {
            return XCTFail("expected interrupted, got \(result)")
        }
        let seen = reports.all
        XCTAssertEqual(seen.map(\.phase), ["scanning orders"])
        XCTAssertEqual(seen.first?.done, Interruption.mask + 1)

        // Not cancelled, the same script reports its phases and returns its outputs.
        let all = Reports()
        let outputs = try await engine.run(InterruptionTests.scan, progress: { all.add($0) })
        XCTAssertFalse(outputs.isEmpty)
        XCTAssertTrue(all.all.contains { $0.phase == "scanning orders" }, "\(all.all)")
        XCTAssertTrue(all.all.allSatisfy { $0.done > 0 && $0.done % (Interruption.mask + 1) == 0 }, "\(all.all)")
    }

    func testATaskCancelledBeforeItsRunStopsBeforeTheFirstStatement() async throws {
        let engine = try Fixture.engine()
        let before = try engine.store.contentChecksum()
        let task = Task { () async throws -> [Output] in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await engine.run("delete all payments\npayments | count")
        }
        let result = await task.result
        guard case .failure(let error) = result, case .interrupted? = error as? ClienteleError else {
            return XCTFail("expected interrupted, got \(result)")
        }
        XCTAssertEqual(try engine.store.contentChecksum(), before)
        let outputs = try await engine.run("clients | where id == 1 | count")
        XCTAssertEqual(outputs, [.scalar(name: "count", value: .integer(1))])
    }

    func testProgressIsThrottledPerPhase() {
        let seen = Reports()
        // An interval no test outlives: only a change of phase reports again.
        let reporter = ProgressReporter(interval: .max) { seen.add($0) }
        reporter.report(.orderScan, done: 4096, total: nil)
        reporter.report(.orderScan, done: 8192, total: nil)
        reporter.report(.rankings, done: 4096, total: nil)
        reporter.report(.rankings, done: 8192, total: nil)
        reporter.report(.importRows, done: 10, total: 40)
        XCTAssertEqual(seen.all, [RunProgress(phase: "scanning orders", done: 4096),
                                  RunProgress(phase: "ranking clients", done: 4096),
                                  RunProgress(phase: "importing", done: 10, total: 40, unit: "bytes")])
        XCTAssertEqual(seen.all.last?.fraction, 0.25)
        XCTAssertEqual(seen.all.last?.description, "importing: 10 of 40 bytes")
    }
}

/// Progress reports and the task to cancel, shared with the running thread.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [RunProgress] = []
    private var task: Task<[Output], Error>?
    private let taskSet = DispatchSemaphore(value: 0)

    func add(_ p: RunProgress) { lock.withLock { reports.append(p) } }
    var all: [RunProgress] { lock.withLock { reports } }

    func setTask(_ t: Task<[Output], Error>) {
        lock.withLock { task = t }
        taskSet.signal()
    }

    /// Waits until the task is known (the run may report before `Task {}` returns).
    func cancelTask() {
        taskSet.wait()
        taskSet.signal()
        lock.withLock { task }?.cancel()
    }
}

/// A value set on one thread and read on another after a semaphore.
final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
