import Foundation
import ClienteleCore
import PostgresNIO

extension PostgresURL {
    /// postgres-nio's configuration for this address: a unix socket (never encrypted, as
    /// libpq) or TCP with the `sslmode` asked for. `prefer` and `require` do not verify the
    /// server's certificate, as libpq's do not.
    package func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            // sockaddr_un holds 108 bytes with the final NUL.
            guard socketPath.utf8.count <= 107 else {
                throw StoreError(.other, "cannot connect to \(self): the socket's path \(socketPath) is too long for a unix socket "
                                 + "(at most 107 bytes)")
            }
            return PostgresConnection.Configuration(unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable:
            tls = .disable
        case .prefer, .require:
            var t = TLSConfiguration.makeClientConfiguration()
            t.certificateVerification = .none
            // Nothing is verified, so no trust roots: loading the system's costs tens of ms a start.
            t.trustRoots = .certificates([])
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
