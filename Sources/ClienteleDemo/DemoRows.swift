import ClienteleCore

// The demo rows as values, in the store's column order. Dates are day numbers
// (`CalendarDate.dayNumber`): the writer turns them into ISO text however is cheapest for it
// (`DemoDates`), the generator never formats a date it does not need to.

/// What the generator takes from the store: the categories (id and name, in id order) and
/// the default activities (a client's activity is one of them; its line of business is the
/// category of the same name, when there is one).
package struct DemoReference: Sendable {
    package var categories: [(id: Int64, name: String)]
    package var activities: [String]

    package init(categories: [(id: Int64, name: String)], activities: [String]) {
        self.categories = categories
        self.activities = activities
    }
}

package struct DemoClientRow {
    package var id: Int64
    package var name: String
    package var taxID: String
    package var kpp: String?
    package var legalAddress: String
    package var actualAddress: String
    package var phone: String
    package var fax: String?
    package var email: String?
    package var bankDetails: String?
    package var region: String
    package var direction: String
    package var activity: String
    package var salesType: String
    package var outlets: Int
    package var mallOutlets: Int
    package var source: String
    package var curator: String
    package var foundedDay: Int
    package var agreementDay: Int?
    package var contractDay: Int?
    package var corporateCard: Int
    package var manualBlock: String?
    package var financialCondition: String?
    package var reliability: String?
    package var notes: String?
    package var createdAt: String
    package var updatedAt: String
}

package struct DemoContactRow {
    package var id: Int64
    package var clientID: Int64
    package var name: String
    package var position: String?
    package var workPhone: String?
    package var homePhone: String?
    package var email: String?
    package var birthdayDay: Int?
    package var decisionMaker: Int
}

package struct DemoContractRow {
    package var id: Int64
    package var clientID: Int64
    package var number: String
    package var signedDay: Int
    package var executedDay: Int?
    package var terms: String
}

package struct DemoInteractionRow {
    package var id: Int64
    package var clientID: Int64
    package var day: Int
    package var channel: String
    package var result: String
}

package struct DemoConflictRow {
    package var id: Int64
    package var clientID: Int64
    package var day: Int
    package var description: String
    package var resolution: String?
}

/// The order's number is `numberPrefix` and its id on 7 digits ("РН-0000042"), left to the
/// writer so that it can build it without a `String`.
package struct DemoOrderRow {
    package static let numberPrefix = Array("РН-".utf8)

    package var id: Int64
    package var clientID: Int64
    package var outlet: Int
    package var day: Int
    package var dueDay: Int
    package var grossMinor: Int64
    package var discountMinor: Int64
    package var netMinor: Int64
    package var status: String
}

package struct DemoOrderLineRow {
    package var id: Int64
    package var orderID: Int64
    package var categoryID: Int64
    package var grossMinor: Int64
}

/// The number is `numberPrefix` and the id on 7 digits ("ПП-0000042").
package struct DemoPaymentRow {
    package static let numberPrefix = Array("ПП-".utf8)

    package var id: Int64
    package var orderID: Int64
    package var day: Int
    package var amountMinor: Int64
}

/// Where the generated rows go, one at a time in the order a store can take them (a
/// client, then its contacts, contract, interactions, conflicts, orders with their lines
/// and payments). A writer that throws stops the generation.
package protocol DemoRowSink {
    mutating func client(_ row: DemoClientRow) throws
    mutating func contact(_ row: DemoContactRow) throws
    mutating func contract(_ row: DemoContractRow) throws
    mutating func interaction(_ row: DemoInteractionRow) throws
    mutating func conflict(_ row: DemoConflictRow) throws
    mutating func order(_ row: DemoOrderRow) throws
    mutating func orderLine(_ row: DemoOrderLineRow) throws
    mutating func payment(_ row: DemoPaymentRow) throws
}
