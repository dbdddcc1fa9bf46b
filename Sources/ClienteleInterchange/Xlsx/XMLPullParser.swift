import Foundation

/// Bytes read a chunk at a time from a refill function (a file) or held in memory. A struct
/// inside the parser's state: reading a byte is then no dynamic exclusivity check of a class
/// property (those checks were a quarter of an xlsx import's reading).
package struct ByteReader {
    private var buffer: [UInt8]
    private var index = 0
    private var count = 0
    /// Bytes consumed before the current buffer.
    private var base = 0
    private let refill: ((inout [UInt8]) throws -> Int)?

    package init(data: Data) {
        buffer = [UInt8](data)
        count = buffer.count
        refill = nil
    }

    /// `refill` fills the buffer from its start and returns how many bytes it put there (0 at the end).
    package init(chunkSize: Int = 1 << 16, refill: @escaping (inout [UInt8]) throws -> Int) {
        buffer = [UInt8](repeating: 0, count: chunkSize)
        self.refill = refill
    }

    /// Bytes read so far.
    package var position: Int { base + index }

    @inline(__always)
    package mutating func next() throws -> UInt8? {
        if index == count {
            guard let refill else { return nil }
            base += count
            count = try refill(&buffer)
            index = 0
            if count == 0 { return nil }
        }
        let b = buffer[index]
        index += 1
        return b
    }
}

/// The XML of a part of an .xlsx file is not well formed (or uses what SpreadsheetML never
/// does: a DOCTYPE, entities of its own).
package struct XMLMalformed: Error, Equatable {
    package var offset: Int
    package var reason: String
}

/// A small streaming XML reader, enough for SpreadsheetML: elements, attributes, text, the
/// five predefined entities and character references, comments, CDATA and processing
/// instructions. No DOCTYPE (so no entity expansion), bounded names, attributes, depth and
/// text: memory stays flat whatever the input. Names lose their namespace prefix (`x:row`
/// is `row`). FoundationXML is not used: in a static build it needs ICU (~35 MB).
///
/// Two ways to read: `next()` gives events with the name and attributes as `String`s (the
/// small parts of a workbook); `nextRaw()` gives only the kind of event and leaves the name
/// and the attributes as bytes in buffers reused from one element to the next (`nameIs`,
/// `attribute`), so a sheet of millions of cells is read without a dictionary or a string
/// per element. Both check the same things and throw the same errors.
///
/// ```swift
/// let xml = XMLPullParser(ByteReader(data: Data("<a x='1'>hi</a>".utf8)))
/// while let event = try xml.next() { print(event) }   // start a [x: 1], text hi, end a
/// ```
package final class XMLPullParser {
    package enum Event: Equatable {
        case start(String, [String: String])
        case end(String)
        /// Text between tags (entities decoded), white space included.
        case text(String)
    }

    /// What `nextRaw` found: the name is `name`/`nameIs`, the attributes `attribute`, the text `text`.
    package enum RawEvent: Equatable { case start, end, text }

    private var core: XMLCore

    package static let maxDepth = 64
    package static let maxName = 256
    package static let maxAttributes = 64

    package init(_ reader: ByteReader, maxText: Int = 1 << 20) {
        core = XMLCore(reader, maxText: maxText)
    }

    package var position: Int { core.reader.position }
    /// Text longer than this is cut, and `textWasCut` tells so.
    package var maxText: Int { core.maxText }
    package var textWasCut: Bool { core.textWasCut }
    /// The current element's name (of a start or end event), prefix dropped.
    package var name: [UInt8] { core.name }
    /// The text of the last `.text` event (entities decoded).
    package var text: String { core.text }

    package func nextRaw() throws -> RawEvent? { try core.nextRaw() }

    /// Whether the current element's name is `n` (bytes, without a prefix).
    package func nameIs(_ n: [UInt8]) -> Bool { core.name == n }

    /// The value of the current start tag's attribute `n` (decoded bytes), if it has one.
    package func attribute(_ n: [UInt8]) -> ArraySlice<UInt8>? { core.attribute(n) }

    package func next() throws -> Event? {
        guard let raw = try nextRaw() else { return nil }
        switch raw {
        case .start:
            var attributes: [String: String] = [:]
            for (n, v) in core.attributeRanges {
                attributes[String(decoding: core.attributeBytes[n], as: UTF8.self)] = String(decoding: core.attributeBytes[v], as: UTF8.self)
            }
            return .start(String(decoding: core.name, as: UTF8.self), attributes)
        case .end: return .end(String(decoding: core.name, as: UTF8.self))
        case .text: return .text(core.text)
        }
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#65;` `&#x41;`; anything else is malformed.
    package static func decodeEntities(_ bytes: [UInt8], at offset: Int) throws -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: try decodeEntityBytes(bytes, at: offset), as: UTF8.self)
    }

    static func decodeEntityBytes(_ bytes: [UInt8], at offset: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            guard let semi = bytes[i...].prefix(12).firstIndex(of: 0x3B) else {
                throw XMLMalformed(offset: offset, reason: "an '&' that starts no entity")
            }
            let name = String(decoding: bytes[(i + 1)..<semi], as: UTF8.self)
            switch name {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                var code: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { code = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { code = UInt32(name.dropFirst(), radix: 10) }
                guard let code, let scalar = Unicode.Scalar(code) else {
                    throw XMLMalformed(offset: offset, reason: "an unknown entity &\(name);")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = semi + 1
        }
        return out
    }
}

/// The parser's state and its reading, as a struct: `XMLPullParser` calls its mutating
/// methods on one stored property, so the byte-by-byte work inside them reaches its fields
/// without the dynamic exclusivity checks that every access to a class's property costs.
private struct XMLCore {
    let maxDepth = XMLPullParser.maxDepth, maxName = XMLPullParser.maxName, maxAttributes = XMLPullParser.maxAttributes
    var reader: ByteReader
    /// The names of the open elements, one after another, and where each ends.
    private var stackBytes: [UInt8] = []
    private var stackEnds: [Int] = []
    private var pendingEnd = false
    private var pendingTag = false
    private var textBytes: [UInt8] = []
    /// The current element's name (of a start or end event), prefix dropped.
    fileprivate(set) var name: [UInt8] = []
    /// The current start tag's attributes: names and decoded values in `attributeBytes`.
    fileprivate(set) var attributeBytes: [UInt8] = []
    fileprivate(set) var attributeRanges: [(name: Range<Int>, value: Range<Int>)] = []
    private var scratch: [UInt8] = []
    /// The text of the last `.text` event (entities decoded).
    fileprivate(set) var text = ""
    /// Text longer than this is cut, and `textWasCut` tells so.
    let maxText: Int
    fileprivate(set) var textWasCut = false

    init(_ reader: ByteReader, maxText: Int) {
        self.reader = reader
        self.maxText = maxText
    }

    private func fail(_ reason: String) -> XMLMalformed { XMLMalformed(offset: reader.position, reason: reason) }

    private var depth: Int { stackEnds.count }

    /// The value of the current start tag's attribute `n` (decoded bytes), if it has one.
    func attribute(_ n: [UInt8]) -> ArraySlice<UInt8>? {
        for (a, v) in attributeRanges where attributeBytes[a].elementsEqual(n) { return attributeBytes[v] }
        return nil
    }

    mutating func nextRaw() throws -> XMLPullParser.RawEvent? {
        if pendingEnd { pendingEnd = false; return .end }
        if pendingTag { pendingTag = false; return try tag() }
        textBytes.removeAll(keepingCapacity: true)
        textWasCut = false
        var blank = true
        while let b = try read() {
            if b == 0x3C {
                if !textBytes.isEmpty {
                    pendingTag = true
                    text = try XMLPullParser.decodeEntities(textBytes, at: reader.position)
                    return .text
                }
                if let event = try tag() { return event }
                continue
            }
            if depth == 0 {
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || (b == 0xEF || b == 0xBB || b == 0xBF) && reader.position <= 3 else {
                    throw fail("text outside the root element")
                }
                continue
            }
            if blank && !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) { blank = false }
            if textBytes.count < maxText { textBytes.append(b) } else { textWasCut = true }
        }
        if depth > 0 { throw fail("the XML ends inside <\(openName)>") }
        if !blank { throw fail("text outside the root element") }
        return nil
    }

    private var openName: String {
        String(decoding: stackBytes[(stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0)...], as: UTF8.self)
    }

    /// After `<`: a start or end tag, or nil for a comment, PI or CDATA handled here.
    private mutating func tag() throws -> XMLPullParser.RawEvent? {
        guard let first = try read() else { throw fail("the XML ends inside a tag") }
        switch first {
        case 0x3F:                                  // <? ... ?>
            try skip(until: [0x3F, 0x3E])
            return nil
        case 0x21:                                  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE
            let a = try read(), b = try read()
            if a == 0x2D && b == 0x2D { try skip(until: [0x2D, 0x2D, 0x3E]); return nil }
            if a == 0x5B && b == 0x43 {
                for expected in Array("DATA[".utf8) {
                    if try read() != expected { throw fail("a bad CDATA section") }
                }
                var cdata: [UInt8] = []
                var tail: [UInt8] = []
                while true {
                    guard let c = try read() else { throw fail("the XML ends inside a CDATA section") }
                    tail.append(c)
                    if tail.count > 3 { let x = tail.removeFirst(); if cdata.count < maxText { cdata.append(x) } else { textWasCut = true } }
                    if tail == [0x5D, 0x5D, 0x3E] { break }
                }
                if depth == 0 { throw fail("text outside the root element") }
                if cdata.isEmpty { return nil }
                text = String(decoding: cdata, as: UTF8.self)
                return .text
            }
            throw fail("a DOCTYPE or declaration, which a spreadsheet never holds")
        case 0x2F:                                  // </name>
            try readName(first: nil, attribute: false)
            try skipSpace()
            guard try read() == 0x3E else { throw fail("a bad end tag </\(String(decoding: name, as: UTF8.self))") }
            guard let end = stackEnds.last else { throw fail("an end tag </\(String(decoding: name, as: UTF8.self))> without a start tag") }
            let start = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
            guard stackBytes[start..<end].elementsEqual(name) else {
                throw fail("</\(String(decoding: name, as: UTF8.self))> closes <\(openName)>")
            }
            stackEnds.removeLast()
            stackBytes.removeSubrange(start...)
            return .end
        default:
            if depth == 0 && pendingRootSeen { throw fail("a second root element") }
            try readName(first: first, attribute: false)
            attributeBytes.removeAll(keepingCapacity: true)
            attributeRanges.removeAll(keepingCapacity: true)
            while true {
                var c = try read()
                while let s = c, s == 0x20 || s == 0x0A || s == 0x0D || s == 0x09 { c = try read() }
                guard let c else { throw fail("the XML ends inside <\(String(decoding: name, as: UTF8.self))") }
                if c == 0x3E { break }
                if c == 0x2F {
                    guard try read() == 0x3E else { throw fail("a bad empty-element tag <\(String(decoding: name, as: UTF8.self))") }
                    pendingEnd = true
                    if depth == 0 { pendingRootSeen = true }
                    return .start
                }
                try readName(first: c, attribute: true)
                try skipSpace()
                guard try read() == 0x3D else { throw fail("attribute \(String(decoding: scratch, as: UTF8.self)) of <\(String(decoding: name, as: UTF8.self))> has no value") }
                try skipSpace()
                guard let quote = try read(), quote == 0x22 || quote == 0x27 else {
                    throw fail("the value of attribute \(String(decoding: scratch, as: UTF8.self)) of <\(String(decoding: name, as: UTF8.self))> is not quoted")
                }
                let nameStart = attributeBytes.count
                attributeBytes.append(contentsOf: scratch)
                let valueStart = attributeBytes.count
                var entities = false
                while true {
                    guard let v = try read() else { throw fail("the XML ends inside an attribute value") }
                    if v == quote { break }
                    if v == 0x3C { throw fail("a '<' inside an attribute value") }
                    guard attributeBytes.count - valueStart < maxText else { throw fail("an attribute value longer than \(maxText) bytes") }
                    if v == 0x26 { entities = true }
                    attributeBytes.append(v)
                }
                // As in a dictionary: a repeated attribute replaces the earlier value, and the
                // limit counts different names.
                let names = nameStart..<valueStart
                let earlier = attributeRanges.firstIndex { attributeBytes[$0.name].elementsEqual(attributeBytes[names]) }
                guard attributeRanges.count < maxAttributes else {
                    throw fail("more than \(maxAttributes) attributes on <\(String(decoding: name, as: UTF8.self))>")
                }
                if entities {
                    let decoded = try XMLPullParser.decodeEntityBytes(Array(attributeBytes[valueStart...]), at: reader.position)
                    attributeBytes.removeSubrange(valueStart...)
                    attributeBytes.append(contentsOf: decoded)
                }
                let entry = (name: names, value: valueStart..<attributeBytes.count)
                if let earlier { attributeRanges[earlier] = entry } else { attributeRanges.append(entry) }
            }
            guard depth < maxDepth else { throw fail("elements nested deeper than \(maxDepth)") }
            if depth == 0 { pendingRootSeen = true }
            stackBytes.append(contentsOf: name)
            stackEnds.append(stackBytes.count)
            return .start
        }
    }

    private var pendingRootSeen = false

    private mutating func skipSpace() throws {
        // Peeking is not possible; names end at the space, so only `=`, `>` and quotes follow
        // the spaces this skips: read them back through `pushBack`.
        while let c = try read() {
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
            pushBack = c
            return
        }
    }

    private var pushBack: UInt8?

    @inline(__always)
    private mutating func read() throws -> UInt8? {
        if let b = pushBack { pushBack = nil; return b }
        return try reader.next()
    }

    /// A name up to a space, `=`, `/` or `>` (which is pushed back), into `name` (or, for an
    /// attribute, `scratch`); the prefix before `:` dropped.
    private mutating func readName(first: UInt8?, attribute: Bool) throws {
        var bytes: [UInt8] = []
        if attribute { swap(&bytes, &scratch) } else { swap(&bytes, &name) }
        defer { if attribute { swap(&bytes, &scratch) } else { swap(&bytes, &name) } }
        bytes.removeAll(keepingCapacity: true)
        if let first { bytes.append(first) }
        while true {
            guard let c = try read() else { throw fail("the XML ends inside a name") }
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x3D || c == 0x2F || c == 0x3E {
                pushBack = c
                break
            }
            if c == 0x3C || c == 0x22 || c == 0x27 { throw fail("a bad character in a name") }
            guard bytes.count < maxName else { throw fail("a name longer than \(maxName) bytes") }
            bytes.append(c)
        }
        guard !bytes.isEmpty else { throw fail("a tag without a name") }
        if let colon = bytes.lastIndex(of: 0x3A) { bytes.removeSubrange(...colon) }
    }

    private mutating func skip(until terminator: [UInt8]) throws {
        var matched = 0
        while let c = try read() {
            if c == terminator[matched] {
                matched += 1
                if matched == terminator.count { return }
            } else {
                matched = c == terminator[0] ? 1 : 0
            }
        }
        throw fail("the XML ends inside a comment or processing instruction")
    }
}
