/// A category's margin is a share of its net revenue: 0% (sold at cost) to 100% (no cost),
/// in basis points. One rule for the store's trigger and the `update` that names the first
/// category breaking it.
package enum CategoryMargin {
    package static let range: ClosedRange<Int64> = 0...10_000
}
