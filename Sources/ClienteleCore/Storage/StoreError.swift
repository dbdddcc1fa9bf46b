/// A failure of the store, in the engine's terms: what kind of failure, and the store's own
/// text. The backend maps its error codes to these kinds, so the engine explains a failure
/// without knowing which database ran the statement.
package struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// Another program holds the store locked.
        case busy
        /// Another session changed the same rows at the same time (a serialization failure
        /// or a deadlock): the transaction was rolled back and can run again.
        case conflict
        /// The store cannot be written (a read-only file or opening).
        case readOnly
        /// The statement was stopped (Ctrl-C, a host's cancel).
        case interrupted
        /// A rule of the store broke (unique, not null, foreign key, check, a trigger's
        /// refusal); `message` is the store's sentence for it.
        case constraint
        case diskFull
        /// Anything else: `message` is the store's text.
        case other
    }

    package var kind: Kind
    package var message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind; self.message = message
    }

    package var description: String { message }

    /// What the engine throws when a pass in Swift sees an interrupt request.
    package static let interrupted = StoreError(.interrupted, "interrupted")
}
