// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Clientele",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Clientele", targets: ["Clientele"]),
        .executable(name: "clientele", targets: ["ClienteleCLI"]),
        .executable(name: "clientele-bench", targets: ["ClienteleBench"]),
        .executable(name: "clientele-fuzz", targets: ["ClienteleFuzz"]),
        .executable(name: "clientele-example-host", targets: ["ClienteleExampleHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            path: "Sources/CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "CPrefetch",
            path: "Sources/CPrefetch"
        ),
        // The pure language core: values, syntax, semantics. No GRDB, no SQLite, no I/O.
        .target(
            name: "ClienteleCore",
            path: "Sources/ClienteleCore",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The SQLite backend: the store, schema and migrations, SQL functions, the order
        // facts and order scan, the C-API loops. The only target that imports GRDB or calls
        // sqlite3_*; the engine talks to it through ClienteleCore's storage protocols.
        .target(
            name: "ClienteleSQLite",
            dependencies: [
                "ClienteleCore",
                "ClienteleInterchange",
                "ClienteleDemo",
                "CPrefetch",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Sources/ClienteleSQLite",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Files in and out: the CSV readers (a `RecordSource` per format), the export writers
        // shared with rendering (one CSV, one JSON, one Markdown writer). No GRDB, no SQLite.
        .target(
            name: "ClienteleInterchange",
            dependencies: [
                "ClienteleCore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/ClienteleInterchange",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The demo client base as values (seeded, deterministic); the store side writes them.
        .target(
            name: "ClienteleDemo",
            dependencies: ["ClienteleCore"],
            path: "Sources/ClienteleDemo",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The PostgreSQL backend: a `StorageBackend` over postgres-nio, its schema and SQL
        // functions. Only the CLI and its tests depend on it: postgres-nio takes minutes to
        // build, and the engine (`Clientele`) opens any backend through the protocols.
        // It takes the default rows and the constraint sentences from ClienteleSQLite, their
        // one definition (until they move to the core).
        .target(
            name: "ClientelePostgres",
            dependencies: [
                "ClienteleCore",
                "ClienteleSQLite",
                "ClienteleInterchange",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Sources/ClientelePostgres",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "Clientele",
            dependencies: [
                "ClienteleCore",
                "ClienteleSQLite",
                "ClienteleInterchange",
                "ClienteleDemo",
            ],
            path: "Sources/Clientele",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ClienteleCLI",
            dependencies: [
                "Clientele",
                "ClienteleInterchange",
                "ClientelePostgres",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/clientele-cli",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "ClienteleBench",
            dependencies: ["Clientele", "ClientelePostgres"],
            path: "Sources/clientele-bench",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "ClienteleFuzz",
            dependencies: ["Clientele"],
            path: "Sources/clientele-fuzz",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The example host of docs/embedding.md: only the public API, Swift 6 mode. The CLI
        // tests run it, so it builds and works with every change.
        .executableTarget(
            name: "ClienteleExampleHost",
            dependencies: ["Clientele"],
            path: "Examples/ClienteleHost",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // One seeded generator, one temporary-store builder and the fixture loader, shared
        // by both test targets (not a product: nothing outside Tests/ depends on it).
        .target(
            name: "ClienteleTestSupport",
            dependencies: ["Clientele"],
            path: "Tests/ClienteleTestSupport",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ClienteleTests",
            dependencies: ["Clientele", "ClienteleCore", "ClienteleSQLite", "ClienteleInterchange", "ClienteleDemo", "ClienteleTestSupport"],
            path: "Tests/ClienteleTests",
            exclude: ["Golden", "Models/CDNOW"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ClienteleCLITests",
            dependencies: ["Clientele", "ClienteleCore", "ClienteleSQLite", "ClienteleInterchange", "ClienteleTestSupport"],
            path: "Tests/ClienteleCLITests",
            exclude: ["BadInput"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Needs a server: ./scripts/test runs under scripts/with-postgres, which sets
        // CLIENTELE_TEST_POSTGRES_URL; without it (a bare `swift test`) these tests skip.
        .testTarget(
            name: "ClientelePostgresTests",
            dependencies: ["ClientelePostgres", "ClienteleCore", "ClienteleSQLite", "Clientele", "ClienteleTestSupport"],
            path: "Tests/ClientelePostgresTests",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
