import Foundation

/// A stand-in PostgreSQL server on 127.0.0.1 for one connection: it asks for a clear-text
/// password and refuses it as a real server refuses a wrong one (FATAL 28P01), so that the
/// wrong-password message can be tested although the test cluster trusts every login.
final class PasswordRefusingServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var password: String?
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 1) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { [self] in
            defer { done.signal() }
            let c = accept(fd, nil, nil)
            guard c >= 0 else { return }
            defer { close(c) }
            serve(c)
        }
    }

    deinit { close(listener) }

    /// The password the client sent (waits for the exchange to end, at most 10 s).
    func passwordReceived() -> String? {
        _ = done.wait(timeout: .now() + 10)
        return lock.withLock { password }
    }

    private func serve(_ c: Int32) {
        // The start-up message, after an SSL request answered "no".
        guard var length = readInt32(c) else { return }
        var body = readBytes(c, Int(length) - 4)
        if length == 8, body.count == 4, body == [0x04, 0xD2, 0x16, 0x2F] {
            send(c, [UInt8(ascii: "N")])
            guard let l = readInt32(c) else { return }
            length = l
            body = readBytes(c, Int(length) - 4)
        }
        send(c, [UInt8(ascii: "R")] + int32(8) + int32(3))   // AuthenticationCleartextPassword
        guard readBytes(c, 1) == [UInt8(ascii: "p")], let plen = readInt32(c) else { return }
        let secret = readBytes(c, Int(plen) - 4)
        lock.withLock { password = String(decoding: secret.prefix { $0 != 0 }, as: UTF8.self) }
        var fields: [UInt8] = []
        for (code, text) in [("S", "FATAL"), ("V", "FATAL"), ("C", "28P01"), ("M", "password authentication failed for user \"ann\"")] {
            fields += [UInt8(ascii: Unicode.Scalar(code)!)] + Array(text.utf8) + [0]
        }
        fields.append(0)
        send(c, [UInt8(ascii: "E")] + int32(Int32(fields.count + 4)) + fields)
    }

    private func int32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

    private func readInt32(_ c: Int32) -> Int32? {
        let b = readBytes(c, 4)
        guard b.count == 4 else { return nil }
        return b.reduce(0) { ($0 << 8) | Int32($1) }
    }

    private func readBytes(_ c: Int32, _ n: Int) -> [UInt8] {
        guard n > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: n)
        var got = 0
        while got < n {
            let r = out.withUnsafeMutableBytes { recv(c, $0.baseAddress! + got, n - got, 0) }
            if r <= 0 { return Array(out.prefix(got)) }
            got += r
        }
        return out
    }

    private func send(_ c: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(c, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }
}
