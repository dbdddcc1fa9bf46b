/// Minimises a function of a few variables without derivatives (Nelder & Mead 1965, with
/// the usual coefficients: reflection 1, expansion 2, contraction ½, shrink ½). The models
/// fit their parameters on a log scale with it, so every parameter stays positive.
/// Restarts from the best point until a restart no longer improves it, which guards against
/// a simplex that collapsed early.
package struct NelderMead {
    package var tolerance = 1e-12
    package var maxIterations = 20_000
    package var maxRestarts = 8

    package init() {}

    package struct Result: Sendable {
        package var point: [Double]
        package var value: Double
        package var iterations: Int
    }

    package func minimize(_ f: ([Double]) -> Double, from start: [Double], step: Double = 0.5) -> Result {
        var best = run(f, from: start, step: step)
        var total = best.iterations
        for _ in 0..<maxRestarts {
            let again = run(f, from: best.point, step: step / 4)
            total += again.iterations
            let improved = best.value - again.value > tolerance * (1 + abs(best.value))
            if again.value < best.value { best = again }
            if !improved { break }
        }
        best.iterations = total
        return best
    }

    private func run(_ raw: ([Double]) -> Double, from start: [Double], step: Double) -> Result {
        // A point where the function is not a number counts as infinitely bad.
        func f(_ x: [Double]) -> Double { let v = raw(x); return v.isNaN ? .infinity : v }
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var p = start
            p[i] += step
            simplex.append(p)
        }
        var values = simplex.map(f)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            let size = (1...n).map { i in zip(simplex[i], simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spread <= tolerance * (1 + abs(values[0])) && size <= 1e-10 { break }
            var centroid = Array(repeating: 0.0, count: n)
            for p in simplex[0..<n] { for j in 0..<n { centroid[j] += p[j] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = f(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = f(contracted)
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i])
                    }
                }
            }
        }
        let i = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[i], value: values[i], iterations: iterations)
    }
}
