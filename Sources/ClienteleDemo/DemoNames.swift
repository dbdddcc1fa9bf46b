import Foundation
import ClienteleCore

/// Word lists and text builders for the demo data generator: company names in Russian and
/// English, people, addresses, phones, e-mails. Cyrillic is exercised on purpose, Ё/ё
/// included (Ёлкин, Королёв, «Зелёный Клён»), because sorting, folding and import/export
/// of such text is exactly what breaks first in real client bases.
enum DemoNames {
    // MARK: Regions, cities, phone codes

    struct Region {
        let name: String
        let weight: Int
        let cities: [(city: String, code: String, postal: String)]
    }

    static let regions: [Region] = [
        Region(name: "Center", weight: 24, cities: [
            ("Москва", "495", "101"), ("Тверь", "4822", "170"), ("Тула", "4872", "300"), ("Ярославль", "4852", "150")]),
        Region(name: "North-West", weight: 14, cities: [
            ("Санкт-Петербург", "812", "190"), ("Псков", "8112", "180"), ("Калининград", "4012", "236"),
            ("Великий Новгород", "8162", "173")]),
        Region(name: "North", weight: 6, cities: [
            ("Архангельск", "8182", "163"), ("Мурманск", "8152", "183"), ("Петрозаводск", "8142", "185"),
            ("Сыктывкар", "8212", "167")]),
        Region(name: "South", weight: 14, cities: [
            ("Краснодар", "861", "350"), ("Ростов-на-Дону", "863", "344"), ("Волгоград", "8442", "400"),
            ("Ставрополь", "8652", "355")]),
        Region(name: "Volga", weight: 15, cities: [
            ("Казань", "843", "420"), ("Самара", "846", "443"), ("Нижний Новгород", "831", "603"), ("Саратов", "8452", "410")]),
        Region(name: "Urals", weight: 12, cities: [
            ("Екатеринбург", "343", "620"), ("Челябинск", "351", "454"), ("Пермь", "342", "614"), ("Тюмень", "3452", "625")]),
        Region(name: "Siberia", weight: 10, cities: [
            ("Новосибирск", "383", "630"), ("Омск", "3812", "644"), ("Красноярск", "391", "660"), ("Иркутск", "3952", "664")]),
        Region(name: "Far East", weight: 5, cities: [
            ("Владивосток", "423", "690"), ("Хабаровск", "4212", "680"), ("Якутск", "4112", "677"),
            ("Петропавловск-Камчатский", "4152", "683")]),
    ]
    static let regionWeights = regions.map(\.weight)

    static let streets = [
        "ул. Ленина", "ул. Садовая", "пр-т Мира", "ул. Зелёная", "ул. Берёзовая", "ул. Королёва", "наб. Речная",
        "пер. Почтовый", "ул. Советская", "ул. Лесная", "ул. Пушкина", "ш. Энтузиастов", "ул. Фёдорова",
        "ул. Звёздная", "пр-т Победы", "ул. Гагарина", "ул. Щорса", "ул. Ёлочная", "б-р Тёплый", "ул. Кирова",
    ]

    // MARK: People

    /// Male first name with the patronymics derived from it (masculine, feminine).
    static let ruMale: [(name: String, patM: String, patF: String)] = [
        ("Александр", "Александрович", "Александровна"), ("Сергей", "Сергеевич", "Сергеевна"),
        ("Алексей", "Алексеевич", "Алексеевна"), ("Андрей", "Андреевич", "Андреевна"),
        ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Пётр", "Петрович", "Петровна"),
        ("Фёдор", "Фёдорович", "Фёдоровна"), ("Семён", "Семёнович", "Семёновна"),
        ("Артём", "Артёмович", "Артёмовна"), ("Михаил", "Михайлович", "Михайловна"),
        ("Иван", "Иванович", "Ивановна"), ("Николай", "Николаевич", "Николаевна"),
        ("Юрий", "Юрьевич", "Юрьевна"), ("Олег", "Олегович", "Олеговна"),
        ("Игорь", "Игоревич", "Игоревна"), ("Владимир", "Владимирович", "Владимировна"),
    ]
    static let ruFemale = [
        "Ольга", "Анна", "Елена", "Татьяна", "Наталья", "Мария", "Алёна", "Ирина",
        "Светлана", "Юлия", "Екатерина", "Дарья", "Ксения", "Людмила", "Софья", "Полина",
    ]
    /// Surnames (masculine, feminine).
    static let ruSurnames: [(m: String, f: String)] = [
        ("Ёлкин", "Ёлкина"), ("Королёв", "Королёва"), ("Соловьёв", "Соловьёва"), ("Воробьёв", "Воробьёва"),
        ("Дёмин", "Дёмина"), ("Жёлудев", "Жёлудева"), ("Ковалёв", "Ковалёва"), ("Журавлёв", "Журавлёва"),
        ("Фёдоров", "Фёдорова"), ("Семёнов", "Семёнова"), ("Ёжиков", "Ёжикова"), ("Пискарёв", "Пискарёва"),
        ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
        ("Соколов", "Соколова"), ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Новиков", "Новикова"),
        ("Морозов", "Морозова"), ("Волков", "Волкова"), ("Алексеев", "Алексеева"), ("Орлов", "Орлова"),
        ("Ершов", "Ершова"), ("Белов", "Белова"), ("Медведев", "Медведева"), ("Щукин", "Щукина"),
        ("Чернов", "Чернова"), ("Гончаров", "Гончарова"), ("Зуев", "Зуева"), ("Толстой", "Толстая"),
        ("Ким", "Ким"), ("Цой", "Цой"), ("Шевчук", "Шевчук"), ("Эйхман", "Эйхман"),
    ]
    static let enFirst = ["John", "Emily", "Michael", "Sarah", "David", "Laura", "James", "Anna",
                          "Robert", "Kate", "Thomas", "Olivia", "Peter", "Helen"]
    static let enLast = ["Smith", "Miller", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Wright",
                         "Hughes", "Green", "O'Brien", "Baker", "Turner", "Young"]

    static let ruPositionsLead = ["Генеральный директор", "Директор", "Коммерческий директор", "Заместитель директора"]
    static let ruPositions = ["Менеджер по закупкам", "Главный бухгалтер", "Товаровед", "Управляющий магазином",
                              "Бухгалтер", "Администратор", "Руководитель отдела закупок"]
    static let enPositionsLead = ["CEO", "Managing Director", "Sales Director", "Owner"]
    static let enPositions = ["Purchasing Manager", "Chief Accountant", "Store Manager", "Buyer", "Office Manager"]

    /// The department's account managers (curators): every client has exactly one.
    static let curators = [
        "Анна Королёва", "Пётр Ёлкин", "Ольга Смирнова", "Сергей Фёдоров", "Наталья Дёмина", "Артём Соловьёв",
        "Ирина Кузнецова", "Дмитрий Орлов", "Алёна Семёнова", "Михаил Лебедев", "Екатерина Журавлёва", "Игорь Волков",
    ]

    // MARK: Company names

    /// Adjective forms (masculine, feminine, neuter).
    static let ruAdjectives: [(String, String, String)] = [
        ("Северный", "Северная", "Северное"), ("Зелёный", "Зелёная", "Зелёное"), ("Весёлый", "Весёлая", "Весёлое"),
        ("Звёздный", "Звёздная", "Звёздное"), ("Синий", "Синяя", "Синее"), ("Тёплый", "Тёплая", "Тёплое"),
        ("Пёстрый", "Пёстрая", "Пёстрое"), ("Золотой", "Золотая", "Золотое"), ("Чёрный", "Чёрная", "Чёрное"),
        ("Белый", "Белая", "Белое"), ("Южный", "Южная", "Южное"), ("Новый", "Новая", "Новое"),
        ("Лёгкий", "Лёгкая", "Лёгкое"), ("Красный", "Красная", "Красное"), ("Ясный", "Ясная", "Ясное"),
        ("Уральский", "Уральская", "Уральское"), ("Сибирский", "Сибирская", "Сибирское"),
        ("Волжский", "Волжская", "Волжское"), ("Столичный", "Столичная", "Столичное"), ("Ёмкий", "Ёмкая", "Ёмкое"),
    ]
    /// Nouns with grammatical gender: 0 masculine, 1 feminine, 2 neuter.
    static let ruNouns: [(String, Int)] = [
        ("Ветер", 0), ("Клён", 0), ("Берег", 0), ("Мир", 0), ("Полёт", 0), ("Остров", 0), ("Дом", 0), ("Парус", 0),
        ("Ёж", 0), ("Самоцвет", 0), ("Берёза", 1), ("Звезда", 1), ("Ёлка", 1), ("Волна", 1), ("Линия", 1),
        ("Радуга", 1), ("Лавка", 1), ("Галерея", 1), ("Планета", 1), ("Поле", 2), ("Солнце", 2), ("Время", 2),
        ("Облако", 2), ("Озеро", 2), ("Утро", 2),
    ]
    static let ruWords = [
        "Фармация", "Канцлер", "Вектор", "Альянс", "Ёлочка", "Зёрнышко", "Мёд", "Партнёр", "Орёл", "Сокол",
        "Меридиан", "Гранит", "Берёзка", "Звёздочка", "Фотомир", "Канцтовары", "Сувенир", "Подарок", "Часовщик",
        "Хронометр", "Полиграф", "Ремёсла", "Семёрка", "Клёвер", "Прогресс", "Ритм", "Стиль", "Объектив",
        "Тетрадь", "Циферблат", "Лёвушка", "Щегол", "Эхо", "Юность", "Ямщик",
    ]
    static let ruForms = ["ООО", "ООО", "ООО", "ООО", "АО", "ЗАО", "ПАО", "ТД", "ТК"]
    static let upperRoots = ["ФАРМА", "КАНЦ", "ОФИС", "ФОТО", "ЧАС", "ДАР", "ЁЛКА", "ЛЁН", "СЕВЕР", "ПОЛИ", "АРТ", "ТЕХ"]
    static let upperTails = ["ЦЕНТР", "ТОРГ", "ОПТ", "СНАБ", "СЕРВИС", "ТРЕЙД", "ЛЮКС", "МАРКЕТ", "ПРОМ", "СТИЛЬ"]
    static let ruTails = ["Плюс", "Трейд", "Групп", "Маркет", "Снаб", "Опт"]
    static let enAdjectives = ["Bright", "Silver", "Golden", "Blue", "Green", "Northern", "Royal", "Swift", "Quiet",
                               "Red", "Happy", "Smart", "Urban", "Crystal", "Maple", "Oak"]
    static let enNouns = ["Paper", "Pen", "Time", "Lens", "Gift", "Clock", "Frame", "Office", "Craft", "Harbor",
                          "Star", "Line", "Leaf", "Stone", "Ink", "Photo"]
    static let enForms = ["Ltd", "LLC", "Inc.", "Co.", "Trading", "GmbH", "& Sons", "Group"]

    enum NameStyle { case russian, english, soleTrader }

    struct Company {
        var name: String
        var slug: String
        var style: NameStyle
        /// A sole trader's own name ("Ёлкин Пётр Семёнович") and e-mail local part.
        var owner: (name: String, local: String)? = nil
    }

    /// A company name and a slug for its domain name. `style` tells whether its people are
    /// more likely to have English names.
    static func companyName(_ r: inout DemoRandom, salesType: Int) -> Company {
        // Sole traders (ИП) are typically single retail points.
        let soleTraderChance = salesType == 2 ? 0.22 : 0.02
        if r.chance(soleTraderChance) {
            let male = r.chance(0.55)
            let s = r.pick(ruSurnames)
            let surname = male ? s.m : s.f
            let first = male ? r.pick(ruMale).name : r.pick(ruFemale)
            let father = r.pick(ruMale)
            let pat = male ? father.patM : father.patF
            let owner = (name: "\(surname) \(first) \(pat)", local: translit(String(first.prefix(1))) + "." + translit(surname))
            let name = r.chance(0.5) ? "ИП \(surname)" : "ИП \(surname) \(first.prefix(1)).\(pat.prefix(1))."
            return Company(name: name, slug: translit(surname), style: .soleTrader, owner: owner)
        }
        switch r.int(0...99) {
        case 0..<30: // ООО «Фармация-12», АО «Северный Ветер»
            let form = r.pick(ruForms)
            let core: String
            if r.chance(0.45) {
                core = adjectiveNoun(&r)
            } else {
                let w = r.pick(ruWords)
                core = r.chance(0.35) ? "\(w)-\(r.int(1...99))" : w
            }
            return Company(name: "\(form) «\(core)»", slug: translit(core), style: .russian)
        case 30..<45: // ФАРМА-ЦЕНТР
            let core = "\(r.pick(upperRoots))-\(r.pick(upperTails))"
            return Company(name: core, slug: translit(core), style: .russian)
        case 45..<65: // Северный Ветер
            let core = adjectiveNoun(&r)
            return Company(name: core, slug: translit(core), style: .russian)
        case 65..<75: // Канцтовары Плюс
            let core = "\(r.pick(ruWords)) \(r.pick(ruTails))"
            return Company(name: core, slug: translit(core), style: .russian)
        case 75..<85: // «Берёзка», ООО
            let w = r.pick(ruWords)
            return Company(name: "«\(w)», ООО", slug: translit(w), style: .russian)
        default: // Bright Paper Ltd
            let core = "\(r.pick(enAdjectives)) \(r.pick(enNouns))"
            return Company(name: "\(core) \(r.pick(enForms))", slug: translit(core), style: .english)
        }
    }

    static func adjectiveNoun(_ r: inout DemoRandom) -> String {
        let (noun, gender) = r.pick(ruNouns)
        let a = r.pick(ruAdjectives)
        let adj = gender == 0 ? a.0 : gender == 1 ? a.1 : a.2
        return "\(adj) \(noun)"
    }

    /// A person's full name ("Королёв Пётр Семёнович" or "Emily Clarke") and an e-mail local part.
    static func person(_ r: inout DemoRandom, english: Bool) -> (name: String, local: String) {
        if english {
            let f = r.pick(enFirst), l = r.pick(enLast)
            return ("\(f) \(l)", translit(String(f.prefix(1))) + "." + translit(l))
        }
        let male = r.chance(0.5)
        let s = r.pick(ruSurnames)
        let surname = male ? s.m : s.f
        let first = male ? r.pick(ruMale).name : r.pick(ruFemale)
        let father = r.pick(ruMale)
        let pat = male ? father.patM : father.patF
        // 1C style: surname first. A few without patronymic.
        let name = r.chance(0.9) ? "\(surname) \(first) \(pat)" : "\(first) \(surname)"
        return (name, translit(String(first.prefix(1))) + "." + translit(surname))
    }

    // MARK: Phones, addresses

    /// "+7 (495) 123-45-67" or "+7 (4822) 12-34-56": ten digits after the country code.
    static func phone(_ r: inout DemoRandom, code: String) -> String {
        let rest = 10 - code.count
        var digits = ""
        for i in 0..<rest { digits.append(Character(String(i == 0 ? r.int(2...9) : r.int(0...9)))) }
        let chars = Array(digits)
        // Last four as XX-XX, the rest before.
        let head = String(chars[0..<(rest - 4)])
        let tail = String(chars[(rest - 4)..<(rest - 2)]) + "-" + String(chars[(rest - 2)...])
        return "+7 (\(code)) \(head)-\(tail)"
    }

    static func mobile(_ r: inout DemoRandom) -> String {
        phone(&r, code: "9\(r.int(10...99))")
    }

    static func address(_ r: inout DemoRandom, city: (city: String, code: String, postal: String)) -> String {
        let n = r.int(0...999)
        let postal = city.postal + (n < 10 ? "00" : n < 100 ? "0" : "") + String(n)
        var s = "\(postal), г. \(city.city), \(r.pick(streets)), д. \(r.int(1...150))"
        if r.chance(0.3) { s += "/\(r.int(1...9))" }
        if r.chance(0.6) { s += ", оф. \(r.int(1...450))" }
        return s
    }

    // MARK: Transliteration (for e-mail addresses)

    private static let translitTable: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    /// Lower-case ASCII slug: Cyrillic transliterated, spaces and punctuation as single hyphens.
    static func translit(_ s: String) -> String {
        var out = ""
        var pendingHyphen = false
        for ch in s.lowercased() {
            let piece: String
            if let t = translitTable[ch] { piece = t }
            else if ch.isASCII && (ch.isLetter || ch.isNumber) { piece = String(ch) }
            else { if !out.isEmpty { pendingHyphen = true }; continue }
            if piece.isEmpty { continue }
            if pendingHyphen { out += "-"; pendingHyphen = false }
            out += piece
        }
        return out.isEmpty ? "client" : out
    }
}
