import Foundation
import ClienteleCore
import PostgresNIO

extension PostgresURL {
    /// postgres-nio's configuration for this address: a unix socket (never encrypted, as
    /// libpq) or TCP with the `sslmode` asked for. `prefer` and `require` do not verify the
    /// server's certificate, as libpq's do not.
    package func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return PostgresConnection.Configuration(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable:
            tls = .disable
        case .prefer, .require:
            var t = TLSConfiguration.makeClientConfiguration()
            t.certificateVerification = .none
            let context: NIOSSLContext
            do { context = try NIOSSLContext(configuration: t) } catch {
                throw StoreError(.other, "cannot set up TLS for \(self): \(error)")
            }
            tls = sslMode == .require ? .require(context) : .prefer(context)
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}

extension PostgresStore {
    /// The address, without the password.
    package var location: String { url.description }
}
