import Foundation

/// Bytes read a chunk at a time from a refill function (a file) or held in memory.
package final class ByteReader {
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
    package func next() throws -> UInt8? {
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

    private let reader: ByteReader
    private var stack: [String] = []
    private var pendingEnd: String?
    private var pendingTag = false
    private var text: [UInt8] = []
    /// Text longer than this is cut, and `textWasCut` tells so.
    package let maxText: Int
    package private(set) var textWasCut = false

    package static let maxDepth = 64
    package static let maxName = 256
    package static let maxAttributes = 64

    package init(_ reader: ByteReader, maxText: Int = 1 << 20) {
        self.reader = reader
        self.maxText = maxText
    }

    package var position: Int { reader.position }

    private func fail(_ reason: String) -> XMLMalformed { XMLMalformed(offset: reader.position, reason: reason) }

    package func next() throws -> Event? {
        if let e = pendingEnd { pendingEnd = nil; return .end(e) }
        if pendingTag { pendingTag = false; return try tag() }
        text.removeAll(keepingCapacity: true)
        textWasCut = false
        var blank = true
        while let b = try read() {
            if b == 0x3C {
                if !text.isEmpty { pendingTag = true; return .text(try decodedText()) }
                if let event = try tag() { return event }
                continue
            }
            if stack.isEmpty {
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || (b == 0xEF || b == 0xBB || b == 0xBF) && reader.position <= 3 else {
                    throw fail("text outside the root element")
                }
                continue
            }
            if blank && !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) { blank = false }
            if text.count < maxText { text.append(b) } else { textWasCut = true }
        }
        if !stack.isEmpty { throw fail("the XML ends inside <\(stack.last!)>") }
        if !blank { throw fail("text outside the root element") }
        return nil
    }

    /// After `<`: a start or end tag, or nil for a comment, PI or CDATA handled here.
    private func tag() throws -> Event? {
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
                if stack.isEmpty { throw fail("text outside the root element") }
                return cdata.isEmpty ? nil : .text(String(decoding: cdata, as: UTF8.self))
            }
            throw fail("a DOCTYPE or declaration, which a spreadsheet never holds")
        case 0x2F:                                  // </name>
            let name = try readName(first: nil)
            try skipSpace()
            guard try read() == 0x3E else { throw fail("a bad end tag </\(name)") }
            guard let open = stack.popLast() else { throw fail("an end tag </\(name)> without a start tag") }
            guard open == name else { throw fail("</\(name)> closes <\(open)>") }
            return .end(name)
        default:
            if stack.isEmpty && pendingRootSeen { throw fail("a second root element") }
            let name = try readName(first: first)
            var attributes: [String: String] = [:]
            while true {
                var c = try read()
                while let s = c, s == 0x20 || s == 0x0A || s == 0x0D || s == 0x09 { c = try read() }
                guard let c else { throw fail("the XML ends inside <\(name)") }
                if c == 0x3E { break }
                if c == 0x2F {
                    guard try read() == 0x3E else { throw fail("a bad empty-element tag <\(name)") }
                    pendingEnd = name
                    if stack.isEmpty { pendingRootSeen = true }
                    return .start(name, attributes)
                }
                let attribute = try readName(first: c)
                try skipSpace()
                guard try read() == 0x3D else { throw fail("attribute \(attribute) of <\(name)> has no value") }
                try skipSpace()
                guard let quote = try read(), quote == 0x22 || quote == 0x27 else {
                    throw fail("the value of attribute \(attribute) of <\(name)> is not quoted")
                }
                var value: [UInt8] = []
                while true {
                    guard let v = try read() else { throw fail("the XML ends inside an attribute value") }
                    if v == quote { break }
                    if v == 0x3C { throw fail("a '<' inside an attribute value") }
                    guard value.count < maxText else { throw fail("an attribute value longer than \(maxText) bytes") }
                    value.append(v)
                }
                guard attributes.count < XMLPullParser.maxAttributes else { throw fail("more than \(XMLPullParser.maxAttributes) attributes on <\(name)>") }
                attributes[attribute] = try XMLPullParser.decodeEntities(value, at: reader.position)
            }
            guard stack.count < XMLPullParser.maxDepth else { throw fail("elements nested deeper than \(XMLPullParser.maxDepth)") }
            if stack.isEmpty { pendingRootSeen = true }
            stack.append(name)
            return .start(name, attributes)
        }
    }

    private var pendingRootSeen = false

    private func skipSpace() throws {
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
    private func read() throws -> UInt8? {
        if let b = pushBack { pushBack = nil; return b }
        return try reader.next()
    }

    /// A name up to a space, `=`, `/` or `>` (which is pushed back); the prefix before `:` dropped.
    private func readName(first: UInt8?) throws -> String {
        var bytes: [UInt8] = []
        if let first { bytes.append(first) }
        while true {
            guard let c = try read() else { throw fail("the XML ends inside a name") }
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x3D || c == 0x2F || c == 0x3E {
                pushBack = c
                break
            }
            if c == 0x3C || c == 0x22 || c == 0x27 { throw fail("a bad character in a name") }
            guard bytes.count < XMLPullParser.maxName else { throw fail("a name longer than \(XMLPullParser.maxName) bytes") }
            bytes.append(c)
        }
        guard !bytes.isEmpty else { throw fail("a tag without a name") }
        if let colon = bytes.lastIndex(of: 0x3A) { bytes.removeSubrange(...colon) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func skip(until terminator: [UInt8]) throws {
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

    private func decodedText() throws -> String {
        try XMLPullParser.decodeEntities(text, at: reader.position)
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#65;` `&#x41;`; anything else is malformed.
    package static func decodeEntities(_ bytes: [UInt8], at offset: Int) throws -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
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
        return String(decoding: out, as: UTF8.self)
    }
}
