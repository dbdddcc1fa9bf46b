/// Choices of the planner that do not change any answer, only how it is computed: a value
/// per engine (`Engine.plannerOptions`), so tests compare the ways side by side without
/// touching anything another engine sees.
package struct PlannerOptions: Sendable, Equatable {
    /// Whether a final `group` of plain counts and sums may be grouped in memory rather
    /// than by SQLite's GROUP BY (GroupInMemory). Tests turn it off to compare the two.
    package var groupsInMemory = true
    package init(groupsInMemory: Bool = true) { self.groupsInMemory = groupsInMemory }
}
