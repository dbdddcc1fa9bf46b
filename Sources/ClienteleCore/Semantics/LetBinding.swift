/// A `let` binding, checked: the object its rows come from, its stages after the binding
/// it was defined from (`parent`), and what those stages left (scope, shape...), where the
/// stages of a pipeline that uses the name continue.
///
/// A binding holds its parent, not a copy of the parent's stages, so a chain of n lets
/// costs n stages of memory, not n²; and it holds the parent *value*, not its name, so
/// `let a = a | where id > 5` refines the previous `a` (shadowing, as in PRQL or Rust), and
/// redefining a name later does not change the bindings made from it before.
package final class LetBinding: @unchecked Sendable {
    package struct State: Sendable {
        package var scope: Checker.Scope
        package var shape: ResultShape
        package var hasFilter: Bool
        package var mentioned: [String]
        /// Set while the rows are a group's (and only filtered, sorted or cut since).
        package var grouped: GroupedResult? = nil
    }

    package let object: ObjectDef
    /// Never changed after init, except cut in `deinit` (see there).
    private var parent: LetBinding?
    package let stages: [CheckedStage]
    package let state: State
    /// Stages from the source object to the end of this binding.
    package let depth: Int

    package init(object: ObjectDef, parent: LetBinding?, stages: [CheckedStage], state: State) {
        self.object = object
        self.parent = parent
        self.stages = stages
        self.state = state
        self.depth = (parent?.depth ?? 0) + stages.count
    }

    /// Every stage from the source object on, in order.
    package var allStages: [CheckedStage] {
        var chain: [LetBinding] = []
        var node: LetBinding? = self
        while let n = node { chain.append(n); node = n.parent }
        var out: [CheckedStage] = []
        out.reserveCapacity(depth)
        for n in chain.reversed() { out += n.stages }
        return out
    }

    /// Releases a long chain of parents one by one: letting Swift release them recursively
    /// would take a stack frame per binding and could overflow the stack.
    deinit {
        var next = parent
        parent = nil
        while next != nil && isKnownUniquelyReferenced(&next!) {
            let following = next!.parent
            next!.parent = nil
            next = following
        }
    }
}
