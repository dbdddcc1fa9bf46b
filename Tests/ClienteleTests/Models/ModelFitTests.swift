import XCTest
@testable import ClienteleCore

/// The customer-base models against published numbers: the CDNOW sample (2,357 customers,
/// weeks) of Fader, Hardie & Lee (2005) and Fader & Hardie's Gamma–Gamma note.
final class ModelFitTests: XCTestCase {
    static let cdnow: [PurchaseHistory] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("CDNOW/cdnow_customers_summary_with_transactions.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",").map { Double($0)! }
            return PurchaseHistory(frequency: f[1], recency: f[2], age: f[3], monetary: f[4])
        }
    }()

    func testTheSampleHasItsCustomers() {
        XCTAssertEqual(Self.cdnow.count, 2357)
        XCTAssertEqual(Self.cdnow.filter(GammaGamma.usable).count, 946)
    }

    func testBGNBDReproducesThePublishedFit() {
        let (m, ll) = BGNBD.fit(Self.cdnow)
        XCTAssertEqual(m.r, 0.243, accuracy: 0.0005)
        XCTAssertEqual(m.alpha, 4.414, accuracy: 0.0005)
        XCTAssertEqual(m.a, 0.793, accuracy: 0.0005)
        XCTAssertEqual(m.b, 2.426, accuracy: 0.0005)
        XCTAssertEqual(ll, -9582.4, accuracy: 0.05)
    }

    func testGammaGammaReproducesThePublishedFit() {
        let (m, _) = GammaGamma.fit(Self.cdnow)
        XCTAssertEqual(m.p, 6.25, accuracy: 0.005)
        XCTAssertEqual(m.q, 3.74, accuracy: 0.005)
        // The note gives 15.44; the maximum of this (cent-rounded) summary is 15.448.
        XCTAssertEqual(m.gamma, 15.44, accuracy: 0.01)
    }

    /// The paper's worked numbers for the published parameters: a customer with x = 2,
    /// tₓ = 30.43, T = 38.86 (the sample's first) and the expected purchases in 39 weeks.
    func testPredictionsFollowThePaper() {
        let m = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let first = PurchaseHistory(frequency: 2, recency: 30.43, age: 38.86)
        let single = PurchaseHistory(frequency: 0, recency: 0, age: 38.86)
        XCTAssertEqual(m.probabilityAlive(single), 1)
        let alive = m.probabilityAlive(first)
        XCTAssertGreaterThan(alive, 0.5)
        XCTAssertLessThan(alive, 1)
        // Expected purchases grow with the horizon and start at 0.
        XCTAssertEqual(m.expectedPurchases(first, within: 0), 0)
        let e39 = m.expectedPurchases(first, within: 39)
        let e78 = m.expectedPurchases(first, within: 78)
        XCTAssertGreaterThan(e39, 0)
        XCTAssertGreaterThan(e78, e39)
        // Computed independently with scipy.special.hyp2f1 for these parameters: 1.22603.
        XCTAssertEqual(e39, 1.226, accuracy: 0.001)
    }

    func testTheFastLikelihoodIsTheSumOverCustomers() {
        let m = BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        XCTAssertEqual(BGNBD.LikelihoodSum(Self.cdnow).logLikelihood(m), m.logLikelihood(Self.cdnow), accuracy: 1e-6)
        XCTAssertEqual(m.logLikelihood(Self.cdnow), -9582.43, accuracy: 0.05)
    }

    func testHypergeometricFunctionMatchesClosedForms() {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z; 2F1(a, b; b; z) = (1 − z)^(−a).
        for z in [0.1, 0.5, 0.9, 0.99] {
            XCTAssertEqual(SpecialFunctions.hypergeometric2F1(1, 1, 2, z), -log(1 - z) / z, accuracy: 1e-9)
            XCTAssertEqual(SpecialFunctions.hypergeometric2F1(0.7, 2.5, 2.5, z), pow(1 - z, -0.7), accuracy: 1e-9)
        }
        XCTAssertEqual(SpecialFunctions.logBeta(2, 3), log(1.0 / 12), accuracy: 1e-12)
        XCTAssertEqual(SpecialFunctions.logAddExp(1000, 1000), 1000 + log(2), accuracy: 1e-9)
    }

    func testNelderMeadFindsTheRosenbrockMinimum() {
        let r = NelderMead().minimize({ p in pow(1 - p[0], 2) + 100 * pow(p[1] - p[0] * p[0], 2) }, from: [-1.2, 1])
        XCTAssertEqual(r.point[0], 1, accuracy: 1e-4)
        XCTAssertEqual(r.point[1], 1, accuracy: 1e-4)
    }

    func testHistoriesFromOrderDays() throws {
        let d = { (s: String) in CalendarDate(iso: s)! }
        let days = [OrderDay(client: 1, day: d("2025-01-10"), netMinor: 100_00),
                    OrderDay(client: 1, day: d("2025-01-10"), netMinor: 50_00),   // same day: one purchase
                    OrderDay(client: 1, day: d("2025-03-01"), netMinor: 200_00),
                    OrderDay(client: 1, day: d("2025-06-30"), netMinor: 300_00),
                    OrderDay(client: 2, day: d("2025-12-01"), netMinor: 70_00)]
        let h = ClientLifetimeModel.histories(days, end: d("2025-12-31"))
        XCTAssertEqual(h[1], PurchaseHistory(frequency: 2, recency: 171, age: 355, monetary: 250_00))
        XCTAssertEqual(h[2], PurchaseHistory(frequency: 0, recency: 0, age: 30, monetary: 0))
        XCTAssertThrowsError(try ClientLifetimeModel.fit(h)) { error in
            XCTAssertEqual(error as? ClientLifetimeModel.FitProblem, .tooFewClients(2, repeatClients: 1))
        }
    }

    /// CLV: the discounted sum of monthly expected purchases times the expected value.
    func testLifetimeValueDiscountsEachMonth() throws {
        var histories: [Int64: PurchaseHistory] = [:]
        for (i, h) in Self.cdnow.prefix(400).enumerated() {
            // Weeks to days, dollars to cents: the store's units.
            histories[Int64(i + 1)] = PurchaseHistory(frequency: h.frequency, recency: h.recency * 7,
                                                      age: h.age * 7, monetary: h.monetary * 100)
        }
        let model = try ClientLifetimeModel.fit(histories)
        let undiscounted = try XCTUnwrap(model.lifetimeValue(1, months: 12, monthlyRate: 0))
        let discounted = try XCTUnwrap(model.lifetimeValue(1, months: 12, monthlyRate: 0.01))
        XCTAssertGreaterThan(undiscounted, discounted)
        let h = histories[1]!
        let expected = model.value.expectedValue(h) * model.frequency.expectedPurchases(h, within: 360)
        XCTAssertEqual(Double(undiscounted), expected, accuracy: 1)
        XCTAssertEqual(model.lifetimeValue(1, months: 0, monthlyRate: 0.01), 0)
        XCTAssertNil(model.lifetimeValue(9999, months: 12, monthlyRate: 0.01))
    }
}
