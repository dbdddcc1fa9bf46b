import Foundation

/// Everything the engine throws to a host, by kind. Each kind carries the same `Details`:
/// the one-line message, the text the `clientele` program would print, and where in the
/// script it happened.
///
/// ```swift
/// do {
///     try engine.run(script)
/// } catch ClienteleError.check(let details) {
///     for d in details.diagnostics { print(d.span.line, d.message) }   // nothing ran
/// } catch ClienteleError.storeBusy {
///     retryLater()                                                       // nothing changed
/// } catch let error as ClienteleError {
///     print(error.text)                                                  // nothing changed
/// }
/// ```
public enum ClienteleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The script did not check (unknown names, wrong types, syntax): nothing ran.
    case check(Details)
    /// A statement failed while running (division by zero, a broken rule of the store,
    /// a missing client...): the script's changes were rolled back.
    case runtime(Details)
    /// Another program held the store locked longer than the busy timeout.
    case storeBusy(Details)
    /// The store cannot be written (opened read-only, or a read-only file).
    case readOnly(Details)
    /// `RunHandle.cancel()`, `Engine.interrupt()` or a cancelled task stopped the run.
    case interrupted(Details)
    /// A file could not be read or written (a store, an import, an export, a full disk).
    case io(Details)
    /// A result row does not decode into the host's type (see `ResultRow.decode(as:)`).
    case decoding(Details)

    /// What every kind carries.
    ///
    /// ```swift
    /// if case .runtime(let d) = error { log("line \(d.span?.line ?? 0): \(d.message)") }
    /// ```
    public struct Details: Sendable, Equatable {
        /// One line: "division by zero", "interrupted; nothing was changed".
        public var message: String
        /// The full report as the `clientele` program prints it (with the source line and
        /// a caret when the failure has a place in the script).
        public var text: String
        /// Where in the script, when known.
        public var span: SourceSpan?
        /// Every problem found, for `.check` (empty for the other kinds).
        public var diagnostics: [Diagnostic]

        /// Details of a host's own making (tests, wrappers).
        ///
        /// ```swift
        /// throw ClienteleError.io(.init(message: "the report folder is gone"))
        /// ```
        public init(message: String, text: String? = nil, span: SourceSpan? = nil, diagnostics: [Diagnostic] = []) {
            self.message = message
            self.text = text ?? message + "\n"
            self.span = span
            self.diagnostics = diagnostics
        }
    }

    /// The details, whatever the kind.
    ///
    /// ```swift
    /// catch let e as ClienteleError { show(e.details.message) }
    /// ```
    public var details: Details {
        switch self {
        case .check(let d), .runtime(let d), .storeBusy(let d), .readOnly(let d), .interrupted(let d),
             .io(let d), .decoding(let d):
            return d
        }
    }

    /// The one-line message (`details.message`).
    ///
    /// ```swift
    /// XCTAssertEqual((error as? ClienteleError)?.message, "division by zero")
    /// ```
    public var message: String { details.message }

    /// The full report (`details.text`), as the `clientele` program prints it.
    ///
    /// ```swift
    /// FileHandle.standardError.write(Data(error.text.utf8))
    /// ```
    public var text: String { details.text }

    /// Every diagnostic of a `.check` failure; empty for the other kinds.
    ///
    /// ```swift
    /// let lines = error.diagnostics.map(\.span.line)
    /// ```
    public var diagnostics: [Diagnostic] { details.diagnostics }

    /// Where in the script, when known.
    ///
    /// ```swift
    /// editor.highlight(line: error.span?.line)
    /// ```
    public var span: SourceSpan? { details.span }

    /// The full report, `text`.
    public var description: String { details.text }

    /// Any error from the engine, the store or the host's own code, as its kind: an error
    /// that already is a `ClienteleError` stays as it is; an unknown one is `.runtime`.
    ///
    /// ```swift
    /// do { store = try Store(path: path) } catch { throw ClienteleError(error) }   // .io
    /// ```
    public init(_ error: any Error) {
        switch error {
        case let e as ClienteleError:
            self = e
        case let f as CheckFailure:
            self = .check(Details(message: f.diagnostics.first?.message ?? "the script does not check",
                                  text: f.rendered(), span: f.diagnostics.first?.span, diagnostics: f.diagnostics))
        case let f as ExecutionFailure:
            self = ClienteleError.make(f.kind, Details(message: f.message, text: f.rendered(), span: f.span))
        default:
            self = ClienteleError.make(ExecutionFailure.kind(of: error), Details(message: ExecutionFailure.explain(error)))
        }
    }

    /// The kinds a failure can be of, without details (for `ExecutionFailure`).
    enum Kind: Sendable {
        case runtime, storeBusy, readOnly, interrupted, io, decoding
    }

    static func make(_ kind: Kind, _ details: Details) -> ClienteleError {
        switch kind {
        case .runtime: return .runtime(details)
        case .storeBusy: return .storeBusy(details)
        case .readOnly: return .readOnly(details)
        case .interrupted: return .interrupted(details)
        case .io: return .io(details)
        case .decoding: return .decoding(details)
        }
    }
}

extension ExecutionFailure {
    /// Which kind of failure an error underneath a statement is.
    static func kind(of error: any Error) -> ClienteleError.Kind {
        switch error {
        case let e as ClienteleError:
            switch e {
            case .check, .runtime: return .runtime
            case .storeBusy: return .storeBusy
            case .readOnly: return .readOnly
            case .interrupted: return .interrupted
            case .io: return .io
            case .decoding: return .decoding
            }
        case let e as StoreError:
            switch e.kind {
            case .interrupted: return .interrupted
            case .busy, .conflict: return .storeBusy
            case .readOnly: return .readOnly
            case .diskFull: return .io
            case .constraint, .other: return .runtime
            }
        case RuntimeError.readOnly: return .readOnly
        case is Store.OpenError, is ImportError, is ExportError, is CocoaError: return .io
        default: return .runtime
        }
    }
}
