import Foundation
import ClienteleCore

/// Turns the bytes of an imported file into text: UTF-8 with or without a BOM, or
/// Windows-1251 when the bytes are not valid UTF-8.
package enum TextDecoding {
    package struct Decoded {
        package var text: String
        package var encoding: TextEncodingChoice
        package var byteOrderMark: Bool
    }

    package static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    package static func decode(_ data: Data, choice: TextEncodingChoice, path: String) throws -> Decoded {
        let hasBOM = data.starts(with: utf8BOM)
        let body = hasBOM ? data.dropFirst(3) : data[...]
        switch choice {
        case .windows1251:
            return Decoded(text: windows1251(body), encoding: .windows1251, byteOrderMark: false)
        case .utf8:
            guard let s = String(validating: body, as: UTF8.self) else {
                throw ImportError.notUTF8(path: path, offset: firstInvalidUTF8Offset(body) + (hasBOM ? 3 : 0))
            }
            return Decoded(text: s, encoding: .utf8, byteOrderMark: hasBOM)
        case .auto:
            if let s = String(validating: body, as: UTF8.self) {
                return Decoded(text: s, encoding: .utf8, byteOrderMark: hasBOM)
            }
            return Decoded(text: windows1251(body), encoding: .windows1251, byteOrderMark: false)
        }
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence.
    package static func firstInvalidUTF8Offset<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// Exact Windows-1251 decoding: ASCII below 0x80, this table above.
    package static func windows1251<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = windows1251High[Int(b) - 0x80]
            appendUTF8(scalar, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes text as Windows-1251; characters it lacks become `?`.
    package static func encodeWindows1251(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if s.value < 0x80 { out.append(UInt8(s.value)); continue }
            if let i = windows1251High.firstIndex(of: UInt16(s.value)) { out.append(UInt8(0x80 + i)) } else { out.append(0x3F) }
        }
        return out
    }

    private static func appendUTF8(_ v: UInt16, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Unicode code points of bytes 0x80...0xFF in Windows-1251. 0x98 is unassigned and
    /// maps to U+0098, as Foundation's `.windowsCP1251` does.
    package static let windows1251High: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 88
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
        0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 98
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // A0
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // A8
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // B0
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // B8
    ] + (0x0410...0x044F).map { UInt16($0) }                           // C0...FF: А...я
}
