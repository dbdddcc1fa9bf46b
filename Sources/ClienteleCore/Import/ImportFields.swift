import Foundation

/// The store table an `import` fills.
package enum ImportTarget: String, CaseIterable, Sendable {
    case clients, orders, payments, contacts, categories
    // The dossier's history (HistoryRows): rows are always added.
    case interactions, contracts, conflicts, collections
    // Professional and public holidays (HolidayRows): upserted by name.
    case holidays

    /// Name of one record, for messages ("order", "client").
    package var singular: String {
        switch self {
        case .clients: return "client"
        case .orders: return "order"
        case .payments: return "payment"
        case .contacts: return "contact"
        case .categories: return "category"
        case .interactions: return "interaction"
        case .contracts: return "contract"
        case .conflicts: return "conflict"
        case .collections: return "collection"
        case .holidays: return "holiday"
        }
    }
}

/// What an imported value must look like.
package enum ImportValueKind: String, Sendable {
    case text, date, money, integer, boolean, percent, label
    /// An existing record named by the value (client name or tax id, order number).
    case reference
}

/// One field an import can fill, with the headers that mean it.
package struct FieldSpec: Sendable {
    package let name: String
    package let kind: ImportValueKind
    /// Headers that map to this field besides its own name (matching ignores case,
    /// `ё`/`е`, `_`/space and extra spaces).
    package let synonyms: [String]
    /// Headers that map to this field only when no column matched its name or a synonym
    /// (1C's «Полное наименование» is the name only when there is no short «Наименование»).
    package var fallbacks: [String] = []
}

/// "orders need a date column": at least one of `fields` must be mapped.
package struct ColumnRequirement: Sendable {
    package let what: String
    package let fields: [String]
    /// The field suggested in the message.
    package let mapTo: String
}

package struct TargetCatalog: Sendable {
    package let fields: [FieldSpec]
    package let requirements: [ColumnRequirement]

    package func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// What `map "Column" to …` may name: the fields, then `ignore`.
    package var mapTargets: [String] { fields.map(\.name) + ["ignore"] }
}

extension ImportTarget {
    /// The fields of each target and their synonyms; docs/import-export.md has the same table.
    package var catalog: TargetCatalog {
        switch self {
        case .clients: return ImportCatalogs.clients
        case .orders: return ImportCatalogs.orders
        case .payments: return ImportCatalogs.payments
        case .contacts: return ImportCatalogs.contacts
        case .categories: return ImportCatalogs.categories
        case .interactions: return ImportCatalogs.interactions
        case .contracts: return ImportCatalogs.contracts
        case .conflicts: return ImportCatalogs.conflicts
        case .collections: return ImportCatalogs.collections
        case .holidays: return ImportCatalogs.holidays
        }
    }
}

package enum ImportCatalogs {
    private static func f(_ name: String, _ kind: ImportValueKind, _ synonyms: String...) -> FieldSpec {
        FieldSpec(name: name, kind: kind, synonyms: synonyms)
    }

    private static func f(_ name: String, _ kind: ImportValueKind, _ synonyms: [String], fallbacks: [String]) -> FieldSpec {
        FieldSpec(name: name, kind: kind, synonyms: synonyms, fallbacks: fallbacks)
    }

    package static let clients = TargetCatalog(fields: [
        f("name", .text, ["Наименование", "Название", "Клиент", "Контрагент", "Customer", "Client", "Company"],
          fallbacks: ["Полное наименование", "Наименование полное", "Legal name", "Full name"]),
        f("tax_id", .text, "ИНН", "Tax ID", "INN", "TIN"),
        f("code", .text, "Код", "Код контрагента", "Код клиента", "ID клиента", "Code", "Client code", "Customer code",
          "Customer ID", "CustomerID", "Client ID", "client_code"),
        f("kpp", .text, "КПП", "KPP"),
        f("legal_address", .text, "Юридический адрес", "Юр. адрес", "Legal address"),
        f("actual_address", .text, "Фактический адрес", "Факт. адрес", "Адрес", "Address", "Actual address"),
        f("phone", .text, "Телефон", "Phone", "Tel"),
        f("fax", .text, "Факс", "Fax"),
        f("email", .text, "E-mail", "Email", "Эл. почта", "Электронная почта"),
        f("bank_details", .text, "Банковские реквизиты", "Реквизиты", "Bank details"),
        f("region", .text, "Регион", "Территория", "Бизнес-регион", "Region", "Territory", "Business region"),
        f("direction", .text, "Направление", "Direction"),
        f("activity", .text, "Вид деятельности", "Деятельность", "Activity"),
        f("sales_type", .label, "Тип продаж", "Sales type"),
        f("outlets", .integer, "Торговых точек", "Точек", "Outlets"),
        f("mall_outlets", .integer, "Точек в ТЦ", "Mall outlets"),
        f("source", .text, "Источник", "Source"),
        f("curator", .text, "Менеджер", "Ответственный", "Куратор", "Основной менеджер", "Основной менеджер покупателя",
          "Manager", "Account manager"),
        f("founded", .date, "Дата основания", "Founded"),
        f("agreement_signed", .date, "Соглашение", "Agreement signed"),
        f("contract_signed", .date, "Договор", "Contract signed"),
        f("corporate_card", .boolean, "Корпоративная карта", "Corporate card"),
        f("status_override", .label, "Статус", "Status"),
        f("manual_block", .text, "Блокировка", "Blocked"),
        f("financial_condition", .text, "Финансовое состояние", "Financial condition"),
        f("reliability", .text, "Надёжность", "Reliability"),
        f("notes", .text, "Примечание", "Комментарий", "Notes", "Comment"),
    ], requirements: [
        ColumnRequirement(what: "a name", fields: ["name"], mapTo: "name"),
    ])

    package static let orders = TargetCatalog(fields: [
        f("order_date", .date, "Дата", "Дата заказа", "Order date", "Date"),
        f("number", .text, "Номер", "Номер заказа", "Number", "Order number", "Order"),
        f("client", .reference, "Контрагент", "Покупатель", "Клиент", "Customer", "Client"),
        f("client_tax_id", .reference, "ИНН", "Tax ID", "INN"),
        f("client_code", .reference, "Код контрагента", "Код клиента", "Код покупателя", "ID клиента",
          "Client code", "Customer code", "Customer ID", "CustomerID", "Client ID"),
        f("gross", .money, "Сумма", "Сумма без скидки", "Amount", "Gross"),
        f("discount", .money, "Скидка", "Сумма скидки", "Discount"),
        f("net", .money, "Сумма со скидкой", "Итого", "Выручка", "Net", "Net amount", "Revenue"),
        f("due_date", .date, "Срок оплаты", "Оплатить до", "Due date", "Due"),
        f("status", .label, "Статус", "Status"),
        f("outlet", .integer, "Точка", "Outlet"),
        // Order lines: a file with a category column has one row per line (rows with the
        // same number and client are one order); its amounts are the line's.
        f("category", .text, "Номенклатурная группа", "Категория", "Товарная группа", "Группа товаров", "Группа номенклатуры",
          "Category", "Product category", "Product group"),
        f("quantity", .money, "Количество", "Кол-во", "Quantity", "Qty"),
        f("price", .money, "Цена", "Price", "Unit price"),
    ], requirements: [
        ColumnRequirement(what: "a date", fields: ["order_date"], mapTo: "order_date"),
        ColumnRequirement(what: "a client", fields: ["client", "client_tax_id", "client_code"], mapTo: "client"),
        ColumnRequirement(what: "an amount", fields: ["gross", "net", "price"], mapTo: "gross"),
    ])

    package static let payments = TargetCatalog(fields: [
        f("date", .date, "Дата", "Дата оплаты", "Date", "Payment date", "Paid on"),
        f("number", .text, "Номер документа", "Номер", "Document number", "Number"),
        f("client", .reference, "Контрагент", "Плательщик", "Customer", "Client"),
        f("client_tax_id", .reference, "ИНН", "Tax ID", "INN"),
        f("client_code", .reference, "Код контрагента", "Код клиента", "Код покупателя", "ID клиента",
          "Client code", "Customer code", "Customer ID", "CustomerID", "Client ID"),
        f("amount", .money, "Сумма", "Сумма оплаты", "Amount", "Paid"),
        f("order", .reference, "Основание", "Заказ", "Order", "Order number", "Invoice"),
    ], requirements: [
        ColumnRequirement(what: "a date", fields: ["date"], mapTo: "date"),
        ColumnRequirement(what: "an amount", fields: ["amount"], mapTo: "amount"),
        ColumnRequirement(what: "an order", fields: ["order"], mapTo: "order"),
    ])

    package static let contacts = TargetCatalog(fields: [
        f("client", .reference, "Контрагент", "Клиент", "Организация", "Company", "Client", "Customer"),
        f("client_tax_id", .reference, "ИНН", "Tax ID", "INN"),
        f("client_code", .reference, "Код контрагента", "Код клиента", "Код покупателя", "ID клиента",
          "Client code", "Customer code", "Customer ID", "CustomerID", "Client ID"),
        f("name", .text, "ФИО", "Контактное лицо", "Имя", "Name", "Contact", "Full name"),
        f("position", .text, "Должность", "Position", "Title", "Job title"),
        f("work_phone", .text, "Телефон", "Рабочий телефон", "Phone", "Phones", "Work phone"),
        f("home_phone", .text, "Домашний телефон", "Мобильный телефон", "Home phone", "Mobile"),
        f("email", .text, "E-mail", "Email", "Эл. почта"),
        f("birthday", .date, "День рождения", "Дата рождения", "Birthday", "Date of birth"),
        f("decision_maker", .boolean, "ЛПР", "Принимает решения", "Decision maker"),
    ], requirements: [
        ColumnRequirement(what: "a client", fields: ["client", "client_tax_id", "client_code"], mapTo: "client"),
        ColumnRequirement(what: "a name", fields: ["name"], mapTo: "name"),
    ])

    package static let categories = TargetCatalog(fields: [
        f("name", .text, "Наименование", "Категория", "Название", "Номенклатурная группа", "Товарная группа",
          "Группа номенклатуры", "Category", "Name", "Product group"),
        f("margin", .percent, "Маржа", "Маржинальность", "Margin"),
        // A «Валовая прибыль» / «Анализ продаж» report per category: the margin is profit ÷ revenue.
        f("revenue", .money, "Выручка", "Сумма продаж", "Продажи", "Revenue", "Sales"),
        f("gross_profit", .money, "Валовая прибыль", "Прибыль", "Gross profit", "Profit"),
        f("cost", .money, "Себестоимость", "Cost", "Cost of sales"),
        f("goods_class", .label, "Класс", "Класс товара", "Class", "Goods class"),
        f("fast_moving", .boolean, "Ходовой", "Быстрооборачиваемый", "Fast moving"),
    ], requirements: [
        ColumnRequirement(what: "a name", fields: ["name"], mapTo: "name"),
    ])

    // The dossier's history: a client named by code, tax id or name.
    private static let clientReferences = [
        f("client", .reference, "Контрагент", "Клиент", "Покупатель", "Организация", "Company", "Client", "Customer"),
        f("client_tax_id", .reference, "ИНН", "Tax ID", "INN"),
        f("client_code", .reference, "Код контрагента", "Код клиента", "Код покупателя", "ID клиента",
          "Client code", "Customer code", "Customer ID", "CustomerID", "Client ID"),
    ]
    private static let needsClient = ColumnRequirement(what: "a client", fields: ["client", "client_tax_id", "client_code"], mapTo: "client")

    /// Fields a row of the history must fill (beyond its client).
    package static let requiredHistoryFields: [String: Set<String>] = [
        "interactions": ["date"], "conflicts": ["date"], "collections": ["date", "action"],
    ]

    package static let interactions = TargetCatalog(fields: clientReferences + [
        f("date", .date, "Дата", "Дата контакта", "Date", "Contact date"),
        f("channel", .text, "Канал", "Способ связи", "Вид контакта", "Тип", "Channel", "Type"),
        f("result", .text, "Результат", "Итог", "Result", "Outcome"),
    ], requirements: [needsClient, ColumnRequirement(what: "a date", fields: ["date"], mapTo: "date")])

    package static let contracts = TargetCatalog(fields: clientReferences + [
        f("number", .text, "Номер", "Номер договора", "Number", "Contract number", "Contract"),
        f("signed", .date, "Дата подписания", "Дата договора", "Дата", "Signed", "Date"),
        f("executed", .date, "Дата исполнения", "Исполнен", "Executed"),
        f("terms", .text, "Условия", "Terms"),
    ], requirements: [needsClient])

    package static let conflicts = TargetCatalog(fields: clientReferences + [
        f("date", .date, "Дата", "Date"),
        f("description", .text, "Описание", "Суть", "Претензия", "Description"),
        f("resolution", .text, "Решение", "Урегулирование", "Resolution"),
    ], requirements: [needsClient, ColumnRequirement(what: "a date", fields: ["date"], mapTo: "date")])

    package static let collections = TargetCatalog(fields: clientReferences + [
        f("order", .reference, "Заказ", "Основание", "Документ", "Order", "Order number", "Invoice"),
        f("date", .date, "Дата", "Date"),
        f("action", .text, "Действие", "Мероприятие", "Action"),
        f("result", .text, "Результат", "Result", "Outcome"),
        f("promised_date", .date, "Обещанная дата оплаты", "Обещал оплатить", "Дата обещания", "Promised date", "Promise date"),
        f("promised_amount", .money, "Обещанная сумма", "Promised amount"),
    ], requirements: [ColumnRequirement(what: "a client or an order", fields: ["client", "client_tax_id", "client_code", "order"], mapTo: "client"),
                      ColumnRequirement(what: "a date", fields: ["date"], mapTo: "date"),
                      ColumnRequirement(what: "an action", fields: ["action"], mapTo: "action")])

    /// Holidays: the columns of `export holidays` (name, month, day, weekday, week, activity).
    package static let holidays = TargetCatalog(fields: [
        f("name", .text, "Праздник", "Название", "Наименование", "Holiday", "Name"),
        f("month", .integer, "Месяц", "Month"),
        f("day", .integer, "День", "Число", "День месяца", "Day", "Day of month"),
        f("weekday", .integer, "День недели", "Weekday", "Day of week"),
        f("week", .integer, "Неделя", "Неделя месяца", "Week", "Week of month"),
        f("activity", .text, "Вид деятельности", "Деятельность", "Activity"),
    ], requirements: [
        ColumnRequirement(what: "a name", fields: ["name"], mapTo: "name"),
        ColumnRequirement(what: "a month", fields: ["month"], mapTo: "month"),
        ColumnRequirement(what: "a day or a weekday", fields: ["day", "weekday"], mapTo: "day"),
    ])
}
