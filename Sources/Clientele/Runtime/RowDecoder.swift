import Foundation
import ClienteleCore

/// A `Decoder` over one result row: a keyed container whose keys are column names, each
/// value decoded by `ValueDecoding`, errors naming the column.
struct RowDecoder: Decoder {
    let row: ResultRow
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw ValueDecoding.failure("a row decodes into a struct with a property per column, not into an array")
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        throw ValueDecoding.failure("a row decodes into a struct with a property per column, not into a single value")
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: ResultRow
    var codingPath: [CodingKey] { [] }
    var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool { row[key.stringValue] != nil }

    func value(_ key: Key) throws -> (ClienteleCore.Column, Value) {
        guard let i = row.layout.index[key.stringValue] else {
            let names = row.columns.map(\.name).joined(separator: ", ")
            throw ValueDecoding.failure("the result has no column '\(key.stringValue)' (it has \(names))")
        }
        return (row.columns[i], row.values[i])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).1.isNull }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }

    // The primitive requirements, all through the one generic path.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let (column, value) = try self.value(key)
        return try ValueDecoding.decode(T.self, from: value, column: column)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw ValueDecoding.failure("column '\(key.stringValue)' holds one value, not a nested struct")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        throw ValueDecoding.failure("column '\(key.stringValue)' holds one value, not an array")
    }

    func superDecoder() throws -> Decoder { RowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> Decoder { RowDecoder(row: row) }
}

/// One value of a column into a host's type: the language's types where they fit exactly.
enum ValueDecoding {
    static func failure(_ message: String) -> ClienteleError {
        ClienteleError.decoding(.init(message: message))
    }

    static func decode<T: Decodable>(_ type: T.Type, from value: Value, column: ClienteleCore.Column) throws -> T {
        func mismatch(_ wanted: String? = nil) -> ClienteleError {
            let what = value.isNull ? "is empty" : "is \(column.type) (\(value.plain))"
            let hint = wanted.map { "; decode it as \($0)" } ?? ""
            return failure("column '\(column.name)' \(what), which does not decode as \(T.self)\(hint)")
        }
        if value.isNull {
            // An optional property decodes nil through decodeNil; here a value is required.
            throw mismatch("an optional")
        }
        let hint: String = {
            switch value {
            case .money: return "Money or Decimal"
            case .date: return "CalendarDate or Date"
            case .percent: return "Percent"
            case .decimal: return "Decimal or Double"
            case .integer: return "Int, Int64 or Decimal"
            case .text: return "String"
            case .boolean: return "Bool"
            case .null: return "an optional"
            }
        }()
        switch value {
        case .money(let m):
            if let v = m as? T { return v }
            if T.self == Decimal.self, let v = m.decimal as? T { return v }
        case .date(let d):
            if let v = d as? T { return v }
            if T.self == Date.self, let v = date(d) as? T { return v }
        case .percent(let p):
            if let v = p as? T { return v }
        case .text(let s):
            if let v = s as? T { return v }
            // A String enum or a host's wrapper reads it through a single-value container.
            if !isLanguageType(T.self) { return try T(from: ValueDecoder(value: value, column: column)) }
        case .boolean(let b):
            if let v = b as? T { return v }
        case .integer(let i):
            if let v = integer(i, as: T.self) { return v }
            if T.self == Decimal.self, let v = Decimal(i) as? T { return v }
            if T.self == Double.self, let v = Double(i) as? T { return v }
            if let range = integerRange(T.self) { throw failure("column '\(column.name)' holds \(i), outside the range of \(T.self) (\(range))") }
        case .decimal(let d):
            if let v = d as? T { return v }
            if T.self == Double.self, let v = NSDecimalNumber(decimal: d).doubleValue as? T { return v }
        case .null:
            break
        }
        throw mismatch(hint)
    }

    /// Midnight UTC of the day: a calendar date has no time of day and no time zone.
    static func date(_ d: CalendarDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(d.dayNumber - CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86_400)
    }

    private static func isLanguageType(_ t: Any.Type) -> Bool {
        t == String.self || t == Money.self || t == CalendarDate.self || t == Percent.self || t == Decimal.self
            || t == Date.self || t == Bool.self || t == Double.self || integerRange(t) != nil
    }

    private static func integer<T>(_ i: Int64, as type: T.Type) -> T? {
        switch type {
        case is Int.Type: return Int(exactly: i) as? T
        case is Int64.Type: return i as? T
        case is Int32.Type: return Int32(exactly: i) as? T
        case is Int16.Type: return Int16(exactly: i) as? T
        case is Int8.Type: return Int8(exactly: i) as? T
        case is UInt.Type: return UInt(exactly: i) as? T
        case is UInt64.Type: return UInt64(exactly: i) as? T
        case is UInt32.Type: return UInt32(exactly: i) as? T
        case is UInt16.Type: return UInt16(exactly: i) as? T
        case is UInt8.Type: return UInt8(exactly: i) as? T
        default: return nil
        }
    }

    private static func integerRange(_ t: Any.Type) -> String? {
        switch t {
        case is Int.Type: return "\(Int.min)...\(Int.max)"
        case is Int64.Type: return "\(Int64.min)...\(Int64.max)"
        case is Int32.Type: return "\(Int32.min)...\(Int32.max)"
        case is Int16.Type: return "\(Int16.min)...\(Int16.max)"
        case is Int8.Type: return "\(Int8.min)...\(Int8.max)"
        case is UInt.Type: return "0...\(UInt.max)"
        case is UInt64.Type: return "0...\(UInt64.max)"
        case is UInt32.Type: return "0...\(UInt32.max)"
        case is UInt16.Type: return "0...\(UInt16.max)"
        case is UInt8.Type: return "0...\(UInt8.max)"
        default: return nil
        }
    }
}

/// One text value for a host type that decodes itself from a single value (a `String`
/// raw-value enum, a wrapper around a name).
private struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: Value
    let column: ClienteleCore.Column
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw ValueDecoding.failure("column '\(column.name)' holds one value, not a nested struct")
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw ValueDecoding.failure("column '\(column.name)' holds one value, not an array")
    }
    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeOne(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeOne(type) }
    func decode(_ type: String.Type) throws -> String { try decodeOne(type) }
    func decode(_ type: Double.Type) throws -> Double { try decodeOne(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeOne(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeOne(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeOne(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeOne(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeOne(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeOne(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeOne(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeOne(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeOne(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeOne(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeOne(type) }

    private func decodeOne<T: Decodable>(_ type: T.Type) throws -> T {
        guard T.self == String.self, case .text(let s) = value, let v = s as? T else {
            throw ValueDecoding.failure("column '\(column.name)' is \(column.type) (\(value.plain)), which does not decode as \(T.self)")
        }
        return v
    }
}
