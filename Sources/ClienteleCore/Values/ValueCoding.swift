/// Money and percents as exact text ("1234.56", "2.5%"), like dates (ISO text): so that a
/// host's `Decodable` struct can hold them (result rows decode them directly, without this
/// text form; JSON and other coders use it).
extension Money: Codable {
    /// Decodes the plain text form, "-1234.56".
    ///
    /// ```swift
    /// let m = try JSONDecoder().decode([Money].self, from: Data(#"["12.50"]"#.utf8))
    /// ```
    public init(from decoder: Decoder) throws {
        self = try Money(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the plain text form, "-1234.56": never a binary floating-point number.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(Money(minorUnits: 1250))   // "\"12.50\""
    /// ```
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(plain)
    }
}

extension Percent: Codable {
    /// Decodes "2.5%" or "2.5".
    ///
    /// ```swift
    /// let p = try JSONDecoder().decode([Percent].self, from: Data(#"["2.5%"]"#.utf8))
    /// ```
    public init(from decoder: Decoder) throws {
        self = try Percent(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes "2.5%".
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(Percent(basisPoints: 250))   // "\"2.5%\""
    /// ```
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
